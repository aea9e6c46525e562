"""Resolving a load's pending records and writing them batch by batch, while the workers go on.

The distinct texts of the pending records go to the workers in chunks, in the order they
first appear in the file. As the resolutions stream back, the records carrying them are
gathered into batches of about :data:`BATCH_RECORDS`; each batch gets its points checked
and is written set-based (COPY, upsert, learned addresses) while the workers resolve the
next chunks, so the database and the workers run at the same time. Batches depend only on
the file and the stored records, never on timing or the number of workers, so a load's
result does not either.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry
from sqlalchemy import Connection

from addressreg.store import departments as places_store
from addressreg.store import record_loading as store
from loaders.coordinate_check import CoordinateChecks, check_points_in_metres, place_code, places_in_metres
from loaders.records import SourceRecords
from loaders.resolving import ChunkResolver, ResolvedText, text_chunks

#: Records per written batch: big enough that each statement's fixed cost is small, small
#: enough that the last batch (written after the last resolution) is short.
BATCH_RECORDS = 25_000


@dataclass(frozen=True)
class TextPlan:
    """The pending records' distinct texts (first appearance first) and the records of each."""

    texts: list[str]
    records: dict[str, list[int]]


def plan_texts(records: SourceRecords, indexes: Sequence[int]) -> TextPlan:
    """Group the records at ``indexes`` by their text."""
    by_text: dict[str, list[int]] = {}
    for i in indexes:
        by_text.setdefault(records.texts[i], []).append(i)
    return TextPlan(list(by_text), by_text)


@dataclass(frozen=True)
class WrittenRecords:
    """What resolving and writing the pending records did.

    ``resolved_at`` is when (``time.perf_counter()``) the last resolution came back:
    the batches written before it overlapped the resolving, the rest came after.
    """

    counts: store.BatchCounts
    distinct_texts: int
    categories: dict[str, int]
    coordinates: dict[str, int]
    resolved_at: float


class PlaceCache:
    """Geometries (EPSG:4547 metres) of the places records are checked against, fetched once."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._places: dict[str, BaseGeometry] = {}
        self._absent: set[str] = set()  # looked up, no geometry

    def check(
        self, records: SourceRecords, indexes: list[int], codes: list[str | None], tolerance: float
    ) -> CoordinateChecks:
        """The coordinate checks of the records at ``indexes`` resolved to ``codes``."""
        lon, lat = records.lon[indexes], records.lat[indexes]
        located = (~np.isnan(lon)).tolist()
        wanted = {key for c, ok in zip(codes, located, strict=True) if ok and (key := place_code(c))}
        missing = sorted(wanted - self._places.keys() - self._absent)
        if missing:
            fetched = places_store.place_geometries(self._conn, missing)
            self._places.update(places_in_metres({k: shapely.from_wkb(v) for k, v in fetched.items()}))
            self._absent.update(k for k in missing if k not in fetched)
        return check_points_in_metres(lon, lat, codes, self._places, tolerance)


def _nullables(values: NDArray[np.float64]) -> list[float | None]:
    """``values`` as a list, NaN as None."""
    out: list[float | None] = values.tolist()
    for i in np.flatnonzero(np.isnan(values)).tolist():
        out[i] = None
    return out


@dataclass
class _Tally:
    counts: store.BatchCounts
    categories: Counter[str]
    coordinates: Counter[str]


def _write_batch(
    conn: Connection,
    records: SourceRecords,
    plan: TextPlan,
    batch: list[tuple[str, ResolvedText]],
    places: PlaceCache,
    tolerance: float,
    tally: _Tally,
) -> None:
    """Check and write the records of ``batch``'s texts; add what was written to ``tally``."""
    indexes = [i for text, _ in batch for i in plan.records[text]]
    resolved = [r for text, r in batch for _ in plan.records[text]]
    checks = places.check(records, indexes, [r.code for r in resolved], tolerance)
    lon, lat = _nullables(records.lon[indexes]), _nullables(records.lat[indexes])
    distances = _nullables(checks.distances)
    rows = (
        store.RecordRow(
            records.record_ids[i],
            records.texts[i],
            records.hashes[i],
            r.code,
            r.category,
            r.score,
            r.resolution,
            r.normalised,
            x,
            y,
            records.rows[i],
            status,
            distance,
        )
        for i, r, x, y, status, distance in zip(
            indexes, resolved, lon, lat, checks.statuses, distances, strict=True
        )
    )
    tally.counts += store.write_batch(conn, records.department, records.file, rows)
    tally.categories.update(r.category for r in resolved)
    tally.coordinates.update(s or "unchecked" for s in checks.statuses)


def resolve_and_write(
    conn: Connection,
    records: SourceRecords,
    indexes: Sequence[int],
    resolve: ChunkResolver,
    tolerance: float,
) -> WrittenRecords:
    """Resolve the distinct texts of the records at ``indexes`` and write those records.

    Args:
        resolve: maps chunks of texts to their resolutions, in order (see
            :func:`loaders.resolving.chunk_resolver`).
        tolerance: metres outside its place a record's point may lie and still agree.

    Batches hold about :data:`BATCH_RECORDS` records (read at each call).
    """
    plan = plan_texts(records, indexes)
    chunks = text_chunks(plan.texts)
    store.create_stage(conn)
    places = PlaceCache(conn)
    tally = _Tally(store.BatchCounts(0, 0), Counter(), Counter())
    batch: list[tuple[str, ResolvedText]] = []
    size = 0
    for chunk, results in zip(chunks, resolve(chunks), strict=True):
        batch.extend(zip(chunk, results, strict=True))
        size += sum(len(plan.records[text]) for text in chunk)
        if size >= BATCH_RECORDS:
            _write_batch(conn, records, plan, batch, places, tolerance, tally)
            batch, size = [], 0
    resolved = time.perf_counter()
    if batch:
        _write_batch(conn, records, plan, batch, places, tolerance, tally)
    return WrittenRecords(
        tally.counts,
        len(plan.texts),
        dict(tally.categories),
        dict(tally.coordinates),
        resolved,
    )
