"""How ``clean`` writes its files: CSV as UTF-8 with a BOM, xlsx converted at the end.

CSV output is UTF-8 *with* a BOM: Excel (what the departments' clerks open it with)
otherwise reads UTF-8 as the local code page and garbles the Chinese; other tools
(pandas, Python's ``utf-8-sig``, LibreOffice) read the BOM fine. The CSV lines themselves
are joined by ``csv_fields`` and appended by the journal. An xlsx output is written from
the finished CSV by :func:`replace_xlsx`, in openpyxl's write-only mode (rows are streamed,
not held as cell objects); all cells are text except the columns named numeric, so that
25-digit codes keep every digit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

CSV_ENCODING = "utf-8-sig"


def replace_xlsx(
    path: Path, columns: Sequence[str], rows: Iterable[Sequence[str]], numeric: frozenset[str] = frozenset()
) -> int:
    """Write ``columns`` and ``rows`` as the xlsx file ``path``, through a temporary file
    beside it renamed into place only when complete (on an error ``path`` is left as it
    was); return the number of rows written (the header not counted)."""
    from openpyxl import Workbook  # imported here: only xlsx runs pay for it

    temporary = path.with_name(path.name + ".tmp")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("地址清洗结果")
    sheet.append(list(columns))
    try:
        written = _append_rows(sheet, rows, [i for i, name in enumerate(columns) if name in numeric])
        book.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        with suppress(Exception):  # end openpyxl's row writer (already ended once saved)
            sheet.close()
        raise
    finally:
        temporary.unlink(missing_ok=True)
    return written


def _append_rows(sheet: Any, rows: Iterable[Sequence[str]], numeric_at: list[int]) -> int:
    written = 0
    for row in rows:
        values: list[str | float] = list(row)
        for i in numeric_at:
            if values[i] != "":
                values[i] = float(values[i])
        sheet.append(values)
        written += 1
    return written
