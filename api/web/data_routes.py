"""The staff page's own JSON endpoints (``/web/api/…``): same origin, no API key, writes audited.

Errors are problem+json like the API's (the app's handlers), with a ``detail`` in Chinese
that the page shows as it is.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, request
from sqlalchemy import text
from werkzeug.exceptions import abort

from addressreg.normalise import normalise
from addressreg.store import lookup, review
from addressreg.store.review_schema import STATUSES
from api.responses import json_ok
from api.routes_resolve import resolution_out
from api.services import services
from api.web.labels import CATEGORY_TITLES, KIND_TITLES, LEVEL_TITLES
from api.web.map_layers import View, base_layer

data_bp = Blueprint("data", __name__, url_prefix="/web/api")
SUGGESTION_LIMIT = 10
REVERSE_RADIUS_M = 30.0
BUILDING_LENGTH = 19


@data_bp.get("/suggest")
def suggest() -> Response:
    """Addresses (standard and aliases) containing the typed text, each with its code's standard address."""
    found = services()
    normalised = normalise(request.args.get("q", ""), found.rules)
    if not normalised:
        return json_ok({"query": normalised, "suggestions": []})
    with found.engine.connect() as conn:
        hits = _one_per_code(lookup.suggest(conn, normalised, SUGGESTION_LIMIT * 3))[:SUGGESTION_LIMIT]
        standard = _standard_addresses(conn, {h.code for h in hits})
    suggestions = [
        {
            "text": h.text,
            "code": h.code,
            "kind": h.kind,
            "kind_title": KIND_TITLES.get(h.kind, h.kind),
            "level": _level_of(h.code),
            "level_title": LEVEL_TITLES.get(_level_of(h.code), ""),
            "standard_address": standard.get(h.code),
            "building_code": h.code[:BUILDING_LENGTH],
        }
        for h in hits
    ]
    return json_ok({"query": normalised, "suggestions": suggestions})


@data_bp.get("/resolve")
def resolve() -> Response:
    """Resolve free text: category, level, code, standard address, explanation, building link."""
    found = services()
    if found.resolver is None:
        abort(503, f"地址匹配服务暂不可用：{found.resolver_error}")
    query = request.args.get("q", "").strip()
    if not query:
        abort(400, "请输入要查询的地址")
    out = resolution_out(found.resolver.resolve(query))
    code = out["code"] or ""
    out["building_code"] = code[:BUILDING_LENGTH] if len(code) >= BUILDING_LENGTH else None
    out["category_title"] = CATEGORY_TITLES.get(out["category"], out["category"])
    out["level_title"] = LEVEL_TITLES.get(out["level"], out["level"])
    return json_ok(out)


@data_bp.get("/reverse")
def reverse() -> Response:
    """The building at (or within a few metres of) a clicked point (EPSG:4490 lon, lat)."""
    lon, lat = _number("lon", -180, 180), _number("lat", -90, 90)
    with services().engine.connect() as conn:
        hit = lookup.reverse(conn, lon, lat, REVERSE_RADIUS_M)
    if hit is None:
        abort(404, f"该位置 {REVERSE_RADIUS_M:.0f} 米内没有楼栋")
    return json_ok(asdict(hit))


@data_bp.get("/layers")
def layers() -> Response:
    """The base layer (unit boundaries, and footprints when zoomed in) of a map view, as GeoJSON."""
    view = View(
        _number("west", -180, 180),
        _number("south", -90, 90),
        _number("east", -180, 180),
        _number("north", -90, 90),
        int(_number("zoom", 0, 24)),
    )
    with services().engine.connect() as conn:
        collection = base_layer(conn, view)
    return json_ok(collection)


@data_bp.post("/reports")
def report() -> Response:
    """File an error report about a building; it lands in the review queue."""
    body = _json_body()
    with services().engine.begin() as conn:
        item_id = _reviewing(
            lambda: review.report_error(
                conn,
                _field(body, "code"),
                _field(body, "reporter"),
                _field(body, "problem"),
                _field(body, "suggested_text"),
                _field(body, "note"),
            )
        )
    return json_ok({"item_id": item_id}, status=201)


@data_bp.get("/review")
def review_items() -> Response:
    """Items of the queue by ``status`` (open by default), after collecting new load records."""
    status = request.args.get("status", "open")
    if status not in STATUSES:
        abort(400, f"status 应为 {'、'.join(STATUSES)} 之一")
    with services().engine.begin() as conn:
        review.collect_department_records(conn)
        items = review.list_items(conn, status, 200)
        counts = review.count_items(conn)
    return json_ok({"counts": counts, "items": [asdict(i) for i in items]})


@data_bp.post("/review/<int:item_id>/accept")
def accept(item_id: int) -> Response:
    """Accept an item as naming ``code``: link the record, learn the address, audit."""
    body = _json_body()
    found = services()
    with found.engine.begin() as conn:
        learned = _reviewing(
            lambda: review.accept(
                conn, item_id, _field(body, "code"), _field(body, "staff"), found.rules, _field(body, "note")
            )
        )
        item = review.get_item(conn, item_id)
    return json_ok({"learned": learned, "item": asdict(item) if item else None})


@data_bp.post("/review/<int:item_id>/reject")
def reject(item_id: int) -> Response:
    """Reject an item (nothing linked or learned), audited."""
    body = _json_body()
    with services().engine.begin() as conn:
        _reviewing(lambda: review.reject(conn, item_id, _field(body, "staff"), _field(body, "note")))
        item = review.get_item(conn, item_id)
    return json_ok({"item": asdict(item) if item else None})


def _reviewing(action: Any) -> Any:
    """Run a review action, turning its refusals into 404 / 409 / 400 with the reason."""
    try:
        return action()
    except review.ItemNotFound as exc:
        abort(404, str(exc))
    except review.AlreadyDecided as exc:
        abort(409, str(exc))
    except review.ReviewError as exc:
        abort(400, str(exc))


def _one_per_code(hits: list[lookup.Suggestion]) -> list[lookup.Suggestion]:
    """The best-ranked suggestion of each code (its standard address and alias often both match)."""
    best: dict[str, lookup.Suggestion] = {}
    for hit in hits:
        best.setdefault(hit.code, hit)
    return list(best.values())


def _standard_addresses(conn: Any, codes: set[str]) -> dict[str, str]:
    rows = conn.execute(
        text(
            "SELECT DISTINCT ON (code) code, text FROM address WHERE code = ANY(:c) AND kind = 'standard' "
            "AND valid_to IS NULL ORDER BY code, address_id"
        ),
        {"c": sorted(codes)},
    )
    return {code: address for code, address in rows}


def _level_of(code: str) -> str:
    return services().layout.level_of_length(len(code)) or "none"


def _number(name: str, low: float, high: float) -> float:
    raw = request.args.get(name, "")
    try:
        value = float(raw)
    except ValueError:
        abort(400, f"参数 {name} 应为数字，实为 {raw!r}")
    if not low <= value <= high:
        abort(400, f"参数 {name} 应在 {low} 与 {high} 之间，实为 {value}")
    return value


def _json_body() -> dict[str, Any]:
    """The request's JSON object; only JSON is accepted, which also keeps cross-site forms out."""
    body = request.get_json(silent=True) if request.is_json else None
    if not isinstance(body, dict):
        abort(415 if not request.is_json else 400, "请求体应为 JSON 对象（Content-Type: application/json）")
    return body


def _field(body: dict[str, Any], name: str) -> str:
    value = body.get(name, "")
    if not isinstance(value, str):
        abort(400, f"字段 {name} 应为文字")
    return value
