"""The registry's names in the form normalised text uses, for exact scans and fuzzy look-ups.

A :class:`NameTable` maps each surface form (a normalised name, alias or short form) to the
places it names: ``(kind, key, how)`` where ``kind`` is ``district`` / ``street`` /
``community`` / ``road`` / ``complex`` / ``ignorable``, ``key`` the unit code, road id or
complex id, and ``how`` is ``exact`` for the registry's own name or ``normalised`` for an
alias or short form. Fuzzy look-ups go through character bigrams of road and complex forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Final, NamedTuple

from ahocorasick_rs import AhoCorasick, MatchKind
from rapidfuzz import fuzz, process

from addressreg.match.gram_ranking import Postings, posting_array, rank_by_shared_grams

NameKey = str | int
Place = tuple[str, NameKey, str]  # (kind, key, how)
FUZZY_KINDS = frozenset({"road", "complex"})
ENDS = "\x00"  # joins the first and last characters of a name into one gram


class NameHit(NamedTuple):
    """``text[start:end]`` names ``places`` (all of one surface form); a named tuple, as a
    scan makes several per address."""

    start: int
    end: int
    form: str
    places: tuple[Place, ...]
    kinds: dict[str, tuple[tuple[NameKey, str], ...]]
    """``places`` by kind: kind → ((key, how), ...), in the order of ``places``."""


@dataclass(init=False, unsafe_hash=True, slots=True)
class FuzzyHit:
    """A road or complex whose form is similar to a written name (``similarity`` in 0..1)."""

    kind: Final[str]
    key: Final[NameKey]
    form: Final[str]
    similarity: Final[float]

    def __init__(self, kind: str, key: NameKey, form: str, similarity: float) -> None:
        self.kind = kind
        self.key = key
        self.form = form
        self.similarity = similarity


@dataclass
class NameTable:
    """Surface forms → places, and a bigram index of fuzzy kinds.

    The scan runs an Aho–Corasick automaton (leftmost-longest) over every form; it is built
    on the first scan after a change and is not pickled (a copy rebuilds it when needed).
    """

    forms: dict[str, tuple[Place, ...]] = field(default_factory=dict)
    entries: list[tuple[str, NameKey, str]] = field(default_factory=list)
    """The (kind, key, form) of every name of a fuzzy kind, once each."""
    grams: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """(kind, gram) → the indexes in ``entries`` of the names of that kind that have the gram
    (integers: counting shared grams hashes them far faster than tuples)."""
    _automaton: Any = field(default=None, repr=False, compare=False)
    _patterns: list[tuple[str, tuple[Place, ...], dict[str, tuple[tuple[NameKey, str], ...]]]] = field(
        default_factory=list, repr=False, compare=False
    )
    _postings: dict[tuple[str, str], Postings] = field(default_factory=dict, repr=False, compare=False)
    """``grams`` as posting arrays, made on the first fuzzy look-up after a change."""

    def __getstate__(self) -> dict[str, Any]:
        return {"forms": self.forms, "entries": self.entries, "grams": self.grams}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.forms, self.entries, self.grams = state["forms"], state["entries"], state["grams"]
        self._automaton, self._patterns, self._postings = None, [], {}

    def add(self, form: str, kind: str, key: NameKey, how: str) -> None:
        """Register ``form`` as a name of place ``(kind, key)``; an exact entry wins over others."""
        if not form:
            return
        places = self.forms.get(form, ())
        if any(p[0] == kind and p[1] == key for p in places):
            if how == "exact":
                places = tuple((k, i, "exact" if (k, i) == (kind, key) else h) for k, i, h in places)
                self.forms[form] = places
            return
        self.forms[form] = (*places, (kind, key, how))
        self._automaton = None
        if kind in FUZZY_KINDS:
            self._postings = {}
            self.entries.append((kind, key, form))
            for gram in _grams(form):
                self.grams.setdefault((kind, gram), []).append(len(self.entries) - 1)

    def ready(self) -> None:
        """Build the scan's automaton and the look-ups' posting arrays now (a parent does this
        before forking workers, so that they share them instead of each building its own)."""
        self.scan("")
        self._posting_arrays()

    def _posting_arrays(self) -> dict[tuple[str, str], Postings]:
        if not self._postings and self.grams:
            self._postings = {gram: posting_array(indexes) for gram, indexes in self.grams.items()}
        return self._postings

    def scan(self, text: str) -> list[NameHit]:
        """The longest name at each position, left to right, without overlaps."""
        if self._automaton is None:
            self._patterns = [(form, places, _by_kind(places)) for form, places in self.forms.items()]
            self._automaton = AhoCorasick(list(self.forms), matchkind=MatchKind.LeftmostLongest)
        patterns, make = self._patterns, tuple.__new__  # a named tuple made from a plain one
        return [
            make(NameHit, (start, end) + patterns[index])
            for index, start, end in self._automaton.find_matches_as_indexes(text)
        ]

    def similar(self, text: str, kinds: Iterable[str], threshold: float, limit: int) -> list[FuzzyHit]:
        """Roads / complexes whose forms are similar to ``text``, best first (at most ``limit``).

        Blocking: a form must share at least one gram (see :func:`_grams`) with ``text``; then the
        rapidfuzz ratio (0..1) must reach ``threshold``.
        """
        arrays = self._posting_arrays()
        postings = []
        for gram in sorted(_grams(text)):  # sorted: ties keep one order (first counted) in every process
            for kind in kinds:
                array = arrays.get((kind, gram))
                if array is not None:
                    postings.append(array)
        ranked = rank_by_shared_grams(postings, len(self.entries), limit * 8)
        forms = [self.entries[entry][2] for entry in ranked]
        hits = []
        # one call scores them all (a call per form costs more than the ratio); by index, in ranked order
        for _, ratio, at in sorted(
            process.extract(text, forms, scorer=fuzz.ratio, limit=None), key=itemgetter(2)
        ):
            similarity = ratio / 100.0
            if similarity >= threshold:
                kind, key, form = self.entries[ranked[at]]
                hits.append(FuzzyHit(kind, key, form, similarity))
        hits.sort(key=lambda h: (-h.similarity, str(h.key)))
        return _best_per_place(hits)[:limit]


def _by_kind(places: tuple[Place, ...]) -> dict[str, tuple[tuple[NameKey, str], ...]]:
    by_kind: dict[str, tuple[tuple[NameKey, str], ...]] = {}
    for kind, key, how in places:
        by_kind[kind] = (*by_kind.get(kind, ()), (key, how))
    return by_kind


def _best_per_place(hits: list[FuzzyHit]) -> list[FuzzyHit]:
    seen: set[tuple[str, NameKey]] = set()
    out = []
    for hit in hits:
        if (hit.kind, hit.key) not in seen:
            seen.add((hit.kind, hit.key))
            out.append(hit)
    return out


def _grams(text: str) -> set[str]:
    """Character bigrams of ``text``, and its first and last characters as one gram (so that
    a typo in the middle of a three-character name still shares a gram with it)."""
    if len(text) < 2:
        return {text}
    grams = {text[i : i + 2] for i in range(len(text) - 1)}
    if len(text) > 2:
        grams.add(text[0] + ENDS + text[-1])
    return grams
