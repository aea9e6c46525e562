"""Reading registry addresses back as :class:`AddressFacts` (for the record generator).

A deterministic sample: rooms ordered by a hash of their code salted with the seed, so
the same registry and seed give the same facts in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import Engine, text

from addressreg.model import AddressFacts
from addressreg.seed.registry import NEW_AREA_SUFFIX
from addressreg.standard_address import AddressFormat, facts_text

ROOM_FACTS = text("""
SELECT r.code, r.unit, r.floor, r.number, b.label,
       d.name, d.aliases, s.name, s.aliases, c.name, rd.name, dp.number, x.name, x.aliases
FROM room r
JOIN building b ON b.code = r.building_code
JOIN admin_unit g ON g.code = b.grid_code
JOIN admin_unit c ON c.code = g.parent_code
JOIN admin_unit s ON s.code = c.parent_code
JOIN admin_unit d ON d.code = s.parent_code
LEFT JOIN door_plate dp ON dp.door_plate_id = b.door_plate_id
LEFT JOIN road rd ON rd.road_id = dp.road_id
LEFT JOIN complex x ON x.complex_id = b.complex_id
WHERE r.status = 'active' AND b.status = 'active'
ORDER BY md5(r.code || :salt), r.code
LIMIT :n
""")


def sample_room_facts(engine: Engine, n: int, seed: int, fmt: AddressFormat) -> Sequence[AddressFacts]:
    """Up to ``n`` active rooms of the registry as facts, in a seed-determined order."""
    with engine.connect() as conn:
        rows = conn.execute(ROOM_FACTS, {"salt": str(seed), "n": n}).all()
    facts = []
    for (
        code,
        unit,
        floor,
        number,
        label,
        district,
        d_aliases,
        street,
        s_aliases,
        community,
        road,
        door,
        complex_name,
        c_aliases,
    ) in rows:
        fact = AddressFacts(
            code=code,
            level="room",
            district=district,
            street=street,
            community=community,
            road=road,
            door_number=door,
            complex_name=complex_name,
            building_label=label,
            unit=unit,
            floor=floor,
            room=number,
            district_aliases=(*d_aliases, *(a for a in s_aliases if a.endswith(NEW_AREA_SUFFIX))),
            complex_aliases=tuple(c_aliases or ()),
        )
        facts.append(replace(fact, standard_text=facts_text(fact, fmt)))
    return facts


def registry_names(engine: Engine) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """What exists in the whole registry, for proving fabricated addresses absent.

    Returns:
        every complex name and alias; (road name, door number) of every door plate;
        (complex name, building label) of every building in a complex.
    """
    with engine.connect() as conn:
        complexes = list(
            conn.execute(text("SELECT name FROM complex UNION SELECT unnest(aliases) FROM complex")).scalars()
        )
        plates = [
            (r, n)
            for r, n in conn.execute(
                text("SELECT rd.name, dp.number FROM door_plate dp JOIN road rd USING (road_id)")
            )
        ]
        buildings = [
            (c, b)
            for c, b in conn.execute(
                text("SELECT x.name, b.label FROM building b JOIN complex x USING (complex_id)")
            )
        ]
    return complexes, plates, buildings
