"""TableSink: rows written block by block, visible under the target name only once complete."""

from __future__ import annotations

import codecs
import csv
import gc
import io
from pathlib import Path

import pytest
from clean_dict_resolver import ROOMS, DictResolver
from openpyxl import load_workbook

from addressreg.clean import CleanRequest, run_clean
from addressreg.clean.writing import TableSink

ROWS = [("1", "a,b", "0.5"), ("2", 'say "hi"', ""), ("3", "两\n行", "1.25")]


def test_csv_rows_arrive_in_order_and_appear_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    sink = TableSink(target, "csv", ("id", "text", "score"))
    sink.add(ROWS[:1])
    sink.add(iter(ROWS[1:]))
    assert not target.exists()
    assert sink.commit() == 3
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert read == [["id", "text", "score"], *map(list, ROWS)]
    assert not (tmp_path / "out.csv.tmp").exists()


def test_abort_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    sink = TableSink(target, "csv", ("id",))
    sink.add([("1",)])
    sink.abort()
    assert target.read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "out.csv.tmp").exists()


def test_xlsx_numeric_columns_are_numbers_and_the_rest_text(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    sink = TableSink(target, "xlsx", ("id", "text", "score"), frozenset({"score"}))
    sink.add(ROWS)
    assert sink.commit() == 3
    sheet = load_workbook(target, read_only=True).worksheets[0]
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1] == ("1", "a,b", 0.5) and values[2][2] is None and values[3][2] == 1.25


@pytest.mark.parametrize("enabled", [True, False])
def test_a_run_leaves_the_collector_as_it_found_it(tmp_path: Path, enabled: bool) -> None:
    source = tmp_path / "in.csv"
    source.write_text("地址\n" + "\n".join([*ROOMS, "不存在的地址"]) + "\n", encoding="utf-8")
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        run_clean(CleanRequest(source, tmp_path / "out.csv"), DictResolver, {})
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert len((tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()) == len(ROOMS) + 2
