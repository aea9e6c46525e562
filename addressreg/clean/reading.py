"""Reading a ``clean`` run's input as rows ready to write, without a decoded copy of the file.

A CSV is hashed (for the resume journal), checked for NUL bytes and checked as strict
UTF-8 in one pass over its bytes. A UTF-8 file (with BOM, ``utf-8-sig``) is then read line
by line, the csv module parsing only lines that need it (:mod:`addressreg.clean.utf8_rows`).
Any other file's whole bytes go to ``encoding.decode_strictly``, which either refuses the
file with the byte offset and line of the first bad byte, or names GB18030 — then the
file is parsed straight from disk through ``io.TextIOWrapper`` and the csv module. The
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
from addressreg.clean.utf8_rows import Utf8Lines, csv_record, plain_line

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

    def add_plain(self, content: bytes, address: str) -> None:
        """Append a row read from a plain UTF-8 line (see ``utf8_rows``): ``content`` is
        the line without its terminator, which is already its CSV-encoded cells."""
        self.parts.append(content + b",")
        self.addresses.append(address)

    def add_record(self, number: int, record: list[str]) -> None:
        """Append row ``number`` from a csv record, fitted to the header's width."""
        if len(record) == len(self.columns):
            self.add(number, record, "")
        else:
            row = csv_row(number, record, self.columns)
            self.add(number, row.cells, row.problem)


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
    if encoding is not None:
        return _parse_utf8(path, encoding, sha256, choose)
    encoding = decode_strictly(path.read_bytes(), str(path)).encoding  # raises unless GB18030
    return _parse_csv(path, encoding, sha256, choose)


def _scan(path: Path) -> tuple[str, str | None]:
    """The file's SHA-256 and its encoding when it is UTF-8 (None otherwise); a UTF-16/32
    BOM, or a NUL byte in a file without a UTF-8 BOM, is refused as ``decode_strictly``
    refuses it."""
    digest = hashlib.sha256()
    has_nul, utf8 = False, True
    decoder = codecs.getincrementaldecoder(UTF8)()
    with path.open("rb") as stream:
        first = stream.read(_BLOCK_BYTES)
        block = first
        while block:
            digest.update(block)
            has_nul = has_nul or b"\x00" in block
            utf8 = utf8 and _decodes(decoder, block, False)
            block = stream.read(_BLOCK_BYTES)
    utf8 = utf8 and _decodes(decoder, b"", True)
    if first.startswith(codecs.BOM_UTF8):
        return digest.hexdigest(), "utf-8-sig" if utf8 else None
    if has_nul or first.startswith(_WIDE_BOMS):
        decode_strictly(path.read_bytes(), str(path))  # raises with the file's line and offset
    return digest.hexdigest(), UTF8 if utf8 else None


def _decodes(decoder: codecs.IncrementalDecoder, block: bytes, final: bool) -> bool:
    try:
        decoder.decode(block, final)
    except UnicodeDecodeError:
        return False
    return True


def _parse_utf8(path: Path, encoding: str, sha256: str, choose: ColumnChooser) -> CleanInput:
    """Parse the UTF-8 CSV at ``path`` line by line (see :mod:`addressreg.clean.utf8_rows`)."""
    with path.open("rb") as stream:
        lines = Utf8Lines(stream, len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0)
        first = next(lines, None)
        table = _table(
            None if first is None else csv_record(first, lines, path), path, encoding, sha256, choose
        )
        width, address_at = len(table.columns), table.address_at
        for number, line in enumerate(lines, start=FIRST_ROW):
            plain = plain_line(line, width, address_at)
            if plain is None:
                table.add_record(number, csv_record(line, lines, path))
            else:
                table.add_plain(*plain)
    return table


def _parse_csv(path: Path, encoding: str, sha256: str, choose: ColumnChooser) -> CleanInput:
    """Parse the CSV at ``path`` decoded strictly in ``encoding`` (UnicodeDecodeError when
    it is not)."""
    with path.open(encoding=encoding, errors="strict", newline="") as text:
        return _csv_rows(csv_records(text, path), path, encoding, sha256, choose)


def _csv_rows(
    records: Iterable[list[str]], path: Path, encoding: str, sha256: str, choose: ColumnChooser
) -> CleanInput:
    pending = iter(records)
    table = _table(next(pending, None), path, encoding, sha256, choose)
    for number, record in enumerate(pending, start=FIRST_ROW):
        table.add_record(number, record)
    return table


def _table(
    header: list[str] | None, path: Path, encoding: str, sha256: str, choose: ColumnChooser
) -> CleanInput:
    """An empty table under ``header`` (UnreadableTable when there is no header)."""
    if header is None or not any(cell.strip() for cell in header):
        raise UnreadableTable(f"{path}: 文件为空或没有表头行")
    columns = tuple(header)
    return CleanInput(str(path), encoding, sha256, columns, choose(columns))


def _from_xlsx(path: Path, choose: ColumnChooser) -> CleanInput:
    data = path.read_bytes()
    read = read_table(path, data)
    table = CleanInput(read.name, read.encoding, hashlib.sha256(data).hexdigest(), read.columns, 0)
    del data
    table.address_at = choose(read.columns)
    for row in read.rows:
        table.add(row.number, row.cells, row.problem)
    return table
