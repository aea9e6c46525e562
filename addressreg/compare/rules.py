"""The pair-comparison rules: the ``compare:`` section of the standard's ``matching.yaml``.

Keys (all required):

* ``weights``: element name → weight (> 0), the elements compared, coarse to fine;
* ``place_elements``: the elements that locate a place below the administrative units
  (road, door number, complex); agreeing on one of them is what ``partial_match`` needs;
* ``fine_elements``: the elements below a place (building, unit, floor, room); both
  addresses must agree on every one either gives for ``exact_match``;
* ``numbered_elements``: elements compared by their numbers only (``12号`` ≠ ``13号``,
  however similar the text);
* ``fuzzy_threshold``: the least rapidfuzz similarity (0..1) for two names to agree;
* ``exact_min_score`` / ``partial_min_score``: the least score (0..1) of each label.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addressreg.standard.errors import InvalidStandard
from addressreg.standard.loading import read_yaml, require

MATCHING_FILE = "matching.yaml"
SECTION = "compare"


@dataclass(frozen=True)
class CompareRules:
    """How two parsed addresses are compared and labelled (see the module docstring)."""

    weights: tuple[tuple[str, float], ...]
    place_elements: frozenset[str]
    fine_elements: frozenset[str]
    numbered_elements: frozenset[str]
    fuzzy_threshold: float
    exact_min_score: float
    partial_min_score: float


def load_compare_rules(standard_dir: Path) -> CompareRules:
    """Load the ``compare:`` section of ``matching.yaml`` in ``standard_dir``.

    Raises:
        InvalidStandard: the file, the section or a key is missing or malformed (named).
    """
    file = standard_dir / MATCHING_FILE
    section: dict[str, Any] = require(read_yaml(file), SECTION, dict, file)
    where = file / SECTION
    weights = _weights(require(section, "weights", dict, where), where)
    return CompareRules(
        weights=weights,
        place_elements=_subset(section, "place_elements", weights, where),
        fine_elements=_subset(section, "fine_elements", weights, where),
        numbered_elements=_subset(section, "numbered_elements", weights, where),
        fuzzy_threshold=_fraction(section, "fuzzy_threshold", where),
        exact_min_score=_fraction(section, "exact_min_score", where),
        partial_min_score=_fraction(section, "partial_min_score", where),
    )


def _weights(raw: dict[str, Any], where: Path) -> tuple[tuple[str, float], ...]:
    weights = []
    for name, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise InvalidStandard(str(where), f"weights.{name}", f"must be a positive number, got {value!r}")
        weights.append((str(name), float(value)))
    return tuple(weights)


def _subset(
    section: dict[str, Any], key: str, weights: tuple[tuple[str, float], ...], where: Path
) -> frozenset[str]:
    names: list[Any] = require(section, key, list, where)
    known = {name for name, _ in weights}
    unknown = sorted(str(n) for n in names if n not in known)
    if unknown:
        raise InvalidStandard(str(where), key, f"elements {unknown} have no weight")
    return frozenset(str(n) for n in names)


def _fraction(section: dict[str, Any], key: str, where: Path) -> float:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= float(value) <= 1.0:
        raise InvalidStandard(str(where), key, f"must be a number between 0 and 1, got {value!r}")
    return float(value)
