"""The ``clean`` batch: read a table, resolve each distinct address once, write it back.

Steps: read and decode the input, each row's cells CSV-encoded as read → choose the
address column → open the resume journal (fresh, or continuing an interrupted run) → plan
chunks of rows and, in each, the texts not resolved before (identical address cells are
resolved once per run; a resumed run resolves again a text of its finished rows) →
resolve the planned texts on all cores, each worker returning CSV-encoded result tails →
append each finished chunk's output and review lines to the journal's partial files →
when every row is finished, move them into place. The parent's garbage collector is off
for the run: its millions of objects (rows, results) hold no cycles, and collecting them
over and over cost more than reading the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from addressreg.clean.address_column import choose_address_column
from addressreg.clean.finishing import OutputWriter, start_journal
from addressreg.clean.journal import Journal, RunFingerprint
from addressreg.clean.parallel import Batch, BatchResolver, batch_resolver
from addressreg.clean.reading import FIRST_ROW, CleanInput, read_clean_input
from addressreg.clean.registry_loading import ResolverLoad, loading_alongside
from addressreg.clean.result_cells import OUTPUT_COLUMNS, ResultTail, result_tail, unreadable_cells
from addressreg.clean.summary import CleanSummary
from addressreg.clean.tables import table_format
from addressreg.forked_workers import collector_off
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
    with the reason. ``load_resolver`` is called once, on a thread while the input is read
    (loading waits mostly on the database; see :mod:`addressreg.clean.registry_loading`);
    the workers fork after both. A bad input's error is raised (after the load ended)
    in preference to a load error. ``element_names`` maps element names to the level
    names shown in explanations. On an error or interrupt the journal and its partial
    files are kept for ``resume``.

    Raises:
        UnreadableTable, UndecodableInput: the input cannot be read as a table.
        AddressColumnError: no single address column.
        ResumeRefused: ``resume`` was asked but the journal is missing or the input changed.
        CleanError: the output would overwrite the input, or clash with input columns.
    """
    started = time.perf_counter()
    _check_output(request)
    with collector_off(), loading_alongside(load_resolver) as loading:
        source = read_clean_input(request.input_path, lambda columns: _address_column(request, columns))
        run = RunFingerprint(source.sha256, source.columns[source.address_at], request.dept or "")
        journal = (
            Journal.resume(request.output_path, run)
            if request.resume
            else start_journal(request.output_path, run, source)
        )
        resumed = journal.rows_done
        output = OutputWriter(request.output_path, table_format(request.output_path), source, journal)
        resolved, waited = _resolve_and_write(
            request, source, journal, output, loading, element_names, on_progress
        )
        counts = output.finish()
    seconds = (time.perf_counter() - started - waited, loading.seconds)
    return CleanSummary.from_counts(request, source, resumed, resolved, seconds, counts)


def _resolve_and_write(
    request: CleanRequest,
    source: CleanInput,
    journal: Journal,
    output: OutputWriter,
    loading: ResolverLoad,
    element_names: Mapping[str, str],
    on_progress: Progress | None,
) -> tuple[int, float]:
    """Take the loaded resolver, resolve the unfinished rows on all workers and write them;
    return the number of texts resolved and the seconds waited for the resolver. On an
    error or interrupt the journal is closed: what it counts is on disk, for ``resume``."""
    try:
        plan = _plan_rows(source, journal.rows_done, request)  # before waiting: overlaps the load
        resolver, waited = loading.result()
        with batch_resolver(resolver, element_names, request.workers) as resolve:
            return _resolve_rows(plan, source, journal, resolve, output, on_progress), waited
    except BaseException:
        journal.close()
        raise


def _check_output(request: CleanRequest) -> None:
    if request.output_path.resolve() == request.input_path.resolve():
        raise CleanError(f"{request.output_path}: 输出文件不能覆盖输入文件")
    table_format(request.output_path)


def _address_column(request: CleanRequest, columns: tuple[str, ...]) -> int:
    """The address column of a table with header ``columns``; CleanError when the header
    already has an output column."""
    address_at = choose_address_column(columns, request.column)
    clashes = [name for name in columns if name in OUTPUT_COLUMNS]
    if clashes:
        names, source = "、".join(clashes), request.input_path
        raise CleanError(f"{source}: 输入已有与输出同名的列（{names}），请先改名（例如已清洗过的文件）")
    return address_at


def _address_text(cell: str, problem: bool) -> str | None:
    """The text to resolve, or None when the row is unreadable or its address is empty."""
    text = cell.strip()
    return text if text and not problem else None


@dataclass(frozen=True)
class _Plan:
    """The rows left to finish: each row's text (None: unreadable or empty), the last row
    of each text, and the chunks to resolve them in."""

    texts: list[str | None]
    last: dict[str, int]
    chunks: list[_Chunk]


def _plan_rows(source: CleanInput, start: int, request: CleanRequest) -> _Plan:
    texts = [_address_text(cell, i in source.problems) for i, cell in enumerate(source.addresses)]
    last = {text: i for i, text in enumerate(texts[start:], start) if text is not None}
    return _Plan(texts, last, list(_plan_chunks(texts, start, request)))


def _resolve_rows(
    plan: _Plan,
    source: CleanInput,
    journal: Journal,
    resolve: BatchResolver,
    output: OutputWriter,
    on_progress: Progress | None,
) -> int:
    """Resolve the planned rows, chunk by chunk, writing each (through the journal); return
    the number of texts resolved. A text met again in a later chunk is not resolved again:
    its result is kept until its last row."""
    texts, last, chunks = plan.texts, plan.last, plan.chunks
    results = resolve(batch for chunk in chunks for batch in chunk.batches)
    known: dict[str, ResultTail] = {}
    resolved = 0
    for chunk in chunks:
        fresh: dict[str, ResultTail] = {}
        for batch in chunk.batches:
            fresh.update(zip(batch, next(results), strict=True))
        resolved += len(fresh)
        output.add(chunk.start, _chunk_tails(source, texts, chunk, fresh, known, last))
        known.update((text, tail) for text, tail in fresh.items() if last[text] >= chunk.stop)
        if on_progress is not None:
            on_progress(journal.rows_done, len(texts))
    return resolved


def _plan_chunks(texts: list[str | None], start: int, request: CleanRequest) -> Iterator[_Chunk]:
    """Chunks of rows from ``start``; each resolves the texts not met in earlier chunks."""
    seen: set[str] = set()
    for chunk_start in range(start, len(texts), request.chunk_rows):
        chunk_stop = min(chunk_start + request.chunk_rows, len(texts))
        new: list[str] = []
        for text in texts[chunk_start:chunk_stop]:
            if text is not None and text not in seen:
                seen.add(text)
                new.append(text)
        size = request.batch_texts
        yield _Chunk(chunk_start, chunk_stop, tuple(new[i : i + size] for i in range(0, len(new), size)))


def _chunk_tails(
    source: CleanInput,
    texts: list[str | None],
    chunk: _Chunk,
    fresh: dict[str, ResultTail],
    known: dict[str, ResultTail],
    last: dict[str, int],
) -> list[ResultTail]:
    """The result tails of the chunk's rows; a result of an earlier chunk leaves ``known``
    at its text's last row."""
    tails: list[ResultTail] = []
    for index in range(chunk.start, chunk.stop):
        text = texts[index]
        if text is None:
            reason = source.problems.get(index) or f"第 {index + FIRST_ROW} 行地址为空"
            tails.append(result_tail(unreadable_cells(reason)))
            continue
        tail = fresh.get(text)
        if tail is None:
            tail = known.pop(text) if last[text] == index else known[text]
        tails.append(tail)
    return tails
