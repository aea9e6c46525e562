"""What goes wrong when loading department files: a bad spec, or a bad file.

Both name exactly where the problem is, so that whoever fixes it needs no stack trace:
the spec file and key, or the department file, row and column.
"""

from __future__ import annotations


class InvalidSpec(Exception):
    """A department spec (``loaders/specs/*.yaml``) is missing, unreadable or malformed."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")
        self.file = file
        self.key = key
        self.problem = problem


class BadDepartmentFile(Exception):
    """A department file cannot be loaded as its spec describes.

    ``row`` counts as the file shows it (a CSV or xlsx header is row 1; a spatial file's
    first feature is row 1); None when the problem is the whole file. ``column`` is None
    when no single column is at fault.
    """

    def __init__(self, file: str, problem: str, *, row: int | None = None, column: str | None = None) -> None:
        where = file
        if row is not None:
            where += f": row {row}"
        if column is not None:
            where += f": column {column}"
        super().__init__(f"{where}: {problem}")
        self.file = file
        self.row = row
        self.column = column
        self.problem = problem
