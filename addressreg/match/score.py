"""The score of a candidate: the weighted share of the input's elements that it agrees with.

An element the input does not give (``missing``) is left out; one the candidate lacks
(``absent``) or contradicts (``conflicting``) scores 0 for its weight; a fuzzy name scores
its similarity. The result is in [0, 1]; 1 means every element the input gives agrees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from addressreg.match.resolution import ElementComparison

AGREEING = frozenset({"exact", "normalised", "fuzzy"})


def score(comparisons: Iterable[ElementComparison], weights: Mapping[str, float]) -> float:
    """Weighted mean similarity over the elements the input gives (0.0 when it gives none)."""
    total = earned = 0.0
    for comparison in comparisons:
        if comparison.outcome == "missing":
            continue
        weight = weights.get(comparison.element, 0.0)
        total += weight
        if comparison.outcome in AGREEING:
            earned += weight * comparison.similarity
    return earned / total if total else 0.0


def all_agree(comparisons: Iterable[ElementComparison]) -> bool:
    """Whether every element the input gives agrees exactly or after normalisation."""
    return all(c.outcome in ("exact", "normalised", "missing") for c in comparisons)
