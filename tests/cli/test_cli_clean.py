"""``addressreg clean`` end to end: the real engine on the tiny registry, in a subprocess."""

from __future__ import annotations

import codecs
import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from addressreg.clean import OUTPUT_COLUMNS, review_path

pytestmark = pytest.mark.postgis


def _standard_addresses(url: str, n: int) -> list[tuple[str, str]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT code, text FROM address WHERE kind = 'standard' AND length(code) = 19"
                " ORDER BY code LIMIT :n"
            ),
            {"n": n},
        ).all()
    engine.dispose()
    return [(code, address) for code, address in rows]


def _clean(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": url}
    command = [sys.executable, "-m", "addressreg.cli", "clean", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=120)


def test_clean_a_gbk_file_with_the_real_engine(tiny_registry_url: str, tmp_path: Path) -> None:
    known = _standard_addresses(tiny_registry_url, 5)
    lines = ["编号,地址"] + [f"{i},{address}" for i, (_, address) in enumerate(known)]
    lines += ["5," + known[0][1], "6,", "7,火星基地一号", "8"]
    source = tmp_path / "in.csv"
    source.write_bytes("\n".join(lines).encode("gbk") + b"\n")
    result = _clean(
        tiny_registry_url, str(source), "-o", str(tmp_path / "out.csv"), "--workers", "2", "--dept", "t"
    )
    assert result.returncode == 0, result.stderr
    assert "类别" in result.stderr and "每秒" in result.stderr and "部门 t" in result.stderr
    data = (tmp_path / "out.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    output = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(output[0]) == ["编号", "地址", *OUTPUT_COLUMNS]
    assert [row["编号"] for row in output] == [str(i) for i in range(9)]
    for (code, _), row in zip(known, output, strict=False):
        assert row["category"] in {"A", "B"}, row
        assert row["code"].startswith(code), row
        assert row["lon"] and row["lat"]
    assert output[5]["code"] == output[0]["code"]  # a duplicate resolves the same
    assert output[6]["category"] == "U" and "地址为空" in output[6]["explanation"]
    assert output[8]["category"] == "U" and "字段" in output[8]["explanation"]
    assert review_path(tmp_path / "out.csv").exists()


def test_clean_refuses_bad_input_and_writes_nothing(tiny_registry_url: str, tmp_path: Path) -> None:
    """The registry loads alongside the reading (read-only); the input's error is what is said."""
    source = tmp_path / "bad.csv"
    source.write_bytes("地址\n深圳".encode() + b"\xff\n")
    result = _clean(tiny_registry_url, str(source), "-o", str(tmp_path / "out.csv"))
    assert result.returncode == 1
    assert "bad.csv" in result.stderr and "字节偏移" in result.stderr
    assert not (tmp_path / "out.csv").exists()
    assert not list(tmp_path.glob("out.csv.*"))  # no journal, no partial files


def test_clean_without_an_address_column_lists_the_columns(tiny_registry_url: str, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("名称,电话\n甲,1\n", encoding="utf-8")
    result = _clean(tiny_registry_url, str(source), "-o", str(tmp_path / "out.xlsx"))
    assert result.returncode == 1
    assert "名称、电话" in result.stderr and "--column" in result.stderr
