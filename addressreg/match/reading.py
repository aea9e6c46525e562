"""Reading a normalised address against the registry's names: places, door number, local part.

The normalised text (markers canonical, numerals in digits, notes and phone numbers gone)
is scanned for the registry's names (longest first). A door number is read right after a
road; the local part (building, unit, floor, room) is read from what follows the last
place; whatever is left is unknown text, which blocking may look up fuzzily.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, NamedTuple

from addressreg.match.names import NameHit, NameTable
from addressreg.match.query import LocalPart

LABEL = r"[0-9A-Z]+"
ROOM = r"(?:[A-Z]?[0-9]+(?:[A-Z](?![A-Z]))?)"  # letters only at either end: 1801TEL is 1801 + TEL
SEPARATORS = re.compile(r"[^\w-]+")
DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True, slots=True)
class LocalGrammar:
    """Patterns of the local part and the door number, made from the standard's markers."""

    door: re.Pattern[str]
    full: re.Pattern[str]
    dashed: tuple[re.Pattern[str], ...]
    building_marker: str
    unit_marker: str
    door_marker: str

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The local-part patterns, dashed forms first (the longest match wins, the first on a tie)."""
        return (*self.dashed, self.full)

    @classmethod
    def from_markers(cls, markers: dict[str, str]) -> LocalGrammar:
        """``markers`` maps element (building, unit, floor, room, door_number) → canonical marker."""
        b, u, f = (re.escape(markers[k]) for k in ("building", "unit", "floor"))
        r, d = re.escape(markers["room"]), re.escape(markers["door_number"])
        room = rf"(?P<room>{ROOM}(?:-{ROOM})?)(?:{r}|{d})?"
        return cls(
            door=re.compile(rf"(\d+(?:-\d+)?){d}"),
            full=re.compile(
                rf"(?:(?P<building>{LABEL}){b})?(?:(?P<unit>{LABEL}){u})?(?:(?P<floor>-?\d+){f})?(?:{room})?"
            ),
            dashed=(
                re.compile(rf"(?P<building>{LABEL})-(?P<unit>\d+)-{room}"),
                re.compile(rf"(?P<building>{LABEL})-(?P<room>\d{{3,}})(?:{r}|{d})?"),
            ),
            building_marker=markers["building"],
            unit_marker=markers["unit"],
            door_marker=markers["door_number"],
        )

    def local_part(self, text: str, start: int) -> tuple[int, LocalPart] | None:
        """The longest local part (full or dashed form) at ``text[start:]``: (end, part), or None."""
        best: re.Match[str] | None = None
        for pattern in self.patterns:
            match = pattern.match(text, start)
            # lastindex is None when no group took part (no group can match empty text)
            if match and match.lastindex is not None and (best is None or match.end() > best.end()):
                best = match
        if best is None:
            return None
        groups = best.groupdict()
        building = groups.get("building")
        part = LocalPart(
            building=building + self.building_marker if building else None,
            unit=groups.get("unit"),
            floor=groups.get("floor"),
            room=groups.get("room"),
        )
        return best.end(), part


class Gap(NamedTuple):
    """Text between the names the scan found that is no name and no local part."""

    start: int
    end: int
    text: str


@dataclass(init=False, slots=True)
class AddressReading:
    """A normalised address read against the registry's names.

    ``door`` is (road hit index, door number) where a door number follows a road name;
    ``local_start`` is where the local part begins in ``normalised``; ``written[i]`` is how
    the input wrote the place of ``hits[i]``: its form, with the unknown text right before a
    complex name prepended (铂 + 朗苑: the input names a complex the registry may not have).
    """

    text: Final[str]
    normalised: Final[str]
    hits: Final[tuple[NameHit, ...]]
    door: Final[tuple[int, str] | None]
    local: Final[LocalPart]
    local_start: Final[int]
    gaps: Final[tuple[Gap, ...]]
    written: Final[tuple[str, ...]]
    door_marker: Final[str]
    by_kind: Final[dict[str, tuple[tuple[str | int, str], ...]]]

    def __init__(
        self,
        text: str,
        normalised: str,
        hits: tuple[NameHit, ...],
        door: tuple[int, str] | None,
        local: LocalPart,
        local_start: int,
        gaps: tuple[Gap, ...],
        written: tuple[str, ...] = (),
        door_marker: str = "号",
        by_kind: dict[str, tuple[tuple[str | int, str], ...]] | None = None,
    ) -> None:
        self.text = text
        self.normalised = normalised
        self.hits = hits
        self.door = door
        self.local = local
        self.local_start = local_start
        self.gaps = gaps
        self.written = written
        self.door_marker = door_marker
        self.by_kind = {} if by_kind is None else by_kind

    def gap_door(self, number: str | None) -> str | None:
        """The name written before door number ``number`` in a gap (a road name the registry
        does not know as written, e.g. a typo), or None."""
        if number is None:
            return None
        for gap in self.gaps:
            if gap.text.endswith(number + self.door_marker) and len(gap.text) > len(number) + 1:
                head = gap.text[: -len(number) - len(self.door_marker)]
                if not head[-1].isdigit():
                    return head
        return None

    def places(self, kind: str) -> tuple[tuple[str | int, str], ...]:
        """(key, how) of every place of ``kind`` named in the input."""
        found = self.by_kind.get(kind)
        if found is None:
            found = tuple((key, how) for hit in self.hits for k, key, how in hit.places if k == kind)
        return found


def _split_local(text: str, anchor: int, grammar: LocalGrammar) -> tuple[int, int, LocalPart]:
    """(start, end, part) of the local part after ``anchor``: the first one after which no
    digit is left (trailing words such as 电话 may remain); (len, len, empty) if none."""
    for start in range(anchor, len(text)):
        first = text[start]
        if not (first.isascii() and (first.isalnum() or first == "-")):
            continue  # every local part starts with a label, a floor or a room: [0-9A-Z-]
        if start > anchor and text[start - 1].isascii() and text[start - 1].isalnum():
            continue
        found = grammar.local_part(text, start)
        if found is not None and not DIGIT.search(text, found[0]):
            return start, found[0], found[1]
    return len(text), len(text), LocalPart()


def _gaps(text: str, covered: list[tuple[int, int]], end: int) -> tuple[Gap, ...]:
    gaps: list[Gap] = []
    at = 0
    for start, stop in sorted(covered):
        if start > at:
            gaps.append(Gap(at, start, text[at:start]))
        at = max(at, stop)
    if end > at:
        gaps.append(Gap(at, end, text[at:end]))
    return tuple(gaps)


def read_address(text: str, normalised: str, names: NameTable, grammar: LocalGrammar) -> AddressReading:
    """Read ``normalised`` (the normal form of ``text``; separators are dropped first):
    names, door number, local part, and the gaps left between them."""
    normalised = SEPARATORS.sub("", normalised)
    hits = names.scan(normalised)
    covered = [(h.start, h.end) for h in hits]
    door: tuple[int, str] | None = None
    anchor = 0
    for i, hit in enumerate(hits):
        anchor = max(anchor, hit.end)
        if door is None and "road" in hit.kinds:
            match = grammar.door.match(normalised, hit.end)
            if match:
                door = (i, match.group(1))
                covered.append((match.start(), match.end()))
                anchor = max(anchor, match.end())
    local_start, local_end, local = _split_local(normalised, anchor, grammar)
    if local_end > local_start:
        covered.append((local_start, local_end))
    gaps = _gaps(normalised, covered, len(normalised))
    written = tuple(_written(hit, gaps) for hit in hits)
    return AddressReading(
        text,
        normalised,
        tuple(hits),
        door,
        local,
        local_start,
        gaps,
        written,
        grammar.door_marker,
        _by_kind(hits),
    )


def _by_kind(hits: list[NameHit]) -> dict[str, tuple[tuple[str | int, str], ...]]:
    """kind → (key, how) of every place named, in the order of the hits."""
    by_kind: dict[str, tuple[tuple[str | int, str], ...]] = {}
    for hit in hits:
        for kind, places in hit.kinds.items():
            found = by_kind.get(kind)
            by_kind[kind] = places if found is None else found + places
    return by_kind


def _written(hit: NameHit, gaps: tuple[Gap, ...]) -> str:
    if "complex" not in hit.kinds:
        return hit.form
    before = next((g.text for g in gaps if g.end == hit.start and not DIGIT.search(g.text)), "")
    return before + hit.form
