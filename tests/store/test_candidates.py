"""Reading the index rows from PostGIS: every active row, rooms packed per building."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from addressreg.store.candidates import read_index_rows

pytestmark = pytest.mark.postgis


def test_index_rows_match_the_tables(tiny_registry_url: str) -> None:
    engine = create_engine(tiny_registry_url)
    rows = read_index_rows(engine)
    with engine.connect() as conn:
        count = {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("road", "door_plate", "complex")
        }
        buildings = conn.execute(text("SELECT count(*) FROM building WHERE status = 'active'")).scalar_one()
        rooms = conn.execute(
            text("SELECT code, building_code, unit, number FROM room WHERE status = 'active'")
        ).all()
    assert (len(rows.roads), len(rows.plates), len(rows.complexes)) == (
        count["road"],
        count["door_plate"],
        count["complex"],
    )
    assert len(rows.buildings) == buildings
    assert len(rows.rooms) == len(rooms)
    for code, building, unit, number in rooms[:: max(1, len(rooms) // 50)]:
        assert code in rows.rooms.find(building, None if unit is None else str(unit), number)
