"""Buildings, rooms, units and reverse geocoding: read-only views over the registry."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from apiflask import APIBlueprint, abort
from flask import Response, json, request

from addressreg.geo import bd09_to_wgs84, gcj02_to_wgs84
from addressreg.standard import InvalidCode
from addressreg.store import lookup
from api.responses import json_ok
from api.schemas import (
    BuildingListOut,
    BuildingListQuery,
    BuildingOut,
    ReverseOut,
    ReverseQuery,
    RoomOut,
)
from api.security import SECURITY_SCHEME, require_scope
from api.services import read, services

places_bp = APIBlueprint("places", __name__, url_prefix="/v1", tag="Places")
GEOJSON = "application/geo+json"
UNIT_LEVELS = ("district", "street", "community", "grid")


def checked_code(code: str, level: str | None) -> str:
    """``code`` if it is well formed (for ``level``, when given), else 400 with the reason."""
    try:
        services().layout.validate(code, level=level)
    except InvalidCode as exc:
        abort(400, str(exc))
    return code


def building_out(view: lookup.BuildingView) -> dict[str, Any]:
    """The API form of a building."""
    return {
        **asdict(view.summary),
        "floors": view.floors,
        "units": view.units,
        "rooms_per_floor": view.rooms_per_floor,
        "version": view.version,
        "door_plate": view.door_plate,
        "complex": view.complex,
        "admin_units": [asdict(u) for u in view.admin_units],
        "addresses": [asdict(a) for a in view.addresses],
        "rooms": list(view.rooms),
        "footprint": view.footprint,
    }


def _wants_geojson() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", GEOJSON])
    return best == GEOJSON


@places_bp.get("/buildings/<code>")
@require_scope("read")
@places_bp.output(BuildingOut)
@places_bp.doc(security=SECURITY_SCHEME, responses={404: "No building has this code"})
def get_building(code: str) -> Response:
    """A building with its addresses (kind, source department), rooms, door plate, complex, units, footprint.

    Send ``Accept: application/geo+json`` for a GeoJSON Feature (footprint as geometry).
    """
    checked_code(code, "building")
    view = read(lambda conn: lookup.building_detail(conn, code))
    if view is None:
        abort(404, f"no building has code {code}")
    out = building_out(view)
    if _wants_geojson():
        feature = {"type": "Feature", "id": code, "geometry": out.pop("footprint"), "properties": out}
        return Response(json.dumps(feature, ensure_ascii=False), mimetype=GEOJSON)
    return json_ok(out)


@places_bp.get("/rooms/<code>")
@require_scope("read")
@places_bp.output(RoomOut)
@places_bp.doc(security=SECURITY_SCHEME, responses={404: "No room has this code"})
def get_room(code: str) -> Response:
    """A room with its addresses and the building it is in."""
    checked_code(code, "room")
    view = read(lambda conn: lookup.room_detail(conn, code))
    if view is None:
        abort(404, f"no room has code {code}")
    return json_ok(asdict(view))


def _to_cgcs2000(lon: float, lat: float, crs: str) -> tuple[float, float]:
    if crs == "GCJ-02":
        return gcj02_to_wgs84(lon, lat)
    if crs == "BD-09":
        return bd09_to_wgs84(lon, lat)
    return lon, lat  # EPSG:4490, and WGS84 which equals it to well under a metre


@places_bp.get("/reverse")
@require_scope("read")
@places_bp.input(ReverseQuery, location="query", arg_name="query")
@places_bp.output(ReverseOut)
@places_bp.doc(security=SECURITY_SCHEME, responses={404: "No building within the radius"})
def reverse(query: dict[str, Any]) -> Response:
    """The building containing the point, or the nearest within ``radius`` metres, with its units.

    ``crs``: EPSG:4490 (default), EPSG:4326 / WGS84, GCJ-02 (Amap, Tencent) or BD-09 (Baidu).
    """
    lon, lat = _to_cgcs2000(query["lon"], query["lat"], query["crs"])
    hit = read(lambda conn: lookup.reverse(conn, lon, lat, query["radius"]))
    if hit is None:
        abort(404, f"no building within {query['radius']} m of ({lon:.6f}, {lat:.6f}) EPSG:4490")
    out = asdict(hit)
    out["query_point"] = {"type": "Point", "coordinates": [lon, lat]}
    return json_ok(out)


def _bbox(raw: str) -> tuple[float, float, float, float]:
    try:
        values = [float(part) for part in raw.split(",")]
    except ValueError:
        abort(400, f"bbox {raw!r} must be four numbers: min lon,min lat,max lon,max lat")
    if len(values) != 4 or values[0] > values[2] or values[1] > values[3]:
        abort(400, f"bbox {raw!r} must be min lon,min lat,max lon,max lat with min ≤ max")
    if any(v != v or abs(v) > 180 for v in values):
        abort(400, f"bbox {raw!r} holds a value outside ±180")
    return values[0], values[1], values[2], values[3]


@places_bp.get("/buildings")
@require_scope("read")
@places_bp.input(BuildingListQuery, location="query", arg_name="query")
@places_bp.output(BuildingListOut)
@places_bp.doc(security=SECURITY_SCHEME)
def list_buildings(query: dict[str, Any]) -> Response:
    """Buildings in a bounding box (``bbox``) or a unit (``unit``), by code, a page at a time."""
    if ("bbox" in query) == ("unit" in query):
        abort(400, "give exactly one of bbox and unit")
    after, limit = query["after"], query["limit"]
    if "bbox" in query:
        bbox = _bbox(query["bbox"])
        found = read(lambda conn: lookup.buildings_in_bbox(conn, bbox, after, limit))
    else:
        unit = checked_code(query["unit"], None)
        if services().layout.level_of_length(len(unit)) not in UNIT_LEVELS:
            abort(400, f"unit {unit!r} is not a district, street, community or grid code")
        found = read(lambda conn: lookup.buildings_in_unit(conn, unit, after, limit))
    next_after = found[-1].code if len(found) == limit else None
    return json_ok({"buildings": [asdict(b) for b in found], "next": next_after})
