"""The tiny seed is deterministic and consistent; bad reference data fails clearly."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import shapely

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.model import AddressKind, UnitLevel
from addressreg.reference import Reference, ReferenceDataError, default_data_dir, load_reference
from addressreg.seed import PROFILES, SeedRegistry, build_seed, room_count
from addressreg.standard import CodeLayout, load_code_layout

DIGEST_SCRIPT = """
import hashlib, sys
from addressreg.reference import load_reference
from addressreg.standard import load_code_layout
from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.seed import build_seed
reg = build_seed(load_reference(), load_code_layout(DEFAULT_STANDARD_DIR), "tiny", 7)
h = hashlib.sha256()
for b in reg.buildings:
    h.update(f"{b.code}|{b.label}|{b.point.wkt}|{b.floors}|{b.units}|{b.rooms_per_floor}|{b.door_plate_id}".encode())
for a in reg.addresses:
    h.update(f"{a.code}|{a.kind.value}|{a.text}".encode())
print(h.hexdigest())
"""


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def layout() -> CodeLayout:
    return load_code_layout(DEFAULT_STANDARD_DIR)


@pytest.fixture(scope="module")
def tiny(reference: Reference, layout: CodeLayout) -> SeedRegistry:
    return build_seed(reference, layout, "tiny", 7)


def _digest(reg: SeedRegistry) -> str:
    h = hashlib.sha256()
    for b in reg.buildings:
        h.update(
            f"{b.code}|{b.label}|{b.point.wkt}|{b.floors}|{b.units}|{b.rooms_per_floor}|{b.door_plate_id}".encode()
        )
    for a in reg.addresses:
        h.update(f"{a.code}|{a.kind.value}|{a.text}".encode())
    return h.hexdigest()


def test_same_inputs_give_an_equal_registry(
    tiny: SeedRegistry, reference: Reference, layout: CodeLayout
) -> None:
    again = build_seed(reference, layout, "tiny", 7)
    assert again == tiny
    other = build_seed(reference, layout, "tiny", 8)
    assert [b.code for b in other.buildings] != [b.code for b in tiny.buildings]


def test_the_build_does_not_depend_on_the_hash_seed(tiny: SeedRegistry) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", DIGEST_SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == _digest(tiny)


def test_units_are_the_real_ones_plus_grids_parents_first(tiny: SeedRegistry, layout: CodeLayout) -> None:
    levels = Counter(u.level for u in tiny.units)
    assert (levels[UnitLevel.DISTRICT], levels[UnitLevel.STREET], levels[UnitLevel.COMMUNITY]) == (9, 79, 788)
    seen: set[str] = set()
    for unit in tiny.units:
        layout.validate(unit.code)
        assert unit.parent_code is None or (
            unit.parent_code in seen and unit.code.startswith(unit.parent_code)
        )
        seen.add(unit.code)
    grids = [u for u in tiny.units if u.level is UnitLevel.GRID]
    assert all(len(g.code) == 14 and g.polygon_derived and g.stats_code is None for g in grids)


def test_every_code_is_unique_and_valid(tiny: SeedRegistry, layout: CodeLayout) -> None:
    codes = [u.code for u in tiny.units] + [b.code for b in tiny.buildings]
    rooms = [r.code for b in tiny.buildings for r in tiny.rooms(b)]
    assert len(set(codes + rooms)) == len(codes) + len(rooms)
    for building in tiny.buildings:
        layout.validate(building.code, level="building")
        assert building.code[:14] == building.grid_code
    for code in rooms[::97]:
        assert layout.validate(code, level="room")["room"] != "000000"


def test_every_room_code_starts_with_its_building_code(tiny: SeedRegistry) -> None:
    total = 0
    for building in tiny.buildings:
        rooms = list(tiny.rooms(building))
        assert all(r.code.startswith(building.code) and r.building_code == building.code for r in rooms)
        assert len(rooms) == room_count(building, tiny.seed)
        total += len(rooms)
    assert total > 5_000


def test_buildings_stand_inside_their_grid_and_community(tiny: SeedRegistry) -> None:
    units = {u.code: u for u in tiny.units}
    points = np.array([b.point for b in tiny.buildings], dtype=object)
    feet = np.array([b.footprint for b in tiny.buildings], dtype=object)
    grids = np.array([units[b.grid_code].geometry for b in tiny.buildings], dtype=object)
    communities = np.array([units[b.code[:12]].geometry for b in tiny.buildings], dtype=object)
    streets = np.array([units[b.code[:9]].geometry for b in tiny.buildings], dtype=object)
    assert shapely.contains(grids, feet).all() and shapely.contains(feet, points).all()
    assert shapely.contains(communities, points).all() and shapely.contains(streets, points).all()
    assert not shapely.STRtree(feet).query(feet, predicate="overlaps").size


def test_complexes_stand_in_their_community(tiny: SeedRegistry) -> None:
    units = {u.code: u for u in tiny.units}
    assert len(tiny.complexes) == PROFILES["tiny"].complexes
    for c in tiny.complexes:
        assert units[c.community_code].geometry.contains(c.point), c.name
    members = Counter(b.complex_id for b in tiny.buildings if b.complex_id is not None)
    assert set(members) == {c.complex_id for c in tiny.complexes}


def test_each_building_has_one_standard_address_and_real_aliases(tiny: SeedRegistry) -> None:
    standard = Counter(a.code for a in tiny.addresses if a.kind is AddressKind.STANDARD)
    assert set(standard) == {b.code for b in tiny.buildings} and set(standard.values()) == {1}
    kinds = Counter(a.kind for a in tiny.addresses)
    assert kinds[AddressKind.COLLOQUIAL] > 0 and kinds[AddressKind.HISTORIC] > 0
    historic = [a.text for a in tiny.addresses if a.kind is AddressKind.HISTORIC]
    assert all(any(old in t for old in ("龙华新区", "光明新区", "坪山新区")) for t in historic)


def test_facts_give_the_standard_text_of_buildings_and_rooms(tiny: SeedRegistry) -> None:
    plates = {p.door_plate_id: p for p in tiny.door_plates}
    building = next(b for b in tiny.buildings if b.complex_id is None and b.door_plate_id is not None)
    facts = tiny.facts(building, None)
    assert facts.level == "building" and facts.code == building.code
    assert facts.standard_text.startswith(f"深圳市{facts.district}{facts.street}{facts.community}")
    assert f"{plates[building.door_plate_id].number}号" in facts.standard_text
    room = next(tiny.rooms(building))
    room_facts = tiny.facts(building, room)
    assert room_facts.standard_text.startswith(facts.standard_text) and room_facts.standard_text.endswith(
        room.number
    )


def test_missing_or_unreadable_reference_data_fails_clearly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (data / "complex_listings.csv").unlink()
    with pytest.raises(ReferenceDataError, match=r"complex_listings\.csv: file not found"):
        load_reference(data)
    shutil.copy(default_data_dir() / "complex_listings.csv", data)
    (data / "admin_units.csv").write_bytes(b"\x81\x82\xff")
    with pytest.raises(ReferenceDataError, match=r"admin_units\.csv: cannot read"):
        load_reference(data)


@pytest.mark.slow
def test_demo_scale_has_the_stated_sizes(reference: Reference, layout: CodeLayout) -> None:
    demo = build_seed(reference, layout, "demo", 1)
    assert 19_000 <= len(demo.buildings) <= 20_000
    assert len(demo.complexes) == len(reference.complexes)
    grids = Counter(u.parent_code for u in demo.units if u.level is UnitLevel.GRID)
    ordinary = [n for code, n in grids.items() if code and not code.endswith("498")]
    assert 36 <= sum(ordinary) / len(ordinary) <= 42
