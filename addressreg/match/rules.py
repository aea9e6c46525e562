"""The matching rules of a standard (``matching.yaml``): weights, thresholds, ignorable names.

``load_matching_rules`` is the one function here that reads a file; the engine receives the
loaded :class:`MatchingRules` value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addressreg.standard.errors import InvalidStandard
from addressreg.standard.loading import read_yaml, require

MATCHING_FILE = "matching.yaml"
WEIGHTED_ELEMENTS = (
    "district",
    "street",
    "community",
    "road",
    "door_number",
    "complex",
    "building",
    "unit",
    "room",
)
"""The elements whose weights ``matching.yaml`` must give."""


@dataclass(frozen=True)
class MatchingRules:
    """How candidates are scored and graded.

    ``weights`` maps each element of :data:`WEIGHTED_ELEMENTS` to its weight (> 0);
    ``fuzzy_threshold``, ``short_fuzzy_threshold`` (for written names of at most
    ``short_name_length`` characters, where one wrong character costs a third of the
    name), ``accept_score`` and ``accept_gap`` are in [0, 1].
    """

    version: str
    weights: dict[str, float]
    fuzzy_threshold: float
    fuzzy_min_length: int
    short_name_length: int
    short_fuzzy_threshold: float
    accept_score: float
    accept_gap: float
    max_candidates: int
    ignorable_names: tuple[str, ...]
    complex_parts: tuple[str, ...] = ()

    def qualifies(self, text: str) -> bool:
        """Whether ``text`` is only a numbered part of a complex (2期, 3区: a number and
        one of ``complex_parts``)."""
        return any(text.endswith(p) and text[: -len(p)].isdigit() for p in self.complex_parts)

    def __hash__(self) -> int:
        return hash((self.version, tuple(sorted(self.weights.items())), self.accept_score, self.accept_gap))


def _fraction(data: dict[str, Any], key: str, file: Path) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidStandard(str(file), key, f"must be a number, got {type(value).__name__}")
    if not 0.0 <= float(value) <= 1.0:
        raise InvalidStandard(str(file), key, f"must be between 0 and 1, got {value}")
    return float(value)


def _positive_int(data: dict[str, Any], key: str, file: Path) -> int:
    value: int = require(data, key, int, file)
    if value <= 0:
        raise InvalidStandard(str(file), key, f"must be positive, got {value}")
    return value


def _weights(data: dict[str, Any], file: Path) -> dict[str, float]:
    raw: dict[str, Any] = require(data, "weights", dict, file)
    unknown = sorted(set(raw) - set(WEIGHTED_ELEMENTS))
    if unknown:
        raise InvalidStandard(str(file), "weights", f"unknown elements {unknown}")
    weights: dict[str, float] = {}
    for element in WEIGHTED_ELEMENTS:
        value = raw.get(element)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise InvalidStandard(
                str(file), f"weights.{element}", f"must be a positive number, got {value!r}"
            )
        weights[element] = float(value)
    return weights


def _names(data: dict[str, Any], file: Path) -> tuple[str, ...]:
    names: list[Any] = require(data, "ignorable_names", list, file)
    for i, name in enumerate(names):
        if not isinstance(name, str) or not name:
            raise InvalidStandard(str(file), f"ignorable_names[{i}]", "must be a non-empty string")
    return tuple(names)


def _parts(data: dict[str, Any], file: Path) -> tuple[str, ...]:
    parts: list[Any] = require(data, "complex_parts", list, file)
    for i, part in enumerate(parts):
        if not isinstance(part, str) or not part:
            raise InvalidStandard(str(file), f"complex_parts[{i}]", "must be a non-empty string")
    return tuple(parts)


def load_matching_rules(standard_dir: Path) -> MatchingRules:
    """Load ``matching.yaml`` of a standard directory.

    Raises:
        InvalidStandard: the file is missing or malformed (the file and key are named).
    """
    file = standard_dir / MATCHING_FILE
    data = read_yaml(file)
    return MatchingRules(
        version=require(data, "version", str, file),
        weights=_weights(data, file),
        fuzzy_threshold=_fraction(data, "fuzzy_threshold", file),
        fuzzy_min_length=_positive_int(data, "fuzzy_min_length", file),
        short_name_length=_positive_int(data, "short_name_length", file),
        short_fuzzy_threshold=_fraction(data, "short_fuzzy_threshold", file),
        accept_score=_fraction(data, "accept_score", file),
        accept_gap=_fraction(data, "accept_gap", file),
        max_candidates=_positive_int(data, "max_candidates", file),
        ignorable_names=_names(data, file),
        complex_parts=_parts(data, file),
    )
