"""Writing clean's xlsx files (whole or not at all), and the collector around a run."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from clean_dict_resolver import ROOMS, DictResolver
from openpyxl import load_workbook

from addressreg.clean import CleanRequest, run_clean
from addressreg.clean.writing import replace_xlsx

ROWS = [("1", "a,b", "0.5"), ("2", 'say "hi"', ""), ("3", "两\n行", "1.25")]


def test_xlsx_numeric_columns_are_numbers_and_the_rest_text(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    assert replace_xlsx(target, ("id", "text", "score"), iter(ROWS), frozenset({"score"})) == 3
    sheet = load_workbook(target, read_only=True).worksheets[0]
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ("id", "text", "score")
    assert values[1] == ("1", "a,b", 0.5) and values[2][2] is None and values[3][2] == 1.25
    assert not (tmp_path / "out.xlsx.tmp").exists()


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_text("old", encoding="utf-8")

    def rows() -> Iterator[tuple[str, ...]]:
        yield ROWS[0]
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        replace_xlsx(target, ("id", "text", "score"), rows())
    assert target.read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "out.xlsx.tmp").exists()


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
