"""Departments and their records in the store: upsert, withdraw, learned addresses, conflicts.

A load runs inside one transaction that the caller opens (``engine.begin()``), so a failed
load leaves the database as it was. Records travel through a temporary staging table
filled by COPY and are written set-based; the change-log triggers log them set-based too.
Only new and changed records are staged: the caller compares content hashes first
(:func:`stored_hashes`), so reloading an unchanged file writes nothing at all.

What a department record stores besides the resolution (the file, row, content hash,
normalised text, the department's point in EPSG:4490 and the coordinate check) lives in
its ``explanation`` under ``source`` and ``coordinate_check``; the resolution's own
explanation is under ``resolution``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

#: Categories whose address is taught to the code it resolved to (一码多址).
LEARNED_CATEGORIES = ("A", "B")
#: The coordinate-check status that withholds learning until someone looks.
DISAGREEING = "far"

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


@dataclass(frozen=True, slots=True)
class RecordRow:
    """One new or changed department record, resolved and checked, ready to write.

    ``lon``/``lat`` are EPSG:4490 or None; ``check_status`` is None when the record has no
    point or no place to check it against, else ``inside``, ``near`` or ``far``.
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
class Conflict:
    """Records of different departments that disagree about one place.

    ``kind`` is ``place`` (their points for one building are ``distance_m`` apart) or
    ``code`` (one normalised address, resolved to different codes); ``key`` is the
    building code or the normalised address; ``records`` are ``department/record_id``.
    """

    kind: str
    key: str
    departments: tuple[str, ...]
    codes: tuple[str, ...]
    records: tuple[str, ...]
    distance_m: float | None


def sync_department(conn: Connection, code: str, name: str) -> None:
    """Create the department, or rename it; untouched when it is already so."""
    conn.execute(
        text(
            "INSERT INTO department (code, name) VALUES (:c, :n) ON CONFLICT (code) DO UPDATE "
            "SET name = excluded.name WHERE department.name IS DISTINCT FROM excluded.name"
        ),
        {"c": code, "n": name},
    )


def begin_load(conn: Connection, department: str) -> None:
    """Name the load in the change log and keep a second load of the department waiting."""
    conn.execute(text("SELECT set_config('addressreg.actor', :a, true)"), {"a": f"load:{department}"})
    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"load:{department}"})


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


