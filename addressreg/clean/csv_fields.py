"""CSV encoding of rows of text cells, byte for byte as ``csv.writer`` writes them.

``csv.writer`` (the default dialect: comma, double quote, ``QUOTE_MINIMAL``, ``\\r\\n``
line ends) quotes a field only when it holds a comma, a double quote, CR or LF, and a
line of one empty field as ``""``; every other field is written as it is. Most address
rows need no quoting at all, so they are joined with ``str.join`` (one C call for the
row) and only a row holding one of those characters goes through ``csv.writer``. The
output is identical either way (``tests/clean/test_clean_csv_fields.py`` proves it on
arbitrary Unicode cells).

The pieces a ``clean`` output line is made of are encoded here: the input's cells with a
trailing comma (:func:`cells_part`), and the result cells with the line end
(:func:`cells_line`). Joined, they are exactly ``csv.writer``'s line for the whole row,
because ``csv.writer`` decides the quoting of each field on its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

LINE_END = "\r\n"
CSV_ENCODING = "utf-8"
DELIMITER = ","


def joined_fields(cells: Sequence[str]) -> str:
    """The fields of ``cells`` joined by commas, each quoted as ``csv.writer`` would
    (no line end); a line of one empty cell is ``""``."""
    if len(cells) == 1 and not cells[0]:
        return '""'
    return _row_piece(cells)


def _row_piece(cells: Sequence[str]) -> str:
    """``cells``' fields as a piece of a longer line (so one empty cell is an empty field)."""
    line = DELIMITER.join(cells)
    if line.count(DELIMITER) == len(cells) - 1 and '"' not in line and "\n" not in line and "\r" not in line:
        return line
    return _written_by_csv(cells)


def _written_by_csv(cells: Sequence[str]) -> str:
    """``csv.writer``'s line for ``cells`` without its line end."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()[: -len(LINE_END)]


def csv_line(cells: Sequence[str]) -> str:
    """``csv.writer``'s whole line for ``cells``, line end included."""
    return joined_fields(cells) + LINE_END


def cells_part(cells: Sequence[str]) -> bytes:
    """The UTF-8 bytes of ``cells``' fields followed by a comma: the start of a line that
    more fields complete."""
    return (_row_piece(cells) + DELIMITER).encode(CSV_ENCODING)


def cells_line(cells: Sequence[str]) -> bytes:
    """The UTF-8 bytes of ``cells``' fields and the line end: the end of a line started by
    :func:`cells_part`."""
    return (_row_piece(cells) + LINE_END).encode(CSV_ENCODING)
