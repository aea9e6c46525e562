"""Generated records as UTF-8 CSV: one header row, one row per record.

Columns: ``record_id,address,truth_code,truth_level,noise,style``; ``noise`` joins the
step names with ``|`` (empty when no step applied).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from os import PathLike
from typing import Literal, TextIO

from addressreg.records.generate import NO_MATCH_LEVEL, GeneratedRecord

CSV_HEADER = ("record_id", "address", "truth_code", "truth_level", "noise", "style")
NOISE_SEPARATOR = "|"
TRUTH_LEVELS = ("room", "building", NO_MATCH_LEVEL)

PathOrStream = str | PathLike[str] | TextIO


class InvalidRecordsFile(ValueError):
    """A records CSV is malformed; the message names the file, row and column."""


def write_records_csv(records: Iterable[GeneratedRecord], path_or_stream: PathOrStream) -> int:
    """Write ``records`` as CSV to a path (created/overwritten, UTF-8) or an open text stream.

    Returns:
        The number of records written (the header is not counted).
    """
    with ExitStack() as stack:
        stream = _open(path_or_stream, "w", stack)
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        count = 0
        for record in records:
            noise = NOISE_SEPARATOR.join(record.noise)
            writer.writerow(
                (record.record_id, record.text, record.truth_code, record.truth_level, noise, record.style)
            )
            count += 1
        return count


def read_records_csv(path_or_stream: PathOrStream) -> Iterator[GeneratedRecord]:
    """Read records written by :func:`write_records_csv`.

    Raises:
        InvalidRecordsFile: the header differs, or a row has the wrong number of columns or
            an unknown truth level (naming the row, counting the header as row 1).
    """
    with ExitStack() as stack:
        stream = _open(path_or_stream, "r", stack)
        name = str(path_or_stream) if isinstance(path_or_stream, str | PathLike) else "<stream>"
        reader = csv.reader(stream)
        header = next(reader, None)
        if header is None or tuple(header) != CSV_HEADER:
            raise InvalidRecordsFile(f"{name}: row 1: header must be {','.join(CSV_HEADER)}, got {header!r}")
        for row_number, row in enumerate(reader, start=2):
            yield _record_from_row(row, f"{name}: row {row_number}")


def _record_from_row(row: list[str], where: str) -> GeneratedRecord:
    """One record from one CSV row; ``where`` names the row in errors."""
    if len(row) != len(CSV_HEADER):
        raise InvalidRecordsFile(f"{where}: expected {len(CSV_HEADER)} columns, got {len(row)}")
    record_id, text, truth_code, truth_level, noise, style = row
    if truth_level not in TRUTH_LEVELS:
        raise InvalidRecordsFile(f"{where}: column truth_level: {truth_level!r} is not one of {TRUTH_LEVELS}")
    steps = tuple(noise.split(NOISE_SEPARATOR)) if noise else ()
    return GeneratedRecord(record_id, text, truth_code, truth_level, steps, style)


def _open(path_or_stream: PathOrStream, mode: Literal["r", "w"], stack: ExitStack) -> TextIO:
    """The stream itself, or the path opened as UTF-8 text (closed with ``stack``)."""
    if isinstance(path_or_stream, str | PathLike):
        return stack.enter_context(open(path_or_stream, mode, encoding="utf-8", newline=""))
    return path_or_stream
