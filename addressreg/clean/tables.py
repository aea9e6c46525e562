"""Reading the clerk's table (CSV or .xlsx) into rows of text cells, keeping every row.

A row that cannot be read cleanly is kept, with the reason in ``InputRow.problem``, so
that the output has exactly the input's rows in the input's order:

* CSV: a row with more or fewer fields than the header (short rows are padded with empty
  cells; the extra fields of a long row are named in the problem, never silently lost);
  a blank line;
* xlsx: the first worksheet is read; formulas give their last computed value (what Excel
  shows; a formula never calculated reads as empty); a merged range has its value in its
  top-left cell only (the other cells read as empty, as Excel stores them); a row whose
  cells are all empty is kept, except trailing empty rows after the last row with data
  (Excel often reports formatted but empty rows there).

Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from addressreg.clean.encoding import decode_strictly

CSV_SUFFIXES = (".csv", ".txt")
#: Most characters one CSV cell may hold. The csv module's own limit (131,072) refused a
#: whole file over one runaway cell; such a row is now read and resolved like any other.
CELL_LIMIT = 1 << 24
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class UnreadableTable(ValueError):
    """The input cannot be read as a table at all (empty, wrong format, no header)."""


@dataclass(frozen=True, slots=True)
class InputRow:
    """One input row: its spreadsheet row number, one text cell per column, and a problem.

    ``problem`` is empty when the row was read cleanly, else why not (in Chinese, for the
    output's ``explanation``).
    """

    number: int
    cells: tuple[str, ...]
    problem: str = ""


@dataclass(frozen=True, slots=True)
class InputTable:
    """A whole input table: where it came from, how it was decoded, its header and rows."""

    name: str
    encoding: str
    columns: tuple[str, ...]
    rows: tuple[InputRow, ...]


def table_format(path: Path) -> str:
    """``csv`` or ``xlsx`` by the file's extension; UnreadableTable for any other."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    raise UnreadableTable(f"{path}: 不支持的文件类型 {suffix or '（无扩展名）'}：请使用 .csv 或 .xlsx")


def read_table(path: Path, data: bytes | None = None) -> InputTable:
    """Read the CSV or xlsx file at ``path`` (or its already-read bytes ``data``).

    Raises:
        UnreadableTable: unsupported extension, empty file, no header, broken xlsx.
        UndecodableInput: a CSV in no supported encoding (see ``clean.encoding``).
    """
    data = path.read_bytes() if data is None else data
    if table_format(path) == "xlsx":
        return _read_xlsx(path, data)
    return _read_csv(path, data)


def allow_large_cells() -> None:
    """Let the csv module read cells of up to ``CELL_LIMIT`` characters (its limit is
    process-wide; it is only ever raised)."""
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)


def csv_records(lines: Iterable[str], path: Path) -> Iterator[list[str]]:
    """The records of the CSV text ``lines`` (strict quoting; cells of up to ``CELL_LIMIT``
    characters).

    Raises:
        UnreadableTable: the CSV is broken; the message names the line where it broke.
    """
    allow_large_cells()
    reader = csv.reader(lines, strict=True)
    try:
        yield from reader
    except csv.Error as error:
        raise UnreadableTable(f"{path}: 第 {reader.line_num} 行 CSV 格式错误：{error}") from None


def _read_csv(path: Path, data: bytes) -> InputTable:
    decoded = decode_strictly(data, str(path))
    records = list(csv_records(io.StringIO(decoded.text, newline=""), path))
    if not records or not any(cell.strip() for cell in records[0]):
        raise UnreadableTable(f"{path}: 文件为空或没有表头行")
    columns = tuple(records[0])
    rows = tuple(csv_row(number, record, columns) for number, record in enumerate(records[1:], start=2))
    return InputTable(str(path), decoded.encoding, columns, rows)


def csv_row(number: int, record: Sequence[str], columns: Sequence[str]) -> InputRow:
    """A CSV record fitted to the header's width, with the reason when it did not fit."""
    width = len(columns)
    if not record:
        return InputRow(number, ("",) * width, f"第 {number} 行是空行")
    if len(record) == width:
        return InputRow(number, tuple(record))
    problem = f"第 {number} 行有 {len(record)} 个字段，表头有 {width} 个"
    if len(record) > width:
        problem += f"；多出的字段：{'|'.join(record[width:])}"
    cells = tuple(record[:width]) + ("",) * max(0, width - len(record))
    return InputRow(number, cells, problem)


def _read_xlsx(path: Path, data: bytes) -> InputTable:
    from openpyxl import load_workbook  # imported here: only xlsx runs pay for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableTable(f"{path}: 不是有效的 xlsx 文件：{error}") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        raw = (
            []
            if sheet is None
            else [tuple(_cell_text(v) for v in row) for row in sheet.iter_rows(values_only=True)]
        )
    finally:
        book.close()
    raw = _without_trailing_empty(raw)
    if not raw or not any(raw[0]):
        raise UnreadableTable(f"{path}: 工作表为空或没有表头行")
    columns = _trim_header(raw[0])
    rows = tuple(_xlsx_row(number, cells, len(columns)) for number, cells in enumerate(raw[1:], start=2))
    return InputTable(str(path), "xlsx", columns, rows)


def _trim_header(header: tuple[str, ...]) -> tuple[str, ...]:
    """The header without trailing unnamed columns (read-only sheets pad to the widest row)."""
    end = len(header)
    while end and not header[end - 1]:
        end -= 1
    return header[:end]


def _xlsx_row(number: int, cells: tuple[str, ...], width: int) -> InputRow:
    """A sheet row fitted to the header's width; data beyond the header is a problem."""
    fitted = cells[:width] + ("",) * max(0, width - len(cells))
    extra = [cell for cell in cells[width:] if cell]
    if extra:
        return InputRow(number, fitted, f"第 {number} 行在表头之外还有数据：{'|'.join(extra)}")
    if not any(fitted):
        return InputRow(number, fitted, f"第 {number} 行是空行")
    return InputRow(number, fitted)


def _without_trailing_empty(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    end = len(rows)
    while end and not any(rows[end - 1]):
        end -= 1
    return rows[:end]


def _cell_text(value: object) -> str:
    """A cell value as the text a clerk sees (integers without ``.0``, dates in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
