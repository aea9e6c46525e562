"""``addressreg compare``: JSON lines in, labelled JSON lines out, lines in = lines out."""

from __future__ import annotations

import json

from click.testing import CliRunner

from addressreg.cli.compare import compare_command

SAME = "深圳市宝安区新安街道上川社区上合花园5栋1203"


def test_labels_pairs_and_keeps_bad_lines_in_place() -> None:
    lines = [
        json.dumps({"a": SAME, "b": SAME, "id": 1}, ensure_ascii=False),
        json.dumps({"a": SAME, "b": "宝安区上合花园5栋", "label": "partial_match"}, ensure_ascii=False),
        json.dumps({"a": SAME, "b": "福田区莲花路1号莲花一村2栋"}, ensure_ascii=False),
        "{not json",
        json.dumps({"a": SAME}, ensure_ascii=False),
    ]
    result = CliRunner().invoke(compare_command, ["--format", "jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["label"] == "exact_match" and out[0]["score"] == 1.0 and out[0]["id"] == 1
    assert out[1]["label"] == "partial_match" and out[1]["input_label"] == "partial_match"
    assert out[2]["label"] == "not_match"
    assert out[3] == {"line": 4, "error": out[3]["error"]} and "JSON" in out[3]["error"]
    assert "“b”" in out[4]["error"]
    assert "2 行无法读取" in result.stderr
