"""A gazetteer from the reference data addressreg ships (``addressreg/reference/data``).

This is the parser's default: it needs no database and no files outside the package.
The registry's own names (``addressreg.store.gazetteer``) can replace it where a
database is at hand; both give a :class:`Gazetteer` of the same kinds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from addressreg.model import AdminUnit
from addressreg.parse.gazetteer import Gazetteer, PlaceName
from addressreg.reference import Reference, load_reference
from addressreg.standard.rules import AddressStandard
from addressreg.standard.rules_loading import cached_standard


def _admin_places(units: Iterable[AdminUnit], names_by_code: dict[str, str]) -> list[PlaceName]:
    """Admin units as places; ``parent`` is the name of the unit above (a street's district)."""
    return [PlaceName(unit.name, unit.aliases, names_by_code.get(unit.parent_code or "")) for unit in units]


def reference_gazetteer(reference: Reference, standard: AddressStandard) -> Gazetteer:
    """The gazetteer of a loaded :class:`Reference`: admin units with their aliases (short and
    former names), roads with their prefixed spellings, complexes with their listing names."""
    units = (*reference.districts, *reference.streets, *reference.communities)
    names_by_code = {unit.code: unit.name for unit in units}
    return Gazetteer.from_names(
        standard,
        districts=_admin_places(reference.districts, names_by_code),
        streets=_admin_places(reference.streets, names_by_code),
        communities=_admin_places(reference.communities, names_by_code),
        roads=[PlaceName(road.name, road.variants) for road in reference.roads],
        complexes=[PlaceName(item.name, item.aliases) for item in reference.complexes],
    )


@functools.lru_cache(maxsize=4)
def _shipped(standard_dir: Path, data_dir: Path | None) -> Gazetteer:
    return reference_gazetteer(load_reference(data_dir), cached_standard(standard_dir))


def shipped_gazetteer(standard_dir: Path, data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of the shipped reference data (or of ``data_dir`` in the same format),
    under the standard of ``standard_dir``; built once per pair of folders, then cached.

    Raises:
        addressreg.reference.ReferenceDataError: a reference file is missing or malformed.
    """
    return _shipped(standard_dir.resolve(), None if data_dir is None else data_dir.resolve())
