"""Loading one department file: read, check, resolve, check coordinates, write — or nothing.

The file is read and checked completely before the database is touched, so a bad file
stops with its row and column and writes nothing. The writes then run in one transaction:
records whose content hash is unchanged are skipped (a reload of the same file writes
nothing, not even a change-log entry); new and changed records are resolved (each distinct
text once, on every core), their points checked against the place they resolved to, and
upserted; on a full load, records missing from the file are marked withdrawn.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import shapely
from sqlalchemy import Connection, Engine

from addressreg.match.resolution import Resolver
from addressreg.store import departments as store
from loaders.coordinate_check import CoordinateChecks, check_points, place_code
from loaders.records import SourceRecords, source_records
from loaders.resolving import Normaliser, ResolvedText, resolve_distinct
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


def _rows(
    records: SourceRecords, pending: _Pending, resolved: dict[str, ResolvedText], checks: CoordinateChecks
) -> Iterator[store.RecordRow]:
    for k, i in enumerate(pending.indexes):
        text = records.texts[i]
        r = resolved[text]
        yield store.RecordRow(
            records.record_ids[i],
            text,
            records.hashes[i],
            r.code,
            r.category,
            r.score,
            r.resolution,
            r.normalised,
            float(records.lon[i]),
            float(records.lat[i]),
            records.rows[i],
            checks.statuses[k],
            float(checks.distances[k]),
        )


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

    Raises:
        BadDepartmentFile: the file cannot be read as the spec says (nothing is written).
    """
    started = time.perf_counter()
    records = source_records(spec, read_table(spec, path), region)
    read = time.perf_counter()
    with engine.begin() as conn:
        store.begin_load(conn, spec.code)
        store.sync_department(conn, spec.code, spec.name)
        stored = store.stored_hashes(conn, spec.code)
        pending = _pending(records, stored)
        work = _resolve_and_check(conn, spec, records, pending, resolver, normalise, workers)
        resolved = time.perf_counter()
        gone = [rid for rid, (_, status) in stored.items() if status == "active"] if full else []
        report = _write(conn, spec, path, records, work, set(gone) - set(records.record_ids))
    seconds = {"read": read - started, "resolve": resolved - read, "write": time.perf_counter() - resolved}
    return replace(report, seconds={name: round(value, 3) for name, value in seconds.items()})


@dataclass(frozen=True)
class _Work:
    """The pending records with their resolutions (by text) and coordinate checks."""

    pending: _Pending
    texts: list[str]
    resolved: dict[str, ResolvedText]
    checks: CoordinateChecks


def _resolve_and_check(
    conn: Connection,
    spec: DepartmentSpec,
    records: SourceRecords,
    pending: _Pending,
    resolver: Resolver,
    normalise: Normaliser,
    workers: int,
) -> _Work:
    """Resolve the pending records' distinct texts, then check their points against the places."""
    texts = [records.texts[i] for i in pending.indexes]
    resolved = resolve_distinct(texts, resolver, normalise, workers)
    codes = [resolved[t].code for t in texts]
    wkb = store.place_geometries(conn, {c for c in map(place_code, codes) if c is not None})
    places = {code: shapely.from_wkb(value) for code, value in wkb.items()}
    tolerance = spec.coordinates.tolerance_m if spec.coordinates else 0.0
    lon, lat = records.lon[pending.indexes], records.lat[pending.indexes]
    checks = check_points(lon, lat, codes, places, tolerance)
    return _Work(pending, texts, resolved, checks)


def _write(
    conn: Connection, spec: DepartmentSpec, path: Path, records: SourceRecords, work: _Work, gone: set[str]
) -> LoadReport:
    """Upsert the pending records, withdraw ``gone``, audit the load if it wrote anything."""
    learned = 0
    if work.pending.indexes:
        store.stage_records(conn, _rows(records, work.pending, work.resolved, work.checks))
        learned = store.write_staged(conn, spec.code, str(path))[1]
    withdrawn = store.withdraw_records(conn, spec.code, sorted(gone))
    report = LoadReport(
        department=spec.code,
        file=str(path),
        records=len(records),
        new=work.pending.new,
        changed=len(work.pending.indexes) - work.pending.new,
        unchanged=len(records) - len(work.pending.indexes),
        withdrawn=withdrawn,
        distinct_texts=len(work.resolved),
        learned=learned,
        categories=dict(Counter(work.resolved[t].category for t in work.texts)),
        coordinates=dict(Counter(s or "unchecked" for s in work.checks.statuses)),
    )
    if work.pending.indexes or withdrawn:
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
