"""Reading a ``clean`` run's input as rows ready to write, without a decoded copy of the file.

A CSV is hashed (for the resume journal) and checked for NUL bytes in one pass over its
bytes, then parsed straight from the file through ``io.TextIOWrapper``: strict UTF-8
first (with BOM, ``utf-8-sig``). Only when that fails are the whole bytes given to
``encoding.decode_strictly``, which either refuses the file with the byte offset and line
of the first bad byte, or names GB18030 — then the file is parsed again in GB18030. The
rows and their problems are those of ``tables.read_table`` (an xlsx input is read by it):
no row is dropped, no character is replaced.

Each row is kept as what the output needs: its cells CSV-encoded with a trailing comma
(``csv_fields.cells_part``), the address cell as read, and a problem for rows that could
not be read cleanly — far less memory than a tuple of cells per row.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from addressreg.clean.csv_fields import cells_part
from addressreg.clean.encoding import UTF8, decode_strictly
from addressreg.clean.tables import UnreadableTable, csv_records, csv_row, read_table, table_format

ColumnChooser = Callable[[tuple[str, ...]], int]
"""Given the header, the index of the address column (raises when there is none)."""

FIRST_ROW = 2  # the header is row 1, as a spreadsheet numbers it
_BLOCK_BYTES = 1 << 20
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass
class CleanInput:
    """An input table as ``clean`` writes it back: row ``i`` (spreadsheet row ``i + 2``)
    is ``parts[i]`` (its cells as the start of a CSV line), ``addresses[i]`` (its address
    cell) and, when it could not be read cleanly, ``problems[i]`` (why, in Chinese)."""

    name: str
    encoding: str
    sha256: str
    columns: tuple[str, ...]
    address_at: int
    parts: list[bytes] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    problems: dict[int, str] = field(default_factory=dict)

    def add(self, number: int, cells: list[str] | tuple[str, ...], problem: str) -> None:
        """Append row ``number``: ``cells`` fitted to the header's width, and its problem."""
        if problem:
            self.problems[number - FIRST_ROW] = problem
        self.parts.append(cells_part(cells))
        self.addresses.append(cells[self.address_at])


def read_clean_input(path: Path, choose: ColumnChooser) -> CleanInput:
    """Read the CSV or xlsx file at ``path``; ``choose`` picks the address column from the
    header before any row is read.

    Raises:
        UnreadableTable: unsupported extension, empty file, no header, broken CSV or xlsx.
        UndecodableInput: a CSV in no supported encoding (see ``clean.encoding``).
    """
    if table_format(path) == "xlsx":
        return _from_xlsx(path, choose)
    sha256, encoding = _scan(path)
    try:
        return _parse_csv(path, encoding, sha256, choose)
    except UnicodeDecodeError:
        pass
    encoding = decode_strictly(path.read_bytes(), str(path)).encoding  # raises unless GB18030
    return _parse_csv(path, encoding, sha256, choose)


def _scan(path: Path) -> tuple[str, str]:
    """The file's SHA-256 and the encoding to try first; a UTF-16/32 BOM, or a NUL byte in
    a file without a UTF-8 BOM, is refused as ``decode_strictly`` refuses it."""
    digest = hashlib.sha256()
    has_nul = False
    with path.open("rb") as stream:
        first = stream.read(_BLOCK_BYTES)
        block = first
        while block:
            digest.update(block)
            has_nul = has_nul or b"\x00" in block
            block = stream.read(_BLOCK_BYTES)
    if first.startswith(codecs.BOM_UTF8):
        return digest.hexdigest(), "utf-8-sig"
    if has_nul or first.startswith(_WIDE_BOMS):
        decode_strictly(path.read_bytes(), str(path))  # raises with the file's line and offset
    return digest.hexdigest(), UTF8


def _parse_csv(path: Path, encoding: str, sha256: str, choose: ColumnChooser) -> CleanInput:
    """Parse the CSV at ``path`` decoded strictly in ``encoding`` (UnicodeDecodeError when
    it is not)."""
    with path.open(encoding=encoding, errors="strict", newline="") as text:
        return _csv_rows(csv_records(text, path), path, encoding, sha256, choose)


def _csv_rows(
    records: Iterable[list[str]], path: Path, encoding: str, sha256: str, choose: ColumnChooser
) -> CleanInput:
    pending = iter(records)
    header = next(pending, None)
    if header is None or not any(cell.strip() for cell in header):
        raise UnreadableTable(f"{path}: 文件为空或没有表头行")
    columns = tuple(header)
    table = CleanInput(str(path), encoding, sha256, columns, choose(columns))
    width = len(columns)
    for number, record in enumerate(pending, start=FIRST_ROW):
        if len(record) == width:
            table.add(number, record, "")
        else:
            row = csv_row(number, record, columns)
            table.add(number, row.cells, row.problem)
    return table


def _from_xlsx(path: Path, choose: ColumnChooser) -> CleanInput:
    data = path.read_bytes()
    read = read_table(path, data)
    table = CleanInput(read.name, read.encoding, hashlib.sha256(data).hexdigest(), read.columns, 0)
    del data
    table.address_at = choose(read.columns)
    for row in read.rows:
        table.add(row.number, row.cells, row.problem)
    return table
