"""The output of a ``clean`` run: appended to the journal's partial files as rows finish,
moved into place at the end.

Each finished row is its input part (the input's cells, CSV-encoded when read) joined to
its result tail (the result cells, CSV-encoded by a worker): the parent only joins bytes.
The output grows as ``OUTPUT.partial`` and the review rows (category C, with their best
and runner-up candidates) as ``OUTPUT.review.partial`` (see ``journal``). When every row
is finished a CSV output is renamed into place, an xlsx output is converted from the CSV
partial; ``OUTPUT`` is never half-written. The review file (``OUTPUT.review.csv`` or
``.xlsx``) is written even when empty, so that a stale review file of an earlier run never
lingers beside a new output.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from addressreg.clean.csv_fields import cells_part, csv_line
from addressreg.clean.journal import Journal, JournalCounts, RunFingerprint
from addressreg.clean.reading import FIRST_ROW, CleanInput
from addressreg.clean.result_cells import (
    NUMERIC_OUTPUT_COLUMNS,
    OUTPUT_COLUMNS,
    RESULT_COLUMNS,
    REVIEW_EXTRA_COLUMNS,
    ResultTail,
)
from addressreg.clean.tables import csv_records
from addressreg.clean.writing import CSV_ENCODING, replace_xlsx

REVIEW_LEAD_COLUMNS = ("row", "address")
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


def output_columns(source: CleanInput) -> tuple[str, ...]:
    """The output's header: the input's columns, then ``OUTPUT_COLUMNS``."""
    return source.columns + OUTPUT_COLUMNS


def review_columns() -> tuple[str, ...]:
    """The review file's header."""
    return REVIEW_LEAD_COLUMNS + REVIEW_EXTRA_COLUMNS + RESULT_COLUMNS[len(OUTPUT_COLUMNS) :]


def start_journal(output: Path, run: RunFingerprint, source: CleanInput) -> Journal:
    """A fresh journal whose partial files hold the output's and the review file's headers."""
    heads = (csv_line(output_columns(source)), csv_line(review_columns()))
    encoded = tuple(head.encode(CSV_ENCODING) for head in heads)
    return Journal.start(output, run, *encoded)


class OutputWriter:
    """Appends finished rows, in input order, to the journal's partial files; see the module
    docstring."""

    def __init__(self, output: Path, table_format: str, source: CleanInput, journal: Journal) -> None:
        self._output = output
        self._format = table_format
        self._source = source
        self._journal = journal

    def add(self, start: int, tails: Sequence[ResultTail]) -> None:
        """The result tails of rows ``start``, ``start + 1``, … in order."""
        lines: list[bytes] = [b""] * (2 * len(tails))
        lines[0::2] = self._source.parts[start : start + len(tails)]
        lines[1::2] = [tail[0] for tail in tails]
        review = [self._review_part(i) + tail[3] for i, tail in enumerate(tails, start) if tail[3]]
        added = JournalCounts(
            rows_done=len(tails),
            review_rows=len(review),
            by_category=Counter(map(itemgetter(1), tails)),
            by_level=Counter(map(itemgetter(2), tails)),
        )
        self._journal.append(b"".join(lines), b"".join(review), added)

    def _review_part(self, index: int) -> bytes:
        return cells_part((str(index + FIRST_ROW), self._source.addresses[index]))

    def finish(self) -> FinishedCounts:
        """Move the complete output and review file into place; return what they hold."""
        partial, review_partial = self._journal.close()
        review = review_path(self._output)
        if self._format == "xlsx":
            _to_xlsx(partial, self._output, output_columns(self._source), NUMERIC_OUTPUT_COLUMNS)
            _to_xlsx(review_partial, review, review_columns(), _REVIEW_NUMERIC)
        else:
            os.replace(partial, self._output)
            os.replace(review_partial, review)
        self._journal.discard()
        counts = self._journal.counts
        return FinishedCounts(counts.by_category, counts.by_level, review, counts.review_rows)


def _to_xlsx(partial: Path, target: Path, columns: Sequence[str], numeric: frozenset[str]) -> None:
    """Write the CSV rows of ``partial`` (after its header) as the xlsx file ``target``."""
    with partial.open(encoding="utf-8-sig", newline="") as stream:
        replace_xlsx(target, columns, _rows_after_header(csv_records(stream, partial)), numeric)


def _rows_after_header(records: Iterator[list[str]]) -> Iterator[list[str]]:
    next(records, None)
    yield from records
