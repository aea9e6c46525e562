"""``PostgisSource``: candidate queries rendered as SQL and answered by PostGIS.

The alternative to the in-memory index (``addressreg.match.index``): nothing but the
administrative units is held in memory; each query is one SQL statement (complex ids, road
ids + door number, or pg_trgm similarity on ``complex.name`` / ``road.name``), rooms are
matched by equality on the room table. Slower per address (a round trip per query) but
needs no start-up load; the benchmark (``benchmarks/match_eval.py --source postgis``)
compares the two.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, text

from addressreg.match.admin import ancestors
from addressreg.match.query import Candidate, CandidateQuery
from addressreg.match.resolution import Level
from addressreg.match.rows import UnitRow

BUILDINGS = """
SELECT b.code, b.label, b.complex_id, x.name, dp.road_id, rd.name, dp.number, b.door_plate_id, g.parent_code,
       ST_X(b.point), ST_Y(b.point),
       (SELECT array_agg(r.code ORDER BY r.code) FROM room r
         WHERE r.code >= b.code AND r.code < b.code || ':' AND r.status = 'active' AND r.number = :room
           AND (CAST(:unit AS text) IS NULL OR r.unit::text = :unit OR (r.unit IS NULL AND :unit = '1')))
FROM building b
JOIN admin_unit g ON g.code = b.grid_code
LEFT JOIN complex x ON x.complex_id = b.complex_id
LEFT JOIN door_plate dp ON dp.door_plate_id = b.door_plate_id
LEFT JOIN road rd ON rd.road_id = dp.road_id
WHERE b.status = 'active' AND {where}
"""
BY_COMPLEX = text(BUILDINGS.format(where="b.complex_id = ANY(:keys)"))
BY_PLATE = text(BUILDINGS.format(where="dp.road_id = ANY(:keys) AND dp.number = :door"))
SIMILAR = {
    "similar_complex": text(
        "SELECT complex_id, similarity(name, :t) AS s FROM complex WHERE name % :t ORDER BY s DESC LIMIT :k"
    ),
    "similar_road": text(
        "SELECT road_id, similarity(name, :t) AS s FROM road WHERE name % :t ORDER BY s DESC LIMIT :k"
    ),
}
PLACES = text(
    "SELECT x.complex_id, x.name, x.community_code, ST_X(x.geom), ST_Y(x.geom) FROM complex x "
    "WHERE x.complex_id = ANY(:keys)"
)


class PostgisSource:
    """Answers candidate queries with SQL (see the module docstring)."""

    def __init__(
        self, engine: Engine, units: Mapping[str, UnitRow], normalise: Callable[[str], str], limit: int = 8
    ) -> None:
        self.engine = engine
        self.units = units
        self.normalise = normalise
        self.limit = limit

    def find(self, queries: Sequence[CandidateQuery]) -> list[Candidate]:
        """Candidates of each query in turn."""
        found: list[Candidate] = []
        with self.engine.connect() as conn:
            for query in queries:
                keys: list[int] = list(query.keys)
                similarity = 1.0
                if query.kind in SIMILAR:
                    rows = conn.execute(SIMILAR[query.kind], {"t": query.text, "k": self.limit}).all()
                    keys = [int(key) for key, _ in rows]
                    similarity = max((float(s) for _, s in rows), default=0.0)
                if not keys:
                    continue
                by_plate = query.kind in ("door_plate", "similar_road")
                params = {
                    "keys": keys,
                    "door": query.door_number,
                    "room": query.local.room,
                    "unit": query.local.unit,
                }
                rows = conn.execute(BY_PLATE if by_plate else BY_COMPLEX, params).all()
                found.extend(self._candidates(rows, query, similarity))
        return found

    def _candidates(self, rows: Sequence[Any], query: CandidateQuery, similarity: float) -> list[Candidate]:
        wanted = query.local.building
        chosen = [r for r in rows if (self.normalise(r[1]) if r[1] else "") == (wanted or "")]
        if wanted is None and not chosen and len(rows) == 1:
            chosen = list(rows)
        out = []
        for row in chosen:
            rooms = row[11] or [] if query.local.room else []
            for room in rooms or [None]:
                out.append(self._candidate(row, room, query, similarity))
        return out

    def _candidate(self, row: Any, room: str | None, query: CandidateQuery, similarity: float) -> Candidate:
        code, label, complex_id, complex_name, road_id, road_name, number, plate_id, community, lon, lat = (
            row[:11]
        )
        chain = list(reversed(ancestors(community, self.units)))
        return Candidate(
            level=Level.ROOM if room else Level.BUILDING,
            code=room or code,
            place=None,
            building_code=code,
            building_label=label,
            complex_id=complex_id,
            complex_name=complex_name,
            road_id=road_id,
            road_name=road_name,
            door_number=number,
            door_plate_id=plate_id,
            community_code=community,
            admin_codes=tuple(chain),
            admin_names=tuple(self.units[c].name for c in chain),
            lon=lon,
            lat=lat,
            matched_by=query.kind,
            written=query.text,
            name_similarity=similarity,
            room_found=None if query.local.room is None else room is not None,
        )
