"""Completing a ``clean`` run: the output table and the review file, renamed into place.

Both are composed by streaming the input rows beside the journal's finished rows; each
is written to a temporary file and renamed only when complete, so ``OUTPUT`` is never
half-written. The review file (``OUTPUT.review.csv`` or ``.xlsx``) lists the category C
rows with their best and runner-up candidates; it is written even when empty, so that a
stale review file of an earlier run never lingers beside a new output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from addressreg.clean.journal import Journal
from addressreg.clean.result_cells import (
    CATEGORY_AT,
    LEVEL_AT,
    NUMERIC_OUTPUT_COLUMNS,
    OUTPUT_COLUMNS,
    RESULT_COLUMNS,
)
from addressreg.clean.tables import InputTable
from addressreg.clean.writing import replace_atomically
from addressreg.match.resolution import Category

REVIEW_LEAD_COLUMNS = ("row", "address")
REVIEW_EXTRA_COLUMNS = ("category", "score", "explanation")
_REVIEW_NUMERIC = frozenset({"score", "best_score", "runner_up_score"})


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


def finish_output(
    output: Path, table_format: str, table: InputTable, address_at: int, journal: Journal
) -> FinishedCounts:
    """Write ``output`` and its review file from ``table`` and the journal's finished rows.

    ``address_at`` is the index of the address column (copied into the review file).
    """
    counts = FinishedCounts()
    review: list[tuple[str, ...]] = []
    replace_atomically(
        output,
        table_format,
        table.columns + OUTPUT_COLUMNS,
        _output_rows(table, address_at, journal, counts, review),
        NUMERIC_OUTPUT_COLUMNS,
    )
    counts.review_path = review_path(output)
    counts.review_rows = replace_atomically(
        counts.review_path, table_format, _review_columns(), review, _REVIEW_NUMERIC
    )
    return counts


def _output_rows(
    table: InputTable,
    address_at: int,
    journal: Journal,
    counts: FinishedCounts,
    review: list[tuple[str, ...]],
) -> Iterator[tuple[str, ...]]:
    width = len(OUTPUT_COLUMNS)
    for row, cells in zip(table.rows, journal.finished_rows(), strict=True):
        counts.by_category[cells[CATEGORY_AT]] += 1
        counts.by_level[cells[LEVEL_AT]] += 1
        if cells[CATEGORY_AT] == Category.C.value:
            review.append(_review_row(row.number, row.cells[address_at], cells))
        yield row.cells + cells[:width]


def _review_columns() -> tuple[str, ...]:
    return REVIEW_LEAD_COLUMNS + REVIEW_EXTRA_COLUMNS + RESULT_COLUMNS[len(OUTPUT_COLUMNS) :]


def _review_row(number: int, address: str, cells: tuple[str, ...]) -> tuple[str, ...]:
    named = dict(zip(RESULT_COLUMNS, cells, strict=True))
    extra = (named[name] for name in REVIEW_EXTRA_COLUMNS)
    return (str(number), address, *extra, *cells[len(OUTPUT_COLUMNS) :])
