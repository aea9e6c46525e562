"""``addressreg parse``: human output with Chinese level names, and the jsonl mode."""

from __future__ import annotations

import json

from click.testing import CliRunner

from addressreg.cli.parse import parse_command

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
