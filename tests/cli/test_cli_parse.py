"""``addressreg parse``: human output with Chinese level names, and the jsonl mode."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from addressreg.cli.parse import parse_command
from addressreg.reference import DEFAULT_DATA_DIR

ADDRESS = "深圳市宝安区新安街道上川社区上合花园5栋1203"


def test_text_mode_prints_elements_with_chinese_levels() -> None:
    result = CliRunner().invoke(parse_command, [ADDRESS])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    levels = [line.split("\t")[0] for line in lines]
    assert "区" in levels and "街道" in levels and "楼栋" in levels
    assert lines[-1] == f"规范化\t{ADDRESS}"


def test_text_mode_without_text_is_a_usage_error_in_chinese() -> None:
    result = CliRunner().invoke(parse_command, [])
    assert result.exit_code == 2
    assert "请提供要解析的地址" in result.output


def test_jsonl_mode_keeps_every_line_in_order() -> None:
    lines = [
        json.dumps({"id": 1, "text": ADDRESS}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": 3, "address": "no text field"}),
        "[1, 2]",
        "",
        json.dumps({"id": 6, "text": "寶安區上合花園5-1203"}, ensure_ascii=False),
    ]
    result = CliRunner().invoke(
        parse_command, ["--format", "jsonl", "--labels", "ccks"], input="\n".join(lines) + "\n"
    )
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    assert [("error" in o) for o in out] == [False, True, True, True, True, False]
    assert out[1]["input"] == "{not json" and "第 2 行" in out[1]["error"]
    assert out[2]["id"] == 3 and "text" in out[2]["error"]
    for obj in (out[0], out[5]):
        assert obj["elements"], obj
        for element in obj["elements"]:
            assert set(element) == {"label", "text", "start", "end"}
            assert obj["text"][element["start"] : element["end"]] == element["text"]
    labels = {e["label"] for e in out[0]["elements"]}
    assert {"city", "district", "town", "community"} <= labels
    assert labels <= {
        "prov",
        "city",
        "district",
        "devzone",
        "town",
        "community",
        "road",
        "roadno",
        "poi",
        "subpoi",
        "houseno",
        "cellno",
        "floorno",
        "roomno",
        "redundant",
        "assist",
        "otherinfo",
        "person",
        "intersection",
        "distance",
        "subroad",
        "subroadno",
        "village_group",
        "country",
    }


def test_jsonl_mode_refuses_a_text_argument() -> None:
    result = CliRunner().invoke(parse_command, ["--format", "jsonl", ADDRESS], input="")
    assert result.exit_code == 2


def test_names_come_from_the_shipped_reference_by_default() -> None:
    result = CliRunner().invoke(parse_command, ["宝安新安上合花园五栋1203室"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert ["区", "宝安", "宝安区"] in [row[:3] for row in rows]


def test_a_broken_reference_dir_is_reported_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "reference"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    (folder / "admin_units.csv").write_text("code,level\n", encoding="utf-8")
    result = CliRunner().invoke(parse_command, ["--reference-dir", str(folder), ADDRESS])
    assert result.exit_code == 1
    assert "地名参考数据有误" in result.output and "admin_units.csv" in result.output


def test_registry_names_need_a_database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADDRESSREG_DATABASE_URL", "")
    monkeypatch.setattr("addressreg.config.DATABASE_URL_FILE", tmp_path / "no_url")
    result = CliRunner().invoke(parse_command, ["--names", "registry", ADDRESS])
    assert result.exit_code == 2
    assert "未配置数据库" in result.output


@pytest.mark.postgis
def test_registry_names_come_from_the_database(
    tiny_registry_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADDRESSREG_DATABASE_URL", tiny_registry_url)
    result = CliRunner().invoke(parse_command, ["--names", "registry", "--labels", "ccks", ADDRESS])
    assert result.exit_code == 0, result.output
    labels = [e["label"] for e in json.loads(result.output)]
    assert "district" in labels and "town" in labels
