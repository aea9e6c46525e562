"""``MatchingEngine``: free-text address → :class:`Resolution` (category, level, code, why).

normalise ▸ read against the registry's names ▸ blocking (strict, then loose) ▸ candidates
from a source ▸ compare ▸ score ▸ decide. Pure given its names, candidate source and
rules; never raises on any text. A parent process builds it once and forks workers that
share it (it is not meant to be pickled: compiled, its frozen parts are not picklable).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from addressreg.match.admin import admin_candidates
from addressreg.match.blocking import loose_queries, strict_queries
from addressreg.match.compare import compare
from addressreg.match.decide import decide, requested_level
from addressreg.match.explain import explanation, standard_address
from addressreg.match.index import RegistryIndex
from addressreg.match.names import NameTable
from addressreg.match.query import Candidate, CandidateSource
from addressreg.match.reading import AddressReading, LocalGrammar, read_address
from addressreg.match.resolution import Category, Level, MatchCandidate, Resolution
from addressreg.match.rows import UnitRow
from addressreg.match.rules import MatchingRules
from addressreg.match.score import score
from addressreg.normalise.pipeline import normalise
from addressreg.standard.rules import AddressStandard, NormalisationRules
from addressreg.standard_address import AddressFormat

LEVEL_RANK = {level: rank for rank, level in enumerate(Level)}
CATEGORY_RANK = {category: rank for rank, category in enumerate(Category)}
MATCHED_BY = Candidate._fields.index("matched_by")
BRACKETS = re.compile(r"[()\[\]（）［］【】〔〕]")


@dataclass(init=False, unsafe_hash=True, slots=True)
class Scored:
    """A candidate with its comparisons and score."""

    candidate: Final[Candidate]
    match: Final[MatchCandidate]

    def __init__(self, candidate: Candidate, match: MatchCandidate) -> None:
        self.candidate = candidate
        self.match = match


@dataclass
class MatchingEngine:
    """Resolves address text against one registry (see the module docstring)."""

    names: NameTable
    units: Mapping[str, UnitRow]
    source: CandidateSource
    rules: MatchingRules
    normalisation: NormalisationRules
    grammar: LocalGrammar
    address_format: AddressFormat

    def read(self, text: str) -> AddressReading:
        """The reading of ``text``: normal form, registry names, door number, local part, gaps."""
        return read_address(text, normalise(text, self.normalisation), self.names, self.grammar)

    def resolve(self, text: str) -> Resolution:
        """Resolve one address (bad or empty input resolves to category U).

        Texts of the same normal form (they differ only in width, script, spacing, phone
        numbers...) resolve alike. (Resolutions are not kept by normal form: on 1M
        generated records a window of 4,096 found a repeat in 0.03 % of texts, for a
        regex pass on every text and thousands of resolutions for the garbage collector
        to walk; callers resolve identical texts once.) Bracketed text may be
        a note (门口) or part of a name (华昌大厦(西丽)); the normaliser drops notes, so an
        input with brackets that does not resolve to A is also read with only its brackets
        dropped, and the better resolution is kept.
        """
        text = text if isinstance(text, str) else ""
        normalised = normalise(text, self.normalisation)
        if BRACKETS.search(text):
            return self._resolve_bracketed(text, normalised)
        reading = read_address(text, normalised, self.names, self.grammar)
        return self._resolve_reading(reading, normalised)

    def _resolve_bracketed(self, text: str, normalised: str) -> Resolution:
        reading = read_address(text, normalised, self.names, self.grammar)
        resolution = self._resolve_reading(reading, normalised)
        if resolution.category is Category.A:
            return resolution
        kept = normalise(BRACKETS.sub("", text), self.normalisation)
        if kept == normalised:  # the same reading: the same resolution
            return resolution
        unbracketed = self._resolve_reading(read_address(text, kept, self.names, self.grammar), normalised)
        return unbracketed if _rank(unbracketed) < _rank(resolution) else resolution

    def _resolve_reading(self, reading: AddressReading, normalised: str) -> Resolution:
        scored = self._ranked(self._candidates(reading), reading)
        if not scored:
            admin, second = admin_candidates(reading, self.units)
            return self._resolution(reading, admin, second, None, normalised)
        best = scored[0]
        runner_up = next((s for s in scored[1:] if _identity(s.candidate) != _identity(best.candidate)), None)
        match = runner_up.match if runner_up else None
        return self._resolution(reading, best.match, match, best.candidate, normalised)

    def resolve_batch(self, texts: Iterable[str]) -> Iterator[Resolution]:
        """Resolve each text in turn (identical texts are resolved once per batch)."""
        seen: dict[str, Resolution] = {}
        for text in texts:
            if text not in seen:
                seen[text] = self.resolve(text)
            yield seen[text]

    def _candidates(self, reading: AddressReading) -> list[Candidate]:
        """Strict candidates; loose ones only when the strict tier finds no building (the
        loose queries are not even written otherwise)."""
        strict = strict_queries(reading)
        found = self.source.find(strict) if strict else []
        if not any(c.building_code for c in found):
            loose = loose_queries(reading, self.rules.fuzzy_min_length, self.grammar)
            if loose:
                found.extend(self.source.find(loose))
        return found

    def _ranked(self, candidates: list[Candidate], reading: AddressReading) -> list[Scored]:
        if len(candidates) == 1:
            return [self._scored(candidates[0], reading)]
        best: dict[str, Scored] = {}
        for candidate in candidates:
            key = _identity(candidate)
            kept = best.get(key)
            if kept is not None and _same_facts(kept.candidate, candidate):
                continue  # compares exactly as the kept one: its score cannot be higher
            scored = self._scored(candidate, reading)
            if kept is None or scored.match.score > kept.match.score:
                best[key] = scored
        if len(best) < 2:
            return list(best.values())
        return sorted(
            best.values(), key=lambda s: (-s.match.score, LEVEL_RANK[s.match.level], _identity(s.candidate))
        )

    def _scored(self, candidate: Candidate, reading: AddressReading) -> Scored:
        comparisons = compare(reading, candidate)
        value = score(comparisons, self.rules.weights)
        match = MatchCandidate(candidate.code, candidate.place, candidate.level, value, "", comparisons)
        return Scored(candidate, match)

    def _resolution(
        self,
        reading: AddressReading,
        best: MatchCandidate | None,
        runner_up: MatchCandidate | None,
        candidate: Candidate | None,
        normalised: str,
    ) -> Resolution:
        best = self._with_address(best, candidate, reading)
        runner_up = self._with_address(runner_up, None, reading)
        has_place = bool(reading.places("complex") or reading.places("road") or reading.gaps)
        wanted = requested_level(reading.local, has_place, _admin_level(reading))
        used = {candidate.written} if candidate is not None else set()
        if candidate is not None and candidate.road_name and reading.door is None:
            spelt = reading.gap_door(candidate.door_number)
            used.add(f"{spelt}{candidate.door_number}{reading.door_marker}")
        unused = tuple(g.text for g in reading.gaps if g.text not in used)
        decision = decide(best, runner_up, wanted, unused, self.rules)
        return Resolution(
            text=reading.text,
            category=decision.category,
            level=best.level if best and decision.category != Category.U else Level.NONE,
            code=best.code if best and decision.category != Category.U else None,
            score=best.score if best else 0.0,
            standard_address=best.standard_address if best else None,
            complex_name=candidate.complex_name if candidate else None,
            lon=candidate.lon if candidate else None,
            lat=candidate.lat if candidate else None,
            explanation=explanation(best, unused, decision.note),
            best=best,
            runner_up=runner_up,
            normalised=normalised,
        )

    def _with_address(
        self, match: MatchCandidate | None, candidate: Candidate | None, reading: AddressReading
    ) -> MatchCandidate | None:
        if match is None or match.standard_address:
            return match
        text = standard_address(match, reading.local, self.address_format)
        return MatchCandidate(match.code, match.place, match.level, match.score, text, match.comparisons)


def _rank(resolution: Resolution) -> tuple[int, float]:
    return CATEGORY_RANK[resolution.category], -resolution.score


def _identity(candidate: Candidate) -> str:
    return candidate.code or candidate.place or ""


def _same_facts(kept: Candidate, candidate: Candidate) -> bool:
    """Whether two candidates differ at most in which strict query found them (the same room
    found through its complex and through its door plate): such candidates compare alike,
    as only a similar-name query's kind changes a comparison."""
    if kept.matched_by.startswith("similar") or candidate.matched_by.startswith("similar"):
        return False
    after = MATCHED_BY + 1
    return kept[:MATCHED_BY] == candidate[:MATCHED_BY] and kept[after:] == candidate[after:]


def _admin_level(reading: AddressReading) -> Level:
    for kind, level in (
        ("community", Level.COMMUNITY),
        ("street", Level.STREET),
        ("district", Level.DISTRICT),
    ):
        if reading.places(kind):
            return level
    return Level.NONE


def engine_for_index(
    index: RegistryIndex, standard: AddressStandard, rules: MatchingRules, address_format: AddressFormat
) -> MatchingEngine:
    """An engine whose names and candidates come from the in-memory ``index``."""
    index.fuzzy_threshold = rules.fuzzy_threshold
    index.fuzzy_limit = rules.max_candidates
    index.short_name_length = rules.short_name_length
    index.short_fuzzy_threshold = rules.short_fuzzy_threshold
    markers = {marker.element: marker.canonical for marker in standard.normalisation.markers}
    index.names.ready()  # the name automaton and posting arrays, built before any worker forks
    return MatchingEngine(
        names=index.names,
        units=index.units,
        source=index,
        rules=rules,
        normalisation=standard.normalisation,
        grammar=LocalGrammar.from_markers(markers),
        address_format=address_format,
    )
