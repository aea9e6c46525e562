"""The error raised when the shipped reference data cannot be read."""

from __future__ import annotations


class ReferenceDataError(Exception):
    """A reference data file is missing, unreadable or malformed.

    The message names the file, the row (1-based, the header is row 1; for GeoJSON the
    feature number) and the column or property that is wrong, so the file can be fixed
    or re-derived (``scripts/derive_reference.py``) without reading code.
    """

    def __init__(self, file: str, row: int | None, column: str | None, problem: str) -> None:
        where = [file]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {problem}")
        self.file = file
        self.row = row
        self.column = column
        self.problem = problem
