"""``addressreg generate records`` on the seeded tiny registry: truth that the registry confirms."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

pytestmark = pytest.mark.postgis


def _generate(url: str, out: Path, n: int, seed: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": url}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "addressreg.cli",
            "generate",
            "records",
            "--n",
            str(n),
            "--seed",
            str(seed),
            "-o",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def records(tiny_registry_url: str, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("records") / "records.csv"
    result = _generate(tiny_registry_url, out, 3000, 11)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_truth_code_exists_at_its_level(tiny_registry_url: str, records: list[dict[str, str]]) -> None:
    rooms = {r["truth_code"] for r in records if r["truth_level"] == "room"}
    buildings = {r["truth_code"] for r in records if r["truth_level"] == "building"}
    engine = create_engine(tiny_registry_url)
    with engine.connect() as conn:
        found_rooms = conn.execute(text("SELECT count(*) FROM room WHERE code = ANY(:c)"), {"c": list(rooms)})
        found_buildings = conn.execute(
            text("SELECT count(*) FROM building WHERE code = ANY(:c)"), {"c": list(buildings)}
        )
        assert found_rooms.scalar_one() == len(rooms) > 100
        assert found_buildings.scalar_one() == len(buildings) > 10
    engine.dispose()


def test_a_share_of_records_has_no_true_match(records: list[dict[str, str]]) -> None:
    none = [r for r in records if r["truth_level"] == "none"]
    assert 0.02 * len(records) < len(none) < 0.10 * len(records)
    assert all(r["truth_code"] == "" and r["noise"].startswith("no_match_") for r in none)


def test_the_same_seed_gives_the_same_file(tiny_registry_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert _generate(tiny_registry_url, first, 500, 5).returncode == 0
    assert _generate(tiny_registry_url, second, 500, 5).returncode == 0
    assert first.read_bytes() == second.read_bytes()
