"""Departments in the store: their rows, the load's lock and audit, places, conflicts.

A load runs inside one transaction that the caller opens (``engine.begin()``); the
records themselves are written set-based by :mod:`addressreg.store.record_loading`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from addressreg.store.record_loading import LEARNED_CATEGORIES


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
