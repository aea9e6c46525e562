"""Seeding on the real PostGIS: a consistent registry, all or nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from addressreg.reference import default_data_dir

pytestmark = pytest.mark.postgis


def _scalar(url: str, sql: str) -> object:
    engine = create_engine(url)
    with engine.connect() as conn:
        value = conn.execute(text(sql)).scalar_one()
    engine.dispose()
    return value


def _seed(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "addressreg.cli", "seed", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(("level", "count"), [("district", 9), ("street", 79), ("community", 788)])
def test_the_real_administrative_units_are_all_there(tiny_registry_url: str, level: str, count: int) -> None:
    assert _scalar(tiny_registry_url, f"SELECT count(*) FROM admin_unit WHERE level = '{level}'") == count


CONSISTENCY = {
    "room code starts with its building code": """
        SELECT count(*) FROM room WHERE left(code, 19) <> building_code""",
    "building lies inside its community polygon": """
        SELECT count(*) FROM building b JOIN admin_unit c ON c.code = left(b.code, 12)
        WHERE NOT ST_Within(b.point, c.geom)""",
    "building lies inside its grid polygon": """
        SELECT count(*) FROM building b JOIN admin_unit g ON g.code = b.grid_code
        WHERE NOT ST_Within(b.point, g.geom)""",
    "unit code extends its parent's code": """
        SELECT count(*) FROM admin_unit u JOIN admin_unit p ON p.code = u.parent_code
        WHERE left(u.code, length(p.code)) <> p.code""",
    "every building has exactly one standard address": """
        SELECT count(*) FROM building b
        WHERE (SELECT count(*) FROM address a WHERE a.code = b.code AND a.kind = 'standard') <> 1""",
    "no code appears both as a room and a building": """
        SELECT count(*) FROM room r JOIN building b ON b.code = r.code""",
    "complex stands in its community": """
        SELECT count(*) FROM complex x JOIN admin_unit c ON c.code = x.community_code
        WHERE NOT ST_Within(x.geom, c.geom)""",
}


@pytest.mark.parametrize("rule", sorted(CONSISTENCY))
def test_the_tiny_registry_is_consistent(tiny_registry_url: str, rule: str) -> None:
    assert _scalar(tiny_registry_url, CONSISTENCY[rule]) == 0


def test_the_tiny_registry_has_buildings_rooms_and_a_logged_seed(tiny_registry_url: str) -> None:
    assert _scalar(tiny_registry_url, "SELECT count(*) FROM building") > 500
    assert _scalar(tiny_registry_url, "SELECT count(*) FROM room") > 5_000
    assert _scalar(tiny_registry_url, "SELECT count(DISTINCT txid) FROM change_event") == 1
    events = _scalar(tiny_registry_url, "SELECT count(*) FROM change_event WHERE entity = 'room'")
    assert events == _scalar(tiny_registry_url, "SELECT count(*) FROM room")


def test_seeding_twice_is_refused_and_changes_nothing(tiny_registry_url: str) -> None:
    before = _scalar(tiny_registry_url, "SELECT count(*) FROM change_event")
    result = _seed(tiny_registry_url, "--scale", "tiny", "--seed", "8")
    assert result.returncode != 0 and "不为空" in result.stderr
    assert _scalar(tiny_registry_url, "SELECT count(*) FROM change_event") == before
    again = _seed(tiny_registry_url, "--scale", "tiny", "--seed", "7", "--if-empty")
    assert again.returncode == 0 and "跳过" in again.stderr


@pytest.mark.parametrize("damage", ["missing", "garbled"])
def test_bad_reference_data_fails_clearly_and_leaves_the_database_unchanged(
    migrated_url: str, tmp_path: Path, damage: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    victim = sorted(p for p in data.iterdir() if p.suffix == ".csv")[0]
    if damage == "missing":
        victim.unlink()
    else:
        victim.write_bytes(b"\xff\xfe\x00garbage,\n\x81\x82")
    result = _seed(migrated_url, "--scale", "tiny", "--reference-dir", str(data))
    assert result.returncode != 0
    assert victim.name in result.stderr and "Traceback" not in result.stderr
    assert _scalar(migrated_url, "SELECT count(*) FROM admin_unit") == 0
    assert _scalar(migrated_url, "SELECT count(*) FROM change_transaction") == 0
