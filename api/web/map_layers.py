"""The map's base layer, from the registry itself: unit boundaries and building footprints.

There is no tile server and no external tiles. For the map's current view the page asks
for the boundaries of the levels that suit its zoom (district → street → community →
grid as it zooms in), simplified to about a pixel, and, from :data:`FOOTPRINT_ZOOM` on,
the building footprints. Coordinates are EPSG:4490 (CGCS2000), which Leaflet can draw as
WGS84: the two differ by well under a metre.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

FOOTPRINT_ZOOM = 16
MAX_FEATURES = 4000
#: Zoom from which each level of unit is drawn, and up to which (exclusive).
LEVEL_ZOOMS: dict[str, tuple[int, int]] = {
    "district": (0, 14),
    "street": (11, 16),
    "community": (13, 30),
    "grid": (15, 30),
}


@dataclass(frozen=True)
class View:
    """A map view: bounding box (min lon, min lat, max lon, max lat) in EPSG:4490 and zoom."""

    west: float
    south: float
    east: float
    north: float
    zoom: int

    def tolerance(self) -> float:
        """About one screen pixel at this zoom, in degrees (for simplification)."""
        return 360.0 / (256 * 2.0**self.zoom)


def levels_at(zoom: int) -> list[str]:
    """The unit levels drawn at ``zoom``, coarsest first."""
    return [level for level, (low, high) in LEVEL_ZOOMS.items() if low <= zoom < high]


UNITS = text(
    "SELECT code, level, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, :tol), 6)::json AS g "
    "FROM admin_unit WHERE level = ANY(:levels) AND geom IS NOT NULL AND status <> 'retired' "
    "AND geom && ST_MakeEnvelope(:w, :s, :e, :n, 4490) ORDER BY length(code), code LIMIT :limit"
)
FOOTPRINTS = text(
    "SELECT code, label, ST_AsGeoJSON(footprint, 7)::json AS g FROM building "
    "WHERE status <> 'retired' AND footprint && ST_MakeEnvelope(:w, :s, :e, :n, 4490) "
    "ORDER BY code LIMIT :limit"
)


def base_layer(conn: Connection, view: View) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: units (``kind`` = level) and, zoomed in, buildings."""
    box = {"w": view.west, "s": view.south, "e": view.east, "n": view.north, "limit": MAX_FEATURES}
    features = [
        _feature(row.g, code=row.code, kind=row.level, name=row.name)
        for row in conn.execute(UNITS, {**box, "levels": levels_at(view.zoom), "tol": view.tolerance()})
    ]
    if view.zoom >= FOOTPRINT_ZOOM:
        features += [
            _feature(row.g, code=row.code, kind="building", name=row.label)
            for row in conn.execute(FOOTPRINTS, box)
        ]
    return {"type": "FeatureCollection", "features": features, "zoom": view.zoom}


def registry_extent(conn: Connection) -> tuple[float, float, float, float] | None:
    """The extent of the districts (west, south, east, north), or None for an empty registry."""
    row = conn.execute(
        text(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e "
            "FROM admin_unit WHERE level = 'district' AND geom IS NOT NULL) x"
        )
    ).first()
    if row is None or row[0] is None:
        return None
    return float(row[0]), float(row[1]), float(row[2]), float(row[3])


def _feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}
