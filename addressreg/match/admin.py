"""When no place matches: the finest administrative unit the input names consistently.

A community counts only if the street and district the input names (if any) are above it;
likewise a street under the named district. Several units of the same name at the finest
level give a best and a runner-up of equal score (the decision then says C).
"""

from __future__ import annotations

from collections.abc import Mapping

from addressreg.match.reading import AddressReading
from addressreg.match.resolution import ElementComparison, Level, MatchCandidate
from addressreg.match.rows import UnitRow

ADMIN = (("community", Level.COMMUNITY), ("street", Level.STREET), ("district", Level.DISTRICT))


def ancestors(code: str, units: Mapping[str, UnitRow]) -> list[str]:
    """``code`` and the codes above it, finest first."""
    chain: list[str] = []
    current: str | None = code
    while current is not None and current in units and current not in chain:
        chain.append(current)
        current = units[current].parent_code
    return chain


def _consistent(
    code: str, named: dict[str, set[str]], coarser: list[str], units: Mapping[str, UnitRow]
) -> bool:
    above = set(ancestors(code, units))
    return all(not named[kind] or named[kind] & above for kind in coarser)


def _unit_candidate(
    code: str, level: Level, reading: AddressReading, units: Mapping[str, UnitRow]
) -> MatchCandidate:
    chain = list(reversed(ancestors(code, units)))
    comparisons = []
    for row in (units[c] for c in chain):
        written = next((h.form for h in reading.hits if any(p[1] == row.code for p in h.places)), None)
        how = next((p[2] for h in reading.hits for p in h.places if p[1] == row.code), None)
        outcome = how or "missing"
        comparisons.append(ElementComparison(row.level, outcome, written, row.name, 1.0 if how else 0.0))
    return MatchCandidate(code, None, level, 1.0, "", tuple(comparisons))


def admin_candidates(
    reading: AddressReading, units: Mapping[str, UnitRow]
) -> tuple[MatchCandidate | None, MatchCandidate | None]:
    """Best and runner-up administrative units named by the input (None where there are none)."""
    named = {kind: {str(key) for key, _ in reading.places(kind)} for kind, _ in ADMIN}
    kinds = [kind for kind, _ in ADMIN]
    for position, (kind, level) in enumerate(ADMIN):
        coarser = kinds[position + 1 :]
        options = sorted(c for c in named[kind] if c in units and _consistent(c, named, coarser, units))
        if options:
            best = _unit_candidate(options[0], level, reading, units)
            runner = _unit_candidate(options[1], level, reading, units) if len(options) > 1 else None
            return best, runner
    return None, None
