"""The decision: category and level of the best candidate, and an explanation.

* A: every element the input gives agrees (after normalisation), no fuzzy name, no other
  candidate as good, and the candidate reaches the finest level the input asks for;
* B: score ≥ ``accept_score`` (t), best − runner-up ≥ ``accept_gap`` (g), and the finest
  level the input asks for is reached;
* C: any other candidate (needs review), with a note saying why; always C when digits of
  the input went unread (except a part of a complex the registry does not divide, such
  as 2期: see ``MatchingRules.qualifies``) or a fuzzy name comes with another element that differs;
* U: nothing in the registry matches (not even an administrative unit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from addressreg.match.query import LocalPart
from addressreg.match.resolution import Category, Level, MatchCandidate
from addressreg.match.rules import MatchingRules
from addressreg.match.score import all_agree

LEVEL_ORDER = tuple(Level)  # finest first
PLACE_LEVELS = frozenset({Level.DOOR_PLATE, Level.COMPLEX})
DIGIT = re.compile(r"[0-9]")


def requested_level(local: LocalPart, has_place: bool, admin_level: Level) -> Level:
    """The finest level the input asks for: room, building, a place, or an admin unit."""
    if local.room is not None:
        return Level.ROOM
    if local.building is not None or local.unit is not None:
        return Level.BUILDING
    if has_place:
        return Level.COMPLEX
    return admin_level


def reaches(level: Level, wanted: Level) -> bool:
    """Whether ``level`` is at least as fine as ``wanted`` (door plate and complex count as one)."""
    if level in PLACE_LEVELS and wanted in PLACE_LEVELS:
        return True
    return LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(wanted)


@dataclass(init=False, unsafe_hash=True, slots=True)
class Decision:
    """Category of the best candidate and a note for reviewers."""

    category: Final[Category]
    note: Final[str]

    def __init__(self, category: Category, note: str) -> None:
        self.category = category
        self.note = note


def decide(
    best: MatchCandidate | None,
    runner_up: MatchCandidate | None,
    wanted: Level,
    unused: tuple[str, ...],
    rules: MatchingRules,
) -> Decision:
    """Grade ``best`` against ``runner_up`` (see the module docstring); ``unused`` is the
    input text that named nothing."""
    if best is None:
        return Decision(Category.U, "no registry place matches")
    gap = best.score - (runner_up.score if runner_up else 0.0)
    if not reaches(best.level, wanted):
        return Decision(Category.C, f"reached {best.level.value}, the input names a {wanted.value}")
    if gap < rules.accept_gap:
        return Decision(Category.C, f"runner-up within {gap:.2f}")
    if any(DIGIT.search(text) and not rules.qualifies(text) for text in unused):
        return Decision(Category.C, "numbers in the input were not understood")
    if all_agree(best.comparisons) and not unused and best.score >= 1.0:
        return Decision(Category.A, "")
    if best.score < rules.accept_score:
        return Decision(Category.C, f"score {best.score:.2f} below {rules.accept_score:.2f}")
    outcomes = {c.outcome for c in best.comparisons}
    if "fuzzy" in outcomes and outcomes & {"conflicting", "absent"}:
        return Decision(Category.C, "a similar name, and another element differs")
    return Decision(Category.B, "")
