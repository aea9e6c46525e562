"""Writing a department's records set-based: COPY into a staging table, then one statement each.

A load runs inside one transaction that the caller opens (``engine.begin()``), so a failed
load leaves the database as it was. Records travel through the temporary staging table
``load_stage`` (dropped at commit) filled by COPY, and are written set-based — one upsert
and one insert of learned addresses per batch — so the change-log triggers log them
set-based too. A load may write its records in several batches (:func:`write_batch`), so
that the database works on one batch while the next is being resolved.

Only new and changed records are staged: the caller compares content hashes first
(:func:`stored_hashes`), so reloading an unchanged file writes nothing at all.

What a department record stores besides the resolution (the file, row, content hash,
normalised text, the department's point in EPSG:4490 and the coordinate check) lives in
its ``explanation`` under ``source`` and ``coordinate_check``; the resolution's own
explanation is under ``resolution``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection, text

#: Categories whose address is taught to the code it resolved to (一码多址).
LEARNED_CATEGORIES = ("A", "B")
#: The coordinate-check status that withholds learning until someone looks.
DISAGREEING = "far"
#: Memory for the sort that picks one record per learned address (per statement).
SORT_MEMORY = "64MB"

STAGE_COLUMNS = (
    "record_id",
    "raw_text",
    "content_hash",
    "code",
    "category",
    "score",
    "resolution",
    "normalised",
    "lon",
    "lat",
    "row_number",
    "check_status",
    "check_distance",
)


class RecordRow(NamedTuple):
    """One new or changed department record, resolved and checked, ready to write.

    ``lon``/``lat`` are EPSG:4490 or None (NaN is taken as None, as for
    ``check_distance``); ``check_status`` is None when the record has no point or no place
    to check it against, else ``inside``, ``near`` or ``far``. Its fields are the staging
    table's columns, in order (a tuple, so it is copied as it is).
    """

    record_id: str
    raw_text: str
    content_hash: str
    code: str | None
    category: str
    score: float
    resolution: str  # JSON
    normalised: str
    lon: float | None
    lat: float | None
    row_number: int
    check_status: str | None
    check_distance: float | None


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What one batch (or a whole load, summed) wrote: records upserted, addresses learned."""

    written: int
    learned: int

    def __add__(self, other: BatchCounts) -> BatchCounts:
        return BatchCounts(self.written + other.written, self.learned + other.learned)


def stored_hashes(conn: Connection, department: str) -> dict[str, tuple[str | None, str]]:
    """Record id → (content hash, status) of every record the department has."""
    rows = conn.execute(
        text(
            "SELECT record_id, explanation->'source'->>'hash', status FROM department_record "
            "WHERE department_code = :d"
        ),
        {"d": department},
    )
    return {record_id: (digest, status) for record_id, digest, status in rows}


def _without_nan(row: RecordRow) -> RecordRow:
    """``row`` with NaN numbers as None (NaN is never equal to itself; None is)."""
    if row.lon == row.lon and row.lat == row.lat and row.check_distance == row.check_distance:
        return row
    return row._replace(
        lon=_nullable(row.lon), lat=_nullable(row.lat), check_distance=_nullable(row.check_distance)
    )


