"""The explanation of a resolution and the standard address of a candidate."""

from __future__ import annotations

from collections.abc import Iterable

from addressreg.match.query import LocalPart
from addressreg.match.resolution import Explanation, Level, MatchCandidate
from addressreg.standard_address import AddressFormat, standard_text

AGREEING = frozenset({"exact", "normalised", "fuzzy"})
DIFFERING = frozenset({"conflicting", "absent"})
PARTS = {"door_number": "door"}


def explanation(best: MatchCandidate | None, unused: Iterable[str], note: str) -> Explanation:
    """Which elements agreed, which differed, which the input left out, which words went unused."""
    agreed: list[str] = []
    differed: list[str] = []
    missing: list[str] = []
    for c in best.comparisons if best else ():
        if c.outcome in AGREEING:
            agreed.append(c.element)
        elif c.outcome in DIFFERING:
            differed.append(c.element)
        elif c.outcome == "missing" and c.candidate_value:
            missing.append(c.element)
    return Explanation(tuple(agreed), tuple(differed), tuple(missing), tuple(unused), note)


def standard_address(match: MatchCandidate, local: LocalPart, fmt: AddressFormat) -> str:
    """The standard address of a candidate at its level, from the candidate's own values."""
    parts: dict[str, str | int | None] = {}
    for comparison in match.comparisons:
        if comparison.element in ("unit", "room"):
            continue
        parts[PARTS.get(comparison.element, comparison.element)] = comparison.candidate_value
    if match.level is Level.ROOM:
        parts["unit"] = local.unit
        parts["room"] = local.room
        return standard_text(parts, "room", fmt)
    return standard_text(parts, "building", fmt)
