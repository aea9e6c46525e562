"""Reading a UTF-8 CSV's records line by line, with the csv module only where it is needed.

Most lines of a department's file are plain: no double quote, no NUL, and exactly one
comma fewer than the header has columns. Such a line's record is its comma-separated
pieces, and ``csv_fields.cells_part`` of those cells is the line's own bytes plus a comma
(``csv.writer`` quotes a field only for a comma, a quote, CR or LF). So a plain line is
kept as it is, with only its address cell decoded; any other line (a quote, an empty
line, another width, a NUL) starts a record that ``csv.reader`` reads, over as many lines
as the record spans. Lines end where ``open(newline="")`` ends them (LF, CR LF or a lone
CR), so the records, their numbers and the errors are those of the csv module reading the
whole file (``tests/clean/test_clean_utf8_rows.py`` checks it on arbitrary CSV text).
Reading a 1M-row file this way takes about a third of the csv module's time.

The caller has checked that the whole file is UTF-8.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from addressreg.clean.tables import UnreadableTable, allow_large_cells

_BLOCK_BYTES = 1 << 20
_QUOTE = b'"'
_NUL = b"\x00"
_COMMA = b","


class Utf8Lines:
    """The lines of a binary stream (terminators kept), counted as they are taken."""

    def __init__(self, stream: BinaryIO, skip: int) -> None:
        self.taken = 0
        self._blocks = _lines(stream, skip)

    def __iter__(self) -> Utf8Lines:
        return self

    def __next__(self) -> bytes:
        line = next(self._blocks)
        self.taken += 1
        return line


def _lines(stream: BinaryIO, skip: int) -> Iterator[bytes]:
    """Lines as ``open(newline="")`` cuts them, read in blocks; the first ``skip`` bytes (a
    BOM) are dropped. A block's last line is held back until the next block, which may
    complete it (or a CR LF split between the two)."""
    stream.read(skip)
    carry = b""
    while True:
        block = stream.read(_BLOCK_BYTES)
        if not block:
            break
        lines = (carry + block).splitlines(keepends=True)
        carry = lines.pop()
        yield from lines
    if carry:
        yield carry


def csv_record(first: bytes, lines: Utf8Lines, path: Path) -> list[str]:
    """The csv module's record starting with line ``first`` (already taken from ``lines``),
    reading further lines while a quoted field runs on.

    Raises:
        UnreadableTable: the CSV is broken; the message names the line where it broke.
    """
    allow_large_cells()
    before = lines.taken - 1
    reader = csv.reader(_decoded(chain((first,), lines)), strict=True)
    try:
        return next(reader)
    except csv.Error as error:
        raise UnreadableTable(f"{path}: 第 {before + reader.line_num} 行 CSV 格式错误：{error}") from None


def _decoded(lines: Iterator[bytes]) -> Iterator[str]:
    """Each line decoded as it is asked for (a generator function: mypyc may turn a
    generator expression into a list, which would read every line ahead)."""
    for line in lines:
        yield line.decode()


def plain_line(line: bytes, width: int, address_at: int) -> tuple[bytes, str] | None:
    """(the line without its terminator, its address cell) when ``line`` is plain for a
    header of ``width`` columns (see the module docstring), else None. (Few calls: a call
    to a method of ``bytes`` costs more here than the work it does.)"""
    content = line.rstrip(b"\r\n")
    if not content or _QUOTE in content or _NUL in content:
        return None
    cells = content.split(_COMMA)
    return (content, cells[address_at].decode()) if len(cells) == width else None
