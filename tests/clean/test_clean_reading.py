"""Reading a clean run's input straight from the file: the same rows, problems and errors as
``read_table``, each row already CSV-encoded."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from pathlib import Path

import pytest

from addressreg.clean.encoding import UndecodableInput, decode_strictly
from addressreg.clean.reading import CleanInput, read_clean_input
from addressreg.clean.tables import UnreadableTable, read_table

TEXT = (
    '编号,地址,备注\n1,深圳市南山区科苑路15号,"一楼, 东"\n2\n\n3,"福田\n区",x,多余\n4, 罗湖 ,"say ""hi"""\n'
)


def _second_column(columns: tuple[str, ...]) -> int:
    return 1


def _expected_parts(path: Path) -> list[bytes]:
    """Each row's cells as csv.writer writes them (as part of a longer line)."""
    parts = []
    for row in read_table(path).rows:
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerow([*row.cells, "end"])
        parts.append(buffer.getvalue()[: -len("end\r\n")].encode())
    return parts


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_rows_problems_and_encoding_match_read_table(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(TEXT.encode(encoding))
    table = read_table(path)
    source = read_clean_input(path, _second_column)
    assert (source.encoding, source.columns, source.address_at) == (table.encoding, table.columns, 1)
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.addresses == [row.cells[1] for row in table.rows]
    assert source.problems == {i: row.problem for i, row in enumerate(table.rows) if row.problem}
    assert source.parts == _expected_parts(path)


def test_a_one_column_file_with_a_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("地址\n甲\n\n乙\n", encoding="utf-8")
    source = read_clean_input(path, lambda columns: 0)
    assert source.parts == [b"\xe7\x94\xb2,", b",", b"\xe4\xb9\x99,"]
    assert list(source.problems) == [1]


def test_gb18030_after_a_long_ascii_prefix_is_read_again_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    rows = "".join(f"{i},abc\n" for i in range(20000))
    path.write_bytes(f"id,地址\n{rows}9,深圳\n".encode("gb18030"))
    source = read_clean_input(path, _second_column)
    assert source.encoding == "gb18030" and source.addresses[-1] == "深圳" and len(source.parts) == 20001


@pytest.mark.parametrize(
    "data",
    [
        "地址\n深圳".encode() + b"\xff\n",
        codecs.BOM_UTF8 + b"ab\n\xc3",
        b"name\nabc\x80\n",
        b"abc\x00def\n",
        "地址\n".encode("utf-16"),
    ],
)
def test_undecodable_files_get_decode_strictlys_message(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(UndecodableInput) as expected:
        decode_strictly(data, str(path))
    with pytest.raises(UndecodableInput) as error:
        read_clean_input(path, _second_column)
    assert str(error.value) == str(expected.value)


def test_a_nul_byte_after_a_utf8_bom_is_read_as_decode_strictly_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"addr\na\x00b\n")
    assert read_clean_input(path, lambda columns: 0).addresses == ["a\x00b"]


@pytest.mark.parametrize(
    ("content", "message"), [(b"", "没有表头"), (b",,\n", "没有表头"), (b'a\n"x', "第 2 行 CSV 格式错误")]
)
def test_unreadable_csv_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableTable, match=message):
        read_clean_input(path, lambda columns: 0)


def test_a_cell_beyond_the_csv_modules_default_limit_is_kept_whole(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    huge = "福田区" + "香" * 200_000
    path.write_text(f"addr\n{huge}\n南山区\n", encoding="utf-8")
    assert read_clean_input(path, lambda columns: 0).addresses == [huge, "南山区"]


def test_the_column_is_chosen_before_rows_are_read(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")

    def refuse(columns: tuple[str, ...]) -> int:
        raise LookupError(columns)

    with pytest.raises(LookupError):
        read_clean_input(path, refuse)
    assert isinstance(read_clean_input(path, lambda columns: 1), CleanInput)
