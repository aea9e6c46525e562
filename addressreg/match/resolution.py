"""What resolving an address yields: a graded decision that explains itself.

This module is the contract between the matching core (``addressreg.match``) and its
users (the ``resolve`` / ``clean`` commands, the loaders, the HTTP API). It holds types
only; the engine that fills them lives beside it.

The types are values: their attributes are ``Final`` (mypy refuses any assignment after
``__init__``) and the dataclass decorator gives them equality, hashing, a repr and
``dataclasses.replace``. They are not ``frozen=True`` dataclasses because the engine makes
several per address and, compiled by mypyc, a frozen dataclass's generated ``__init__``
runs as interpreted Python through ``object.__setattr__`` (~0.55 µs an instance) where a
written ``__init__`` compiles to stores into the object (~0.04 µs).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, Protocol


class Category(StrEnum):
    """The graded decision, best to worst."""

    A = "A"  # exact: every element the input gives agrees, after normalisation
    B = "B"  # confident: score ≥ accept threshold and clear of the runner-up
    C = "C"  # needs review: low score, or too close to the runner-up
    U = "U"  # no match


class Level(StrEnum):
    """The finest level a resolution reaches, finest first."""

    ROOM = "room"  # 25-digit room code
    BUILDING = "building"  # 19-digit building code
    DOOR_PLATE = "door_plate"
    COMPLEX = "complex"
    COMMUNITY = "community"  # 12-digit unit code
    STREET = "street"  # 9-digit unit code
    DISTRICT = "district"  # 6-digit unit code
    NONE = "none"


@dataclass(init=False, unsafe_hash=True, slots=True)
class ElementComparison:
    """How one element of the input compares with a candidate: an ordered, labelled level.

    ``outcome`` is one of ``exact``, ``normalised`` (same after normalisation), ``fuzzy``
    (similar above the standard's threshold), ``missing`` (absent from the input),
    ``absent`` (the candidate has no such element), ``conflicting``. The label is the
    explanation.
    """

    element: Final[str]
    outcome: Final[str]
    input_value: Final[str | None]
    candidate_value: Final[str | None]
    similarity: Final[float]

    def __init__(
        self,
        element: str,
        outcome: str,
        input_value: str | None,
        candidate_value: str | None,
        similarity: float,
    ) -> None:
        self.element = element
        self.outcome = outcome
        self.input_value = input_value
        self.candidate_value = candidate_value
        self.similarity = similarity


@dataclass(init=False, unsafe_hash=True, slots=True)
class MatchCandidate:
    """A scored candidate: what it is, how well it matched, and why."""

    code: Final[str | None]
    place: Final[str | None]  # e.g. "door_plate:123" or "complex:45" where no code names the level
    level: Final[Level]
    score: Final[float]
    standard_address: Final[str]
    comparisons: Final[tuple[ElementComparison, ...]]

    def __init__(
        self,
        code: str | None,
        place: str | None,
        level: Level,
        score: float,
        standard_address: str,
        comparisons: tuple[ElementComparison, ...],
    ) -> None:
        self.code = code
        self.place = place
        self.level = level
        self.score = score
        self.standard_address = standard_address
        self.comparisons = comparisons

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "code": self.code,
            "place": self.place,
            "level": self.level.value,
            "score": round(self.score, 4),
            "standard_address": self.standard_address,
            "comparisons": [
                {
                    "element": c.element,
                    "outcome": c.outcome,
                    "input": c.input_value,
                    "candidate": c.candidate_value,
                    "similarity": round(c.similarity, 4),
                }
                for c in self.comparisons
            ],
        }


@dataclass(init=False, unsafe_hash=True, slots=True)
class Explanation:
    """Which elements agreed, which differed, which were missing, which words went unused."""

    agreed: Final[tuple[str, ...]]
    differed: Final[tuple[str, ...]]
    missing: Final[tuple[str, ...]]
    unused_text: Final[tuple[str, ...]]
    note: Final[str]  # e.g. why the category is C: "runner-up within 0.03"

    def __init__(
        self,
        agreed: tuple[str, ...],
        differed: tuple[str, ...],
        missing: tuple[str, ...],
        unused_text: tuple[str, ...],
        note: str = "",
    ) -> None:
        self.agreed = agreed
        self.differed = differed
        self.missing = missing
        self.unused_text = unused_text
        self.note = note

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "agreed": list(self.agreed),
            "differed": list(self.differed),
            "missing": list(self.missing),
            "unused_text": list(self.unused_text),
            "note": self.note,
        }


@dataclass(init=False, unsafe_hash=True, slots=True)
class Resolution:
    """The resolution of one input address.

    ``code`` is the code of the finest level reached (room 25 digits, building 19, unit
    codes for community / street / district), None for door plate / complex levels (see
    ``best.place``) and for category U. ``lon``/``lat`` are EPSG:4490. ``normalised`` is
    the standard's normal form of ``text`` when the resolver computed it (the engine
    does), else empty: callers that need it need not normalise the text again.
    """

    text: Final[str]
    category: Final[Category]
    level: Final[Level]
    code: Final[str | None]
    score: Final[float]
    standard_address: Final[str | None]
    complex_name: Final[str | None]
    lon: Final[float | None]
    lat: Final[float | None]
    explanation: Final[Explanation]
    best: Final[MatchCandidate | None]
    runner_up: Final[MatchCandidate | None]
    normalised: Final[str]

    def __init__(
        self,
        text: str,
        category: Category,
        level: Level,
        code: str | None,
        score: float,
        standard_address: str | None,
        complex_name: str | None,
        lon: float | None,
        lat: float | None,
        explanation: Explanation,
        best: MatchCandidate | None,
        runner_up: MatchCandidate | None,
        normalised: str = "",
    ) -> None:
        self.text = text
        self.category = category
        self.level = level
        self.code = code
        self.score = score
        self.standard_address = standard_address
        self.complex_name = complex_name
        self.lon = lon
        self.lat = lat
        self.explanation = explanation
        self.best = best
        self.runner_up = runner_up
        self.normalised = normalised

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the shape the CLI prints and the API returns)."""
        return {
            "text": self.text,
            "category": self.category.value,
            "level": self.level.value,
            "code": self.code,
            "score": round(self.score, 4),
            "standard_address": self.standard_address,
            "complex": self.complex_name,
            "lon": self.lon,
            "lat": self.lat,
            "explanation": self.explanation.to_dict(),
            "best": self.best.to_dict() if self.best else None,
            "runner_up": self.runner_up.to_dict() if self.runner_up else None,
        }


class Resolver(Protocol):
    """Anything that resolves address text (the in-memory engine, a PostGIS-backed one)."""

    def resolve(self, text: str) -> Resolution:
        """Resolve one address; never raises on any text (bad input resolves to U)."""
        ...
