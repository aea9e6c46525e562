"""The gazetteer: names of districts, streets, communities, roads and complexes, and their aliases.

Built from plain name lists (the registry, or reference CSVs in tests) and passed to the
parser; nothing here reads files or a database. Surface forms are folded the way the
parser folds its input, and short forms drop the standard's level suffixes (宝安区 → 宝安,
新安街道 → 新安, 上川社区居委会 → 上川).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from addressreg.normalise.pipeline import fold
from addressreg.standard.rules import AddressStandard

KINDS = ("district", "street", "community", "road", "complex")
# Short forms shorter than this are too ambiguous to look up (a one-character 新).
MIN_SHORT_FORM = 2


@dataclass(frozen=True)
class PlaceName:
    """One named place: its canonical ``name``, other ``aliases`` and ``parent`` name.

    ``parent`` is the street of a community (community names repeat across streets) and
    the district of a street; None where unknown.
    """

    name: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True)
class NameHit:
    """A gazetteer name found in a text: ``text[start:end]`` names ``places`` of ``kind``."""

    kind: str
    start: int
    end: int
    places: tuple[PlaceName, ...]


@dataclass(frozen=True)
class Gazetteer:
    """Surface forms of place names by kind, ready for dictionary lookup.

    ``surfaces[form]`` lists ``(kind, places)`` pairs; ``prefixes`` holds every prefix of
    every form so that a scan stops as soon as no name can continue. Canonical names of
    administrative places carry the standard's suffix (上川社区居委会 → 上川社区).
    """

    surfaces: Mapping[str, tuple[tuple[str, tuple[PlaceName, ...]], ...]]
    prefixes: frozenset[str] = field(repr=False)
    # Every prefix → the kinds of the forms it completes (empty for a mere prefix): one
    # dictionary lookup per step of a scan. Derived from the two fields above.
    scan: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Derive :attr:`scan` from the surfaces and prefixes."""
        if not self.scan:
            surfaces = self.surfaces
            table = {p: tuple(kind for kind, _ in surfaces.get(p, ())) for p in self.prefixes}
            object.__setattr__(self, "scan", table)

    @classmethod
    def from_names(
        cls,
        standard: AddressStandard,
        *,
        districts: Iterable[PlaceName] = (),
        streets: Iterable[PlaceName] = (),
        communities: Iterable[PlaceName] = (),
        roads: Iterable[PlaceName] = (),
        complexes: Iterable[PlaceName] = (),
    ) -> Gazetteer:
        """Build the lookup tables; the standard adds district aliases and short forms."""
        lists = dict(zip(KINDS, (districts, streets, communities, roads, complexes), strict=True))
        lists["district"] = _with_district_aliases(standard, list(lists["district"]))
        table: dict[str, dict[str, list[PlaceName]]] = {}
        for kind, places in lists.items():
            for written in places:
                place = _standard_named(standard, kind, written)
                for form in _surface_forms(standard, kind, place):
                    entries = table.setdefault(form, {}).setdefault(kind, [])
                    if place not in entries:
                        entries.append(place)
        prefixes = frozenset(form[:k] for form in table for k in range(1, len(form) + 1))
        surfaces = {
            form: tuple((kind, tuple(places)) for kind, places in by_kind.items())
            for form, by_kind in table.items()
        }
        return cls(surfaces, prefixes)

    def lookup(self, form: str, kind: str | None = None) -> tuple[PlaceName, ...]:
        """Places whose surface form is exactly ``form`` (of ``kind`` if given)."""
        entries = self.surfaces.get(form)
        if not entries:
            return ()
        if len(entries) == 1 and kind in (None, entries[0][0]):
            return entries[0][1]
        return tuple(p for k, places in entries if kind in (None, k) for p in places)

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """``(kind, start, end)`` of every name in ``text`` (a folded text); fast path of :meth:`find`."""
        found: list[tuple[str, int, int]] = []
        scan = self.scan
        size = len(text)
        for start in range(size):
            end = start + 1
            kinds = scan.get(text[start])
            while kinds is not None:
                for kind in kinds:
                    found.append((kind, start, end))
                end += 1
                if end > size:
                    break
                kinds = scan.get(text[start:end])
        return found

    def names_at(self, text: str, start: int) -> list[NameHit]:
        """The names that begin at ``text[start]``, longest first."""
        hits: list[NameHit] = []
        end = start + 1
        while end <= len(text) and text[start:end] in self.prefixes:
            for kind, places in self.surfaces.get(text[start:end], ()):
                hits.append(NameHit(kind, start, end, places))
            end += 1
        return hits[::-1]

    def find(self, text: str) -> list[NameHit]:
        """Every name in ``text`` (a folded text), longest first at each position.

        Hits may overlap; each hit lists the places of one kind that carry that form.
        """
        hits: list[NameHit] = []
        prefixes, surfaces = self.prefixes, self.surfaces
        for start in range(len(text)):
            end = start + 1
            while end <= len(text) and text[start:end] in prefixes:
                for kind, places in surfaces.get(text[start:end], ()):
                    hits.append(NameHit(kind, start, end, places))
                end += 1
        hits.sort(key=lambda h: (h.start, h.start - h.end))
        return hits


def _standard_named(standard: AddressStandard, kind: str, place: PlaceName) -> PlaceName:
    """The place with its name's suffix rewritten by the standard; the written name becomes an alias."""
    rule = standard.suffix(kind)
    if rule is None:
        return place
    for variant in sorted(rule.variants, key=len, reverse=True):
        if place.name.endswith(variant):
            name = place.name[: -len(variant)] + rule.canonical
            return PlaceName(name, (place.name, *place.aliases), place.parent)
    return place


def _with_district_aliases(standard: AddressStandard, districts: list[PlaceName]) -> list[PlaceName]:
    """Add the standard's district aliases (龙华新区 → 龙华区) to the districts they name."""
    extra: dict[str, list[str]] = {}
    for alias in standard.district_aliases:
        extra.setdefault(alias.district, []).append(alias.alias)
    return [
        PlaceName(d.name, (*d.aliases, *(a for a in extra.get(d.name, ()) if a not in d.aliases)), d.parent)
        for d in districts
    ]


def _surface_forms(standard: AddressStandard, kind: str, place: PlaceName) -> set[str]:
    """The folded name and aliases, with suffix-normalised forms for admin levels, and the
    short form of the name itself (aliases such as 大鹏新区 get no short form)."""
    forms: set[str] = set()
    rule = standard.suffix(kind)
    for index, written in enumerate((place.name, *place.aliases)):
        name = fold(written, standard.normalisation).text
        if not name:
            continue
        forms.add(name)
        if rule is None:
            continue
        for variant in sorted(rule.variants, key=len, reverse=True):
            if name.endswith(variant):
                name = name[: -len(variant)] + rule.canonical
                forms.add(name)
                break
        short = name.removesuffix(rule.canonical)
        if index == 0 and short != name and len(short) >= MIN_SHORT_FORM:
            forms.add(short)
    return forms
