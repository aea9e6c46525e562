"""Writing a table as CSV (UTF-8 with BOM) or .xlsx, and replacing the target atomically.

CSV output is UTF-8 *with* a BOM: Excel (what the departments' clerks open it with)
otherwise reads UTF-8 as the local code page and garbles the Chinese; other tools
(pandas, Python's ``utf-8-sig``, LibreOffice) read the BOM fine. xlsx output uses
openpyxl's write-only mode (rows are streamed, not held as cell objects); all cells are
text except the columns named numeric, so that 25-digit codes keep every digit.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path

CSV_ENCODING = "utf-8-sig"
BLOCK_ROWS = 10_000  # rows handed to the C writer at a time
BUFFER_BYTES = 1 << 20


def write_table(
    path: Path,
    table_format: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: frozenset[str] = frozenset(),
) -> int:
    """Write ``columns`` and ``rows`` to ``path`` in ``table_format`` (``csv`` or ``xlsx``).

    Returns:
        The number of rows written (the header not counted).
    """
    if table_format == "xlsx":
        return _write_xlsx(path, columns, rows, numeric)
    with path.open("w", encoding=CSV_ENCODING, newline="", buffering=BUFFER_BYTES) as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        count = 0
        pending = iter(rows)
        while block := list(islice(pending, BLOCK_ROWS)):
            writer.writerows(block)
            count += len(block)
    return count


def _write_xlsx(
    path: Path, columns: Sequence[str], rows: Iterable[Sequence[str]], numeric: frozenset[str]
) -> int:
    from openpyxl import Workbook  # imported here: only xlsx runs pay for it

    book = Workbook(write_only=True)
    sheet = book.create_sheet("地址清洗结果")
    sheet.append(list(columns))
    numeric_at = [i for i, name in enumerate(columns) if name in numeric]
    count = 0
    for row in rows:
        values: list[str | float] = list(row)
        for i in numeric_at:
            if values[i] != "":
                values[i] = float(values[i])
        sheet.append(values)
        count += 1
    book.save(path)
    return count


def replace_atomically(
    path: Path,
    table_format: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: frozenset[str] = frozenset(),
) -> int:
    """Write to a temporary file beside ``path`` and rename it into place once complete.

    A reader never sees a half-written ``path``: either the old file or the complete new one.
    """
    temporary = path.with_name(path.name + ".tmp")
    count = write_table(temporary, table_format, columns, rows, numeric)
    os.replace(temporary, path)
    return count
