"""The output of a ``clean`` run: written as rows finish, renamed into place at the end.

Finished rows (the input's cells beside their result cells) are appended to a temporary
file beside ``OUTPUT`` while the run goes on, so no pass over all rows is left for the
end; the file is renamed only when complete, so ``OUTPUT`` is never half-written. The
review file (``OUTPUT.review.csv`` or ``.xlsx``) lists the category C rows with their
best and runner-up candidates; it is written even when empty, so that a stale review file
of an earlier run never lingers beside a new output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from addressreg.clean.result_cells import (
    CATEGORY_AT,
    LEVEL_AT,
    NUMERIC_OUTPUT_COLUMNS,
    OUTPUT_COLUMNS,
    RESULT_COLUMNS,
    ResultCells,
)
from addressreg.clean.tables import InputTable
from addressreg.clean.writing import TableSink, replace_atomically
from addressreg.match.resolution import Category

REVIEW_LEAD_COLUMNS = ("row", "address")
REVIEW_EXTRA_COLUMNS = ("category", "score", "explanation")
_REVIEW_NUMERIC = frozenset({"score", "best_score", "runner_up_score"})
_REVIEW_CATEGORY = Category.C.value


@dataclass
class FinishedCounts:
    """What the finished output holds: rows per category and per level, review rows."""

    by_category: Counter[str] = field(default_factory=Counter)
    by_level: Counter[str] = field(default_factory=Counter)
    review_path: Path | None = None
    review_rows: int = 0


def review_path(output: Path) -> Path:
    """``out.csv`` → ``out.review.csv``; ``out.xlsx`` → ``out.review.xlsx``."""
    return output.with_name(f"{output.stem}.review{output.suffix}")


class OutputWriter:
    """Writes the output rows in input order as their results arrive (see the module docstring).

    ``address_at`` is the index of the address column (copied into the review file).
    """

    def __init__(self, output: Path, table_format: str, table: InputTable, address_at: int) -> None:
        self._table = table
        self._address_at = address_at
        self._format = table_format
        self._sink = TableSink(output, table_format, table.columns + OUTPUT_COLUMNS, NUMERIC_OUTPUT_COLUMNS)
        self._review: list[tuple[str, ...]] = []
        self.counts = FinishedCounts()

    def add(self, start: int, results: Iterable[ResultCells]) -> None:
        """The result cells of rows ``start``, ``start + 1``, … in order."""
        rows = self._table.rows
        width = len(OUTPUT_COLUMNS)
        block = []
        categories, levels = self.counts.by_category, self.counts.by_level
        for index, cells in enumerate(results, start):
            row = rows[index]
            category = cells[CATEGORY_AT]
            categories[category] += 1
            levels[cells[LEVEL_AT]] += 1
            if category == _REVIEW_CATEGORY:
                self._review.append(_review_row(row.number, row.cells[self._address_at], cells))
            block.append(row.cells + cells[:width])
        self._sink.add(block)

    def finish(self) -> FinishedCounts:
        """Rename the complete output into place and write the review file beside it."""
        self._sink.commit()
        self.counts.review_path = review_path(self._sink.path)
        self.counts.review_rows = replace_atomically(
            self.counts.review_path, self._format, _review_columns(), self._review, _REVIEW_NUMERIC
        )
        return self.counts

    def abort(self) -> None:
        """Drop the unfinished output (the resume journal keeps the finished rows)."""
        self._sink.abort()


def _review_columns() -> tuple[str, ...]:
    return REVIEW_LEAD_COLUMNS + REVIEW_EXTRA_COLUMNS + RESULT_COLUMNS[len(OUTPUT_COLUMNS) :]


def _review_row(number: int, address: str, cells: tuple[str, ...]) -> tuple[str, ...]:
    named = dict(zip(RESULT_COLUMNS, cells, strict=True))
    extra = (named[name] for name in REVIEW_EXTRA_COLUMNS)
    return (str(number), address, *extra, *cells[len(OUTPUT_COLUMNS) :])