def _nullable(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def create_stage(conn: Connection) -> None:
    """Create the transaction's staging table ``load_stage`` (dropped at commit)."""
    conn.execute(
        text(
            "CREATE TEMP TABLE load_stage (record_id text PRIMARY KEY, raw_text text, content_hash text, "
            "code varchar(25), category char(1), score float8, resolution text, normalised text, lon float8, "
            "lat float8, row_number int, check_status text, check_distance float8) ON COMMIT DROP"
        )
    )
    conn.execute(text("SELECT set_config('work_mem', :m, true)"), {"m": SORT_MEMORY})


def copy_stage(conn: Connection, rows: Iterable[RecordRow]) -> int:
    """COPY ``rows`` into ``load_stage`` (created by :func:`create_stage`); returns how many."""
    raw: Any = conn.connection.driver_connection
    count = 0
    with raw.cursor() as cur, cur.copy(f"COPY load_stage ({', '.join(STAGE_COLUMNS)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(_without_nan(row))
            count += 1
    return count


def stage_records(conn: Connection, rows: Iterable[RecordRow]) -> int:
    """Create ``load_stage`` and COPY ``rows`` into it (a load written in one batch)."""
    create_stage(conn)
    return copy_stage(conn, rows)


UPSERT = text("""
INSERT INTO department_record AS d (department_code, record_id, raw_text, code, category, score,
                                    explanation, status, updated_at)
SELECT :dept, s.record_id, s.raw_text, s.code, s.category, s.score,
       jsonb_build_object(
           'resolution', s.resolution::jsonb,
           'source', jsonb_build_object('file', CAST(:file AS text), 'row', s.row_number,
                                        'hash', s.content_hash, 'normalised', s.normalised,
                                        'lon', s.lon, 'lat', s.lat),
           'coordinate_check', CASE WHEN s.check_status IS NULL THEN NULL ELSE
               jsonb_build_object('status', s.check_status, 'distance_m', round(s.check_distance::numeric, 1))
           END),
       'active', now()
FROM load_stage s
ON CONFLICT (department_code, record_id) DO UPDATE
SET raw_text = excluded.raw_text, code = excluded.code, category = excluded.category,
    score = excluded.score, explanation = excluded.explanation, status = 'active', updated_at = now()
""")

LEARN = text("""
INSERT INTO address (code, text, normalised, kind, department_code)
SELECT DISTINCT ON (s.code, s.normalised) s.code, s.raw_text, s.normalised, 'department', :dept
FROM load_stage s
WHERE s.category = ANY(:categories) AND length(s.code) IN (19, 25) AND s.normalised <> ''
  AND s.check_status IS DISTINCT FROM :disagreeing
  AND NOT EXISTS (SELECT 1 FROM address a
                  WHERE a.code = s.code AND a.normalised = s.normalised AND a.valid_to IS NULL)
ORDER BY s.code, s.normalised, s.record_id
""")


def write_staged(conn: Connection, department: str, file: str) -> tuple[int, int]:
    """Upsert the staged records, then teach their codes the new addresses.

    An address is learned from a record resolved in category A or B to a building or room
    code, unless its point disagrees with the place (``far``), and only when the code has
    no current address with the same normalised text (so also not when an earlier batch of
    the same load taught it); among the batch's records writing it, the lowest record id's
    text is kept.

    Returns:
        (records written, addresses learned).
    """
    written = conn.execute(UPSERT, {"dept": department, "file": file}).rowcount
    learned = conn.execute(
        LEARN, {"dept": department, "categories": list(LEARNED_CATEGORIES), "disagreeing": DISAGREEING}
    ).rowcount
    return written, learned


def write_batch(conn: Connection, department: str, file: str, rows: Iterable[RecordRow]) -> BatchCounts:
    """Write one batch of a load: empty ``load_stage``, COPY ``rows``, upsert, learn.

    :func:`create_stage` must have run in this transaction.
    """
    conn.execute(text("TRUNCATE load_stage"))
    if copy_stage(conn, rows) == 0:
        return BatchCounts(0, 0)
    return BatchCounts(*write_staged(conn, department, file))


def withdraw_records(conn: Connection, department: str, record_ids: Iterable[str]) -> int:
    """Mark ``record_ids`` of the department withdrawn (never deleted); returns how many."""
    ids = list(record_ids)
    if not ids:
        return 0
    return conn.execute(
        text(
            "UPDATE department_record SET status = 'withdrawn', updated_at = now() "
            "WHERE department_code = :d AND record_id = ANY(:ids) AND status <> 'withdrawn'"
        ),
        {"d": department, "ids": ids},
    ).rowcount
