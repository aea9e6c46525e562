"""Department records in the store: staging and upsert, learned addresses, withdrawal, conflicts."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from addressreg.store.departments import audit_load, begin_load, find_conflicts, sync_department
from addressreg.store.record_loading import (
    RecordRow,
    stage_records,
    stored_hashes,
    withdraw_records,
    write_staged,
)

pytestmark = pytest.mark.postgis
BUILDING = "4403040010010100001"
ROOM = BUILDING + "010101"


@pytest.fixture()
def engine(migrated_url: str) -> Iterator[Engine]:
    engine = create_engine(migrated_url)
    yield engine
    engine.dispose()


def _row(
    record_id: str,
    code: str | None,
    category: str = "A",
    *,
    text_: str = "福田区福强路1号1栋",
    normalised: str | None = None,
    lon: float | None = None,
    lat: float | None = None,
    check: str | None = None,
) -> RecordRow:
    return RecordRow(
        record_id,
        text_,
        f"h-{record_id}-{text_}",
        code,
        category,
        0.9,
        json.dumps({"level": "room"}),
        normalised if normalised is not None else text_,
        lon,
        lat,
        2,
        check,
        12.5 if check else None,
    )


def _load(engine: Engine, department: str, rows: list[RecordRow]) -> tuple[int, int]:
    with engine.begin() as conn:
        begin_load(conn, department)
        sync_department(conn, department, f"部门{department}")
        stage_records(conn, rows)
        result = write_staged(conn, department, "file.csv")
        audit_load(conn, department, {"records": len(rows)})
        return result


def test_records_are_upserted_logged_under_the_load_and_addresses_learned_by_the_rules(
    engine: Engine,
) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO department (code, name) VALUES ('x', 'x')"))
        conn.execute(
            text(
                "INSERT INTO address (code, text, normalised, kind) VALUES (:c, '标准', '已有', 'standard')"
            ),
            {"c": BUILDING},
        )
    rows = [
        _row("1", ROOM, text_="甲"),
        _row("2", ROOM, text_="甲"),  # one address, learned once
        _row("3", BUILDING, "B", text_="乙"),
        _row("4", BUILDING, "C", text_="丙"),  # C is not learned
        _row("5", BUILDING, text_="丁", check="far"),  # a disagreeing point withholds learning
        _row("6", BUILDING, text_="标准写法", normalised="已有"),  # the code already has it
        _row("7", "440304001", text_="戊"),
        _row("8", None, "U", text_="己"),  # unit codes and U are not
    ]
    assert _load(engine, "gongan", rows) == (8, 2)
    with engine.connect() as conn:
        learned = conn.execute(
            text(
                "SELECT code, text, kind, department_code FROM address "
                "WHERE kind = 'department' ORDER BY text"
            )
        ).all()
        actors = conn.execute(
            text(
                "SELECT DISTINCT t.actor FROM change_event e "
                "JOIN change_transaction t USING (txid) WHERE e.entity = 'department_record'"
            )
        )
        stored = conn.execute(
            text("SELECT explanation FROM department_record WHERE record_id = '5'")
        ).scalar_one()
    expected = {(ROOM, "甲", "department", "gongan"), (BUILDING, "乙", "department", "gongan")}
    assert len(learned) == 2 and {tuple(r) for r in learned} == expected
    assert list(actors.scalars()) == ["load:gongan"]
    assert stored["coordinate_check"] == {"status": "far", "distance_m": 12.5}
    assert stored["source"]["hash"] == "h-5-丁" and stored["resolution"] == {"level": "room"}


def test_withdrawn_records_stay_and_come_back_when_loaded_again(engine: Engine) -> None:
    _load(engine, "shebao", [_row("1", ROOM), _row("2", BUILDING)])
    with engine.begin() as conn:
        assert withdraw_records(conn, "shebao", ["2"]) == 1
        assert withdraw_records(conn, "shebao", ["2"]) == 0
        assert withdraw_records(conn, "shebao", []) == 0
        hashes = stored_hashes(conn, "shebao")
    assert hashes == {"1": ("h-1-福田区福强路1号1栋", "active"), "2": ("h-2-福田区福强路1号1栋", "withdrawn")}
    _load(engine, "shebao", [_row("2", BUILDING)])
    with engine.connect() as conn:
        assert stored_hashes(conn, "shebao")["2"][1] == "active"
        assert conn.execute(text("SELECT count(*) FROM department_record")).scalar_one() == 2


def test_a_department_is_renamed_only_when_its_name_changes(engine: Engine) -> None:
    with engine.begin() as conn:
        sync_department(conn, "guihua", "规划局")
        sync_department(conn, "guihua", "规划和自然资源局")
        sync_department(conn, "guihua", "规划和自然资源局")
        assert (
            conn.execute(text("SELECT name FROM department WHERE code = 'guihua'")).scalar_one()
            == "规划和自然资源局"
        )


def test_conflicts_name_departments_that_disagree_about_one_place(engine: Engine) -> None:
    _load(
        engine,
        "a",
        [
            _row("1", ROOM, lon=114.05, lat=22.55),
            _row("2", BUILDING, text_="共同地址"),
            _row("3", BUILDING, "C", text_="丙", lon=114.06, lat=22.55),
        ],
    )
    _load(
        engine,
        "b",
        [_row("9", BUILDING, lon=114.055, lat=22.55), _row("8", "4403040010010100002", text_="共同地址")],
    )
    with engine.connect() as conn:
        found = find_conflicts(conn, 200, 10)
        none_close = find_conflicts(conn, 600, 10)
    place = [c for c in found if c.kind == "place"]
    code = [c for c in found if c.kind == "code"]
    assert len(place) == 1 and place[0].key == BUILDING and place[0].departments == ("a", "b")
    assert place[0].records == ("a/1", "b/9") and 500 < (place[0].distance_m or 0) < 530
    assert len(code) == 1 and code[0].key == "共同地址"
    assert set(code[0].codes) == {BUILDING, "4403040010010100002"}
    assert [c.kind for c in none_close] == ["code"]
