"""Loading one department file: read, check, resolve, check coordinates, write — or nothing.

The file is read and checked completely before the database is touched, so a bad file
stops with its row and column and writes nothing. The writes then run in one transaction:
records whose content hash is unchanged are skipped (a reload of the same file writes
nothing, not even a change-log entry); new and changed records are resolved (each distinct
text once, on every core) and written in batches while the workers go on
(:mod:`loaders.batch_writing`), their points checked against the place they resolved to;
on a full load, records missing from the file are marked withdrawn.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Connection, Engine

from addressreg.forked_workers import collector_off
from addressreg.match.resolution import Resolver
from addressreg.store import departments as store
from addressreg.store import record_loading
from loaders.batch_writing import WrittenRecords, resolve_and_write
from loaders.records import SourceRecords, source_records
from loaders.resolving import CHUNK, Normaliser, chunk_resolver
from loaders.spec import DepartmentSpec, Region
from loaders.tables import read_table


@dataclass(frozen=True)
class LoadReport:
    """What one load did. ``categories`` and ``coordinates`` count the written records."""

    department: str
    file: str
    records: int
    new: int
    changed: int
    unchanged: int
    withdrawn: int
    distinct_texts: int
    learned: int
    categories: dict[str, int]
    coordinates: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Pending:
    """The records to write: their indexes into the file, and how many are new."""

    indexes: list[int]
    new: int


def _pending(records: SourceRecords, stored: dict[str, tuple[str | None, str]]) -> _Pending:
    """Records that are new, changed, or back after a withdrawal."""
    indexes, new = [], 0
    for i, (record_id, digest) in enumerate(zip(records.record_ids, records.hashes, strict=True)):
        before = stored.get(record_id)
        if before is None:
            new += 1
        elif before == (digest, "active"):
            continue
        indexes.append(i)
    return _Pending(indexes, new)


class _Clock:
    """Wall seconds of consecutive phases."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def mark(self, phase: str, at: float | None = None) -> None:
        """End ``phase`` now (or at the ``time.perf_counter()`` value ``at``)."""
        now = time.perf_counter() if at is None else at
        self.seconds[phase] = round(self.seconds.get(phase, 0.0) + now - self._last, 3)
        self._last = now


def load_department_file(
    engine: Engine,
    spec: DepartmentSpec,
    path: Path,
    resolver: Resolver,
    normalise: Normaliser,
    region: Region,
    *,
    full: bool = True,
    workers: int = 1,
) -> LoadReport:
    """Load ``path`` as department ``spec``'s file; one transaction, all or nothing.

    Args:
        full: the file holds all of the department's records: those missing from it are
            marked withdrawn. False for a partial (incremental) file.
        workers: processes resolving the texts.

    The parent runs with the garbage collector off (the workers with it on).

    ``seconds`` of the report: ``read``, ``compose`` (ids, texts), ``convert`` (points,
    hashes), ``prepare`` (lock, stored hashes), ``resolve`` (until the last resolution
    came back, the batches written meanwhile included), ``write`` (the rest, commit
    included); ``cpu_seconds``: this process's and the workers'.

    Raises:
        BadDepartmentFile: the file cannot be read as the spec says (nothing is written).
    """
    with collector_off():  # millions of records, results and rows, none in a cycle
        clock, cpu, children = _Clock(), time.process_time(), _children_cpu()
        table = read_table(spec, path)
        clock.mark("read")
        records = source_records(spec, table, region, clock.mark)
        tolerance = spec.coordinates.tolerance_m if spec.coordinates else 0.0
        with engine.begin() as conn:
            store.begin_load(conn, spec.code)
            store.sync_department(conn, spec.code, spec.name)
            stored = record_loading.stored_hashes(conn, spec.code)
            pending = _pending(records, stored)
            clock.mark("prepare")
            forks = workers if len(pending.indexes) > CHUNK else 1  # a reload forks none
            with chunk_resolver(resolver, normalise, forks) as resolve:
                written = resolve_and_write(conn, records, pending.indexes, resolve, tolerance)
            clock.mark("resolve", at=written.resolved_at)
            gone = {rid for rid, (_, status) in stored.items() if status == "active"} if full else set()
            report = _finish(conn, spec, path, records, pending, written, gone - set(records.record_ids))
        clock.mark("write")
        cpu_seconds = {"parent": time.process_time() - cpu, "workers": _children_cpu() - children}
        return replace(
            report, seconds=clock.seconds, cpu_seconds={k: round(v, 2) for k, v in cpu_seconds.items()}
        )


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _finish(
    conn: Connection,
    spec: DepartmentSpec,
    path: Path,
    records: SourceRecords,
    pending: _Pending,
    written: WrittenRecords,
    gone: set[str],
) -> LoadReport:
    """Withdraw ``gone``, audit the load if it wrote anything, and say what it did."""
    withdrawn = record_loading.withdraw_records(conn, spec.code, sorted(gone))
    report = LoadReport(
        department=spec.code,
        file=str(path),
        records=len(records),
        new=pending.new,
        changed=len(pending.indexes) - pending.new,
        unchanged=len(records) - len(pending.indexes),
        withdrawn=withdrawn,
        distinct_texts=written.distinct_texts,
        learned=written.counts.learned,
        categories=written.categories,
        coordinates=written.coordinates,
    )
    if pending.indexes or withdrawn:
        store.audit_load(conn, spec.code, _audit_detail(report))
    return report


def _audit_detail(report: LoadReport) -> dict[str, object]:
    keep = (
        "file",
        "records",
        "new",
        "changed",
        "unchanged",
        "withdrawn",
        "learned",
        "categories",
        "coordinates",
    )
    return {name: getattr(report, name) for name in keep}
