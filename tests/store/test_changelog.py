"""The change log on the real PostGIS: consecutive txids in commit order, one event per row change,
nothing logged for rolled-back work, and codes that can never be deleted (hence never reused)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

pytestmark = pytest.mark.postgis

DISTRICT = "INSERT INTO admin_unit (code, level, name) VALUES (:code, 'district', :name)"


@pytest.fixture()
def engine(migrated_url: str) -> Engine:
    engine = create_engine(migrated_url, pool_size=10)
    yield engine
    engine.dispose()


def _events(engine: Engine) -> list[tuple[int, str, str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT txid, action, entity, code FROM change_event ORDER BY event_id"))
        return [tuple(r) for r in rows]


def test_each_transaction_gets_the_next_txid_and_each_row_an_event(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL addressreg.actor = 'clerk-7'"))
        conn.execute(
            text(DISTRICT), [{"code": "440306", "name": "宝安区"}, {"code": "440303", "name": "罗湖区"}]
        )
        conn.execute(text("UPDATE admin_unit SET aliases = '{宝安}' WHERE code = '440306'"))
    with engine.begin() as conn:
        conn.execute(text(DISTRICT), {"code": "440307", "name": "龙岗区"})
    assert _events(engine) == [
        (1, "insert", "admin_unit", "440306"),
        (1, "insert", "admin_unit", "440303"),
        (1, "update", "admin_unit", "440306"),
        (2, "insert", "admin_unit", "440307"),
    ]
    with engine.connect() as conn:
        actors = conn.execute(text("SELECT txid, actor FROM change_transaction ORDER BY txid")).all()
    assert actors[0] == (1, "clerk-7")


def test_a_rolled_back_transaction_leaves_no_gap(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text(DISTRICT), {"code": "440306", "name": "宝安区"})
    with engine.connect() as conn:
        conn.execute(text(DISTRICT), {"code": "440303", "name": "罗湖区"})
        conn.rollback()
    with engine.begin() as conn:
        conn.execute(text(DISTRICT), {"code": "440307", "name": "龙岗区"})
    assert [e[0] for e in _events(engine)] == [1, 2]


def test_buildings_and_units_can_never_be_deleted(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text(DISTRICT), {"code": "440306", "name": "宝安区"})
    with pytest.raises(DBAPIError, match="codes are never reused"), engine.begin() as conn:
        conn.execute(text("DELETE FROM admin_unit WHERE code = '440306'"))


def test_concurrent_writers_get_consecutive_txids_without_gaps(engine: Engine) -> None:
    def write(worker: int) -> None:
        for i in range(5):
            with engine.begin() as conn:
                conn.execute(
                    text("INSERT INTO department (code, name) VALUES (:c, :n)"),
                    {"c": f"d{worker}-{i}", "n": "部门"},
                )
                conn.execute(
                    text(
                        "INSERT INTO department_record (department_code, record_id, raw_text, "
                        "category, score) VALUES (:c, 'r1', '地址', 'U', 0)"
                    ),
                    {"c": f"d{worker}-{i}"},
                )

    threads = [threading.Thread(target=write, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with engine.connect() as conn:
        txids = [r[0] for r in conn.execute(text("SELECT txid FROM change_transaction ORDER BY txid"))]
        per_tx = conn.execute(text("SELECT count(*) FROM change_event GROUP BY txid")).scalars().all()
    assert txids == list(range(1, 41))
    assert set(per_tx) == {1}  # department is not logged; each department_record insert is one event
