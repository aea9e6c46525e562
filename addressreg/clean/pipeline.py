"""The ``clean`` batch: read a table, resolve each distinct address once, write it back.

Steps: read and decode the input → choose the address column → open the resume journal
(fresh, or continuing an interrupted run) → plan chunks of rows and, in each, the texts
not resolved before (identical address cells are resolved once per run) → resolve the
planned texts on all cores → append each finished chunk to the journal and to the output
(a temporary file) → when every row is finished, rename the output into place and write
the review file. The parent's garbage collector is off for the run: its millions of
objects (rows, cells) hold no cycles, and collecting them over and over cost more than
reading the input.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from addressreg.clean.address_column import choose_address_column
from addressreg.clean.finishing import FinishedCounts, OutputWriter
from addressreg.clean.journal import Journal, fingerprint
from addressreg.clean.parallel import Batch, BatchResolver, batch_resolver
from addressreg.clean.result_cells import OUTPUT_COLUMNS, ResultCells, unreadable_cells
from addressreg.clean.summary import CleanSummary
from addressreg.clean.tables import InputTable, read_table, table_format
from addressreg.match.resolution import Resolver

DEFAULT_CHUNK_ROWS = 20000
DEFAULT_BATCH_TEXTS = 1000

Progress = Callable[[int, int], None]
"""Called with (rows finished, total rows) after each chunk."""


class CleanError(ValueError):
    """The run cannot start: clashing column names, or output would overwrite the input."""


@dataclass(frozen=True)
class CleanRequest:
    """What to clean and how (the ``clean`` command's arguments)."""

    input_path: Path
    output_path: Path
    column: str | None = None
    dept: str | None = None
    workers: int = 1
    resume: bool = False
    chunk_rows: int = DEFAULT_CHUNK_ROWS
    batch_texts: int = DEFAULT_BATCH_TEXTS


@dataclass(frozen=True)
class _Chunk:
    """Rows ``[start, stop)`` and the texts first met in them, cut into batches."""

    start: int
    stop: int
    batches: tuple[Batch, ...]


def run_clean(
    request: CleanRequest,
    load_resolver: Callable[[], Resolver],
    element_names: Mapping[str, str],
    on_progress: Progress | None = None,
) -> CleanSummary:
    """Clean ``request.input_path`` into ``request.output_path``; return the run's summary.

    Every input row gives exactly one output row, in input order: the input's cells plus
    ``OUTPUT_COLUMNS``. Rows that cannot be read, or have an empty address, get category U
    with the reason. ``load_resolver`` is called once, after the input has been read and
    checked (so a bad input fails before the registry is loaded), and before the workers
    fork. ``element_names`` maps element names to the level names shown in explanations.

    Raises:
        UnreadableTable, UndecodableInput: the input cannot be read as a table.
        AddressColumnError: no single address column.
        ResumeRefused: ``resume`` was asked but the journal is missing or the input changed.
        CleanError: the output would overwrite the input, or clash with input columns.
    """
    started = time.perf_counter()
    with _collector_off():
        data = request.input_path.read_bytes()
        table = read_table(request.input_path, data)
        column = choose_address_column(table.columns, request.column)
        _check_names(request, table)
        run = fingerprint(data, table.columns[column], request.dept)
        del data
        journal = (
            Journal.resume(request.output_path, run)
            if request.resume
            else Journal.start(request.output_path, run)
        )
        resumed = journal.rows_done
        texts = [_address_text(row.cells[column], row.problem) for row in table.rows]
        loading = time.perf_counter()
        resolver = load_resolver()
        loaded = time.perf_counter() - loading
        output = OutputWriter(request.output_path, table_format(request.output_path), table, column)
        resolved, counts = _resolve_and_write(
            request, table, texts, journal, output, resolver, element_names, on_progress
        )
    journal.discard()
    seconds = (time.perf_counter() - started - loaded, loaded)
    return CleanSummary.from_counts(request, table, run.column, resumed, resolved, seconds, counts)


@contextmanager
def _collector_off() -> Iterator[None]:
    """The garbage collector off for the block (as it was before, after it)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _resolve_and_write(
    request: CleanRequest,
    table: InputTable,
    texts: list[str | None],
    journal: Journal,
    output: OutputWriter,
    resolver: Resolver,
    element_names: Mapping[str, str],
    on_progress: Progress | None,
) -> tuple[int, FinishedCounts]:
    """Resolve the unfinished rows on all workers and complete the output; return the
    number of texts resolved and what the output holds (the output is dropped on error)."""
    try:
        with batch_resolver(resolver, element_names, request.workers) as resolve:
            resolved = _resolve_rows(request, table, texts, journal, resolve, output, on_progress)
        return resolved, output.finish()
    except BaseException:
        output.abort()
        raise


def _check_names(request: CleanRequest, table: InputTable) -> None:
    if request.output_path.resolve() == request.input_path.resolve():
        raise CleanError(f"{request.output_path}: 输出文件不能覆盖输入文件")
    table_format(request.output_path)
    clashes = [name for name in table.columns if name in OUTPUT_COLUMNS]
    if clashes:
        raise CleanError(
            f"{table.name}: 输入已有与输出同名的列（{'、'.join(clashes)}），请先改名（例如已清洗过的文件）"
        )


def _address_text(cell: str, problem: str) -> str | None:
    """The text to resolve, or None when the row is unreadable or its address is empty."""
    text = cell.strip()
    return text if text and not problem else None


def _resolve_rows(
    request: CleanRequest,
    table: InputTable,
    texts: list[str | None],
    journal: Journal,
    resolve: BatchResolver,
    output: OutputWriter,
    on_progress: Progress | None,
) -> int:
    """Resolve the unfinished rows chunk by chunk, journalling and writing each; return
    the number of texts resolved. Rows finished by an earlier run are written first."""
    finished = list(journal.finished_rows()) if journal.rows_done else []
    output.add(0, finished)
    remaining = Counter(t for t in texts[journal.rows_done :] if t is not None)
    known = _known_results(texts, finished, remaining)
    chunks = list(_plan_chunks(texts, journal.rows_done, request, set(known)))
    results = resolve(batch for chunk in chunks for batch in chunk.batches)
    resolved = 0
    for chunk in chunks:
        fresh: dict[str, ResultCells] = {}
        for batch in chunk.batches:
            fresh.update(zip(batch, next(results), strict=True))
        resolved += len(fresh)
        cells = [_row_cells(table, texts, i, fresh, known, remaining) for i in range(chunk.start, chunk.stop)]
        journal.append(cells)
        output.add(chunk.start, cells)
        if on_progress is not None:
            on_progress(journal.rows_done, len(texts))
    return resolved


def _known_results(
    texts: list[str | None], finished: list[ResultCells], remaining: Counter[str]
) -> dict[str, ResultCells]:
    """Results of finished rows whose text comes again in the unfinished rows."""
    if not remaining:
        return {}
    return {
        text: cells
        for text, cells in zip(texts[: len(finished)], finished, strict=True)
        if text is not None and text in remaining
    }


def _plan_chunks(
    texts: list[str | None], start: int, request: CleanRequest, seen: set[str]
) -> Iterator[_Chunk]:
    """Chunks of rows from ``start``; each resolves the texts not met before (``seen`` grows)."""
    for chunk_start in range(start, len(texts), request.chunk_rows):
        chunk_stop = min(chunk_start + request.chunk_rows, len(texts))
        new: list[str] = []
        for text in texts[chunk_start:chunk_stop]:
            if text is not None and text not in seen:
                seen.add(text)
                new.append(text)
        size = request.batch_texts
        yield _Chunk(chunk_start, chunk_stop, tuple(new[i : i + size] for i in range(0, len(new), size)))


def _row_cells(
    table: InputTable,
    texts: list[str | None],
    index: int,
    fresh: dict[str, ResultCells],
    known: dict[str, ResultCells],
    remaining: Counter[str],
) -> ResultCells:
    """The result cells of row ``index``; results needed again later are kept in ``known``."""
    text = texts[index]
    if text is None:
        row = table.rows[index]
        return unreadable_cells(row.problem or f"第 {row.number} 行地址为空")
    cells = fresh[text] if text in fresh else known[text]
    remaining[text] -= 1
    if remaining[text] > 0:
        known[text] = cells
    else:
        known.pop(text, None)
    return cells
