"""Reading CSV and xlsx tables: every row kept, problems named, empty files refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from addressreg.clean.address_column import AddressColumnError, choose_address_column
from addressreg.clean.tables import UnreadableTable, read_table


def test_csv_rows_with_wrong_field_counts_are_kept_and_explained(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,地址\n1,甲\n2\n3,乙,多余1,多余2\n\n4,丙\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ("id", "地址")
    assert [row.number for row in table.rows] == [2, 3, 4, 5, 6]
    assert [row.cells for row in table.rows] == [("1", "甲"), ("2", ""), ("3", "乙"), ("", ""), ("4", "丙")]
    problems = [row.problem for row in table.rows]
    assert problems[0] == "" and problems[4] == ""
    assert "第 3 行有 1 个字段" in problems[1]
    assert "多余1|多余2" in problems[2]
    assert "第 5 行是空行" in problems[3]


def test_csv_quoted_newlines_stay_in_one_cell(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('地址,备注\n"深圳市\n南山区",x\n', encoding="utf-8")
    assert read_table(path).rows[0].cells == ("深圳市\n南山区", "x")


@pytest.mark.parametrize("content", [b"", b"\n\n", b",,\n"])
def test_an_empty_csv_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableTable, match=r"empty\.csv"):
        read_table(path)


def test_a_broken_csv_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('地址,备注\n福田区,x\n"南山区,y\n', encoding="utf-8")
    with pytest.raises(UnreadableTable, match=r"in.csv: 第 3 行 CSV 格式错误"):
        read_table(path)


def test_a_cell_beyond_the_csv_modules_default_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    huge = "福田区" + "香" * 200_000
    path.write_text(f"地址,备注\n{huge},x\n南山区,y\n", encoding="utf-8")
    table = read_table(path)
    assert [row.cells for row in table.rows] == [(huge, "x"), ("南山区", "y")]


def test_a_header_only_csv_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("地址\n", encoding="utf-8")
    assert read_table(path).rows == ()


def test_xlsx_formulas_merged_cells_and_empty_rows(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "地址"])
    sheet.append([1, "深圳市南山区"])
    sheet.append([2, '="深圳"&"市"'])  # openpyxl stores no computed value: reads as empty
    sheet.append([None, None])
    sheet.append([4.0, "合并"])
    sheet.append([5, None])
    sheet.merge_cells("B6:B7")
    sheet["C10"] = None
    path = tmp_path / "in.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.encoding == "xlsx"
    assert table.columns == ("编号", "地址")
    assert [row.cells for row in table.rows] == [
        ("1", "深圳市南山区"),
        ("2", ""),
        ("", ""),
        ("4", "合并"),
        ("5", ""),
    ]
    assert "第 4 行是空行" in table.rows[2].problem
    assert [row.problem for row in table.rows][:2] == ["", ""]


def test_a_broken_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(UnreadableTable, match=r"broken\.xlsx"):
        read_table(path)


def test_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.xls"
    path.write_bytes(b"x")
    with pytest.raises(UnreadableTable, match=r"\.xls"):
        read_table(path)


@pytest.mark.parametrize(
    ("columns", "requested", "expected"),
    [
        (("id", "地址", "详细地址"), None, 1),
        (("id", "Address"), None, 1),
        (("id", "单位地址", "名称"), None, 1),
        (("id", "addr", "x"), "X", 2),
    ],
)
def test_the_address_column_rule(columns: tuple[str, ...], requested: str | None, expected: int) -> None:
    assert choose_address_column(columns, requested) == expected


@pytest.mark.parametrize(
    ("columns", "requested", "message"),
    [
        (("id", "名称"), None, "找不到地址列.*id、名称"),
        (("注册地址", "经营地址"), None, "有多个可能的地址列"),
        (("id", "地址"), "addr", "没有名为“addr”的列"),
    ],
)
def test_address_column_errors_list_the_columns(
    columns: tuple[str, ...], requested: str | None, message: str
) -> None:
    with pytest.raises(AddressColumnError, match=message):
        choose_address_column(columns, requested)
