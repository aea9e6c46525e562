"""``addressreg load``, ``addressreg conflicts`` and ``generate department-files`` on a real registry."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from loaders.cli import conflicts_command, load_command
from loaders.sample_cli import department_files_command

pytestmark = pytest.mark.postgis


@pytest.fixture(scope="module")
def env(tiny_registry_factory: Callable[[str], str]) -> dict[str, str]:
    """Environment pointing the commands at a tiny registry of their own (seed 7)."""
    return {"ADDRESSREG_DATABASE_URL": tiny_registry_factory("cli_load")}


def test_sample_files_load_once_and_reload_as_unchanged(env: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(
        department_files_command, ["--dept", "shichang,guihua", "--n", "30", "-o", str(tmp_path)], env=env
    )
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".csv", ".shp")) == [
        "guihua.shp",
        "shichang.csv",
    ]
    first = runner.invoke(
        load_command, ["shichang", str(tmp_path / "shichang.csv"), "--workers", "1"], env=env
    )
    assert first.exit_code == 0, first.output
    assert "读取 30 条，新增 30" in first.output and "坐标核验" in first.output
    again = runner.invoke(
        load_command, ["shichang", str(tmp_path / "shichang.csv"), "--workers", "1"], env=env
    )
    assert again.exit_code == 0 and "新增 0，更新 0，未变 30，撤销 0" in again.output
    spatial = runner.invoke(load_command, ["guihua", str(tmp_path / "guihua.shp"), "--workers", "2"], env=env)
    assert spatial.exit_code == 0 and "新增 30" in spatial.output


def test_a_bad_file_stops_with_its_row_and_column_and_loads_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    bad = tmp_path / "gongdian.csv"
    bad.write_text(
        "用电户号,用电地址,经度,纬度\nE1,福田区福强路1号,114.05,22.55\nE2,南山区,东经,22.5\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(load_command, ["gongdian", str(bad), "--workers", "1"], env=env)
    assert result.exit_code == 1
    assert "文件有误，未导入任何记录" in result.output and "row 3: column 经度" in result.output
    conflicts = CliRunner().invoke(conflicts_command, ["--json"], env=env)
    assert conflicts.exit_code == 0
    assert all("gongdian" not in c["departments"] for c in json.loads(conflicts.output))


def test_an_unknown_department_lists_the_known_ones(env: dict[str, str], tmp_path: Path) -> None:
    result = CliRunner().invoke(load_command, ["nobody", str(tmp_path / "x.csv")], env=env)
    assert result.exit_code == 1 and "部门规格有误" in result.output and "gongan_huji" in result.output
    made = CliRunner().invoke(department_files_command, ["--dept", "nobody", "-o", str(tmp_path)], env=env)
    assert made.exit_code == 1 and "未知部门" in made.output
