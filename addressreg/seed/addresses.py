"""The addresses of each building (一码多址): one standard, then colloquial and historic ones.

- STANDARD: exactly one per building, the standard's template filled from its facts.
- HISTORIC: the standard text under each former name of its district (龙华新区 …).
- COLLOQUIAL: the standard text under a functional area name of its street (大鹏新区);
  for buildings of a complex, ``<complex name or alias><label>`` (俗称, e.g. 韵动家园2栋)
  and each source's address string followed by the complex name and the label, as the
  housing site wrote it.
Texts are unique per building (a repeat is not listed twice).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from addressreg.model import Address, AddressFacts, AddressKind, Building, Complex
from addressreg.seed.registry import NEW_AREA_SUFFIX, SeedRegistry
from addressreg.standard_address import facts_parts, standard_text


def building_addresses(
    registry: SeedRegistry, former_names: Mapping[str, tuple[str, ...]]
) -> tuple[Address, ...]:
    """All addresses of all buildings, building by building, the standard one first."""
    complexes = {c.complex_id: c for c in registry.complexes}
    out: list[Address] = []
    for building in registry.buildings:
        facts = registry.facts(building, None)
        seen: set[str] = set()
        complex_ = complexes.get(building.complex_id) if building.complex_id is not None else None
        for text, kind in _texts(registry, building, facts, complex_, former_names):
            if text not in seen:
                seen.add(text)
                out.append(Address(building.code, text, kind))
    return tuple(out)


def _texts(
    registry: SeedRegistry, building: Building, facts: AddressFacts, complex_: Complex | None,
    former_names: Mapping[str, tuple[str, ...]],
) -> Iterator[tuple[str, AddressKind]]:  # fmt: skip
    yield facts.standard_text, AddressKind.STANDARD
    parts = facts_parts(facts)
    fmt = registry.address_format
    for former in former_names.get(building.code[:6], ()):
        yield standard_text({**parts, "district": former}, "building", fmt), AddressKind.HISTORIC
    for area in (a for a in facts.district_aliases if a.endswith(NEW_AREA_SUFFIX)):
        if area not in former_names.get(building.code[:6], ()):
            yield standard_text({**parts, "district": area}, "building", fmt), AddressKind.COLLOQUIAL
    if complex_ is None:
        return
    for name in (complex_.name, *complex_.aliases):
        yield f"{name}{building.label}", AddressKind.COLLOQUIAL
    for _source, text in complex_.source_addresses:
        yield f"{text}{complex_.name}{building.label}", AddressKind.COLLOQUIAL
