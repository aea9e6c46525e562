"""Writing a table as CSV (UTF-8 with BOM) or .xlsx, and replacing the target atomically.

CSV output is UTF-8 *with* a BOM: Excel (what the departments' clerks open it with)
otherwise reads UTF-8 as the local code page and garbles the Chinese; other tools
(pandas, Python's ``utf-8-sig``, LibreOffice) read the BOM fine. xlsx output uses
openpyxl's write-only mode (rows are streamed, not held as cell objects); all cells are
text except the columns named numeric, so that 25-digit codes keep every digit.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

CSV_ENCODING = "utf-8-sig"
BLOCK_ROWS = 20_000  # rows handed to the C writer at a time
BUFFER_BYTES = 1 << 20


class TableSink:
    """A table written row block by row block to a temporary file beside ``path``, renamed
    into place by :meth:`commit` (a reader never sees a half-written ``path``).

    CSV blocks are encoded by the C writer into one string and written at once; xlsx rows
    go to openpyxl's write-only sheet (all cells text except the ``numeric`` columns).
    """

    def __init__(
        self, path: Path, table_format: str, columns: Sequence[str], numeric: frozenset[str] = frozenset()
    ) -> None:
        self.path = path
        self.rows = 0
        self._temporary = path.with_name(path.name + ".tmp")
        self._numeric_at = [i for i, name in enumerate(columns) if name in numeric]
        self._stream: TextIO | None = None
        self._book: Any = None
        if table_format == "xlsx":
            self._open_xlsx(columns)
        else:
            self._stream = self._temporary.open(
                "w", encoding=CSV_ENCODING, newline="", buffering=BUFFER_BYTES
            )
            csv.writer(self._stream).writerow(columns)

    def _open_xlsx(self, columns: Sequence[str]) -> None:
        from openpyxl import Workbook  # imported here: only xlsx runs pay for it

        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("地址清洗结果")
        self._sheet.append(list(columns))

    def add(self, rows: Iterable[Sequence[str]]) -> None:
        """Append ``rows`` (in order) to the table."""
        if self._stream is None:
            self._add_xlsx(rows)
            return
        pending = iter(rows)
        while block := list(islice(pending, BLOCK_ROWS)):
            buffer = io.StringIO(newline="")
            csv.writer(buffer).writerows(block)
            self._stream.write(buffer.getvalue())
            self.rows += len(block)

    def _add_xlsx(self, rows: Iterable[Sequence[str]]) -> None:
        for row in rows:
            values: list[str | float] = list(row)
            for i in self._numeric_at:
                if values[i] != "":
                    values[i] = float(values[i])
            self._sheet.append(values)
            self.rows += 1

    def commit(self) -> int:
        """Complete the file and rename it to ``path``; return the rows written (no header)."""
        if self._stream is not None:
            self._stream.close()
        else:
            self._book.save(self._temporary)
        os.replace(self._temporary, self.path)
        return self.rows

    def abort(self) -> None:
        """Close and remove the temporary file (``path`` is left as it was)."""
        if self._stream is not None:
            self._stream.close()
        self._temporary.unlink(missing_ok=True)


def replace_atomically(
    path: Path,
    table_format: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: frozenset[str] = frozenset(),
) -> int:
    """Write ``columns`` and ``rows`` to ``path`` in ``table_format`` (``csv`` or ``xlsx``)
    through a :class:`TableSink`; return the number of rows written (the header not counted)."""
    sink = TableSink(path, table_format, columns, numeric)
    try:
        sink.add(rows)
    except BaseException:
        sink.abort()
        raise
    return sink.commit()