def _nullable(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def stage_records(conn: Connection, rows: Iterable[RecordRow]) -> int:
    """COPY ``rows`` into the transaction's staging table ``load_stage`` (created here)."""
    conn.execute(
        text(
            "CREATE TEMP TABLE load_stage (record_id text PRIMARY KEY, raw_text text, content_hash text, "
            "code varchar(25), category char(1), score float8, resolution text, normalised text, lon float8, "
            "lat float8, row_number int, check_status text, check_distance float8) ON COMMIT DROP"
        )
    )
    raw: Any = conn.connection.driver_connection
    count = 0
    with raw.cursor() as cur, cur.copy(f"COPY load_stage ({', '.join(STAGE_COLUMNS)}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row(
                (
                    r.record_id,
                    r.raw_text,
                    r.content_hash,
                    r.code,
                    r.category,
                    r.score,
                    r.resolution,
                    r.normalised,
                    _nullable(r.lon),
                    _nullable(r.lat),
                    r.row_number,
                    r.check_status,
                    _nullable(r.check_distance),
                )
            )
            count += 1
    return count


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
    no current address with the same normalised text.

    Returns:
        (records written, addresses learned).
    """
    written = conn.execute(UPSERT, {"dept": department, "file": file}).rowcount
    learned = conn.execute(
        LEARN, {"dept": department, "categories": list(LEARNED_CATEGORIES), "disagreeing": DISAGREEING}
    ).rowcount
    return written, learned


def withdraw_records(conn: Connection, department: str, record_ids: Sequence[str]) -> int:
    """Mark ``record_ids`` of the department withdrawn (never deleted); returns how many."""
    if not record_ids:
        return 0
    return conn.execute(
        text(
            "UPDATE department_record SET status = 'withdrawn', updated_at = now() "
            "WHERE department_code = :d AND record_id = ANY(:ids) AND status <> 'withdrawn'"
        ),
        {"d": department, "ids": list(record_ids)},
    ).rowcount


def audit_load(conn: Connection, department: str, detail: dict[str, Any]) -> None:
    """One audit entry for a load that wrote something (same transaction and txid)."""
    conn.execute(
        text(
            "INSERT INTO audit_log (txid, actor, action, entity, code, detail) "
            "VALUES (registry_txid(), :actor, 'load', 'department', :dept, CAST(:detail AS jsonb))"
        ),
        {"actor": f"load:{department}", "dept": department, "detail": json.dumps(detail, ensure_ascii=False)},
    )


PLACES = text("""
SELECT b.code, ST_AsBinary(b.footprint) FROM building b WHERE b.code = ANY(:codes)
UNION ALL
SELECT u.code, ST_AsBinary(u.geom) FROM admin_unit u WHERE u.code = ANY(:codes) AND u.geom IS NOT NULL
""")


def place_geometries(conn: Connection, codes: Iterable[str]) -> dict[str, bytes]:
    """WKB (EPSG:4490) of the places of ``codes``: building footprints, unit polygons.

    Pass building codes for rooms (their first 19 digits); codes with no geometry are left out.
    """
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    return {code: bytes(wkb) for code, wkb in conn.execute(PLACES, {"codes": wanted})}


def building_points(conn: Connection, codes: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Representative point (EPSG:4490 lon, lat) of each building of ``codes`` that exists."""
    wanted = sorted(set(codes))
    query = text("SELECT code, ST_X(point), ST_Y(point) FROM building WHERE code = ANY(:codes)")
    rows = conn.execute(query, {"codes": wanted})
    return {code: (float(x), float(y)) for code, x, y in rows}


PLACE_CONFLICTS = text("""
WITH points AS (
    SELECT department_code AS dept, left(code, 19) AS building, record_id,
           ST_Transform(ST_SetSRID(ST_MakePoint((explanation->'source'->>'lon')::float8,
                                                (explanation->'source'->>'lat')::float8), 4490), 4547) AS g
    FROM department_record
    WHERE status = 'active' AND category = ANY(:categories) AND length(code) IN (19, 25)
      AND jsonb_typeof(explanation->'source'->'lon') = 'number'
), per_department AS (
    SELECT dept, building, ST_Centroid(ST_Collect(g)) AS g,
           (array_agg(record_id ORDER BY record_id))[1:3] AS ids
    FROM points GROUP BY dept, building
)
SELECT a.building, a.dept, b.dept, a.ids, b.ids, ST_Distance(a.g, b.g) AS distance
FROM per_department a JOIN per_department b ON a.building = b.building AND a.dept < b.dept
WHERE NOT ST_DWithin(a.g, b.g, :distance)
ORDER BY distance DESC, a.building LIMIT :limit
""")

CODE_CONFLICTS = text("""
SELECT explanation->'source'->>'normalised' AS normalised, array_agg(DISTINCT department_code),
       array_agg(DISTINCT code), (array_agg(department_code || '/' || record_id ORDER BY record_id))[1:6]
FROM department_record
WHERE status = 'active' AND category = ANY(:categories) AND length(code) IN (19, 25)
GROUP BY 1
HAVING count(DISTINCT left(code, 19)) > 1 AND count(DISTINCT department_code) > 1
ORDER BY 1 LIMIT :limit
""")


def find_conflicts(conn: Connection, distance_m: float, limit: int) -> list[Conflict]:
    """Records of different departments that disagree about the same place.

    ``place``: for one building, the centroids of two departments' points (records in
    category A or B) lie more than ``distance_m`` apart. ``code``: one normalised address
    resolved (A or B) by different departments to different buildings (a room and its own
    building agree). At most ``limit`` of
    each kind, the largest distances first.
    """
    categories = list(LEARNED_CATEGORIES)
    conflicts = [
        Conflict(
            "place",
            building,
            (d1, d2),
            (building,),
            tuple(f"{d1}/{i}" for i in ids1) + tuple(f"{d2}/{i}" for i in ids2),
            float(distance),
        )
        for building, d1, d2, ids1, ids2, distance in conn.execute(
            PLACE_CONFLICTS, {"categories": categories, "distance": distance_m, "limit": limit}
        )
    ]
    conflicts += [
        Conflict("code", normalised, tuple(depts), tuple(codes), tuple(records), None)
        for normalised, depts, codes, records in conn.execute(
            CODE_CONFLICTS, {"categories": categories, "limit": limit}
        )
    ]
    return conflicts
