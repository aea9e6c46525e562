"""The administrative units: the tree, and one unit with its polygon."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from apiflask import APIBlueprint, abort
from flask import Response

from addressreg.store import lookup
from api.responses import json_ok
from api.routes_places import UNIT_LEVELS, checked_code
from api.schemas import UnitOut, UnitTreeOut, UnitTreeQuery
from api.security import SECURITY_SCHEME, require_scope
from api.services import read, services

units_bp = APIBlueprint("units", __name__, url_prefix="/v1", tag="Units")


def nest(rows: list[tuple[lookup.UnitRef, str | None]]) -> list[dict[str, Any]]:
    """Nest units (parents listed before children) into a tree of dicts."""
    nodes: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for unit, parent in rows:
        node = {**asdict(unit), "children": []}
        nodes[unit.code] = node
        (nodes[parent]["children"] if parent in nodes else roots).append(node)
    return roots


@units_bp.get("/units")
@require_scope("read")
@units_bp.input(UnitTreeQuery, location="query", arg_name="query")
@units_bp.output(UnitTreeOut)
@units_bp.doc(security=SECURITY_SCHEME)
def unit_tree(query: dict[str, Any]) -> Response:
    """The tree of districts, streets and communities (down to grids with ``depth=grid``)."""
    levels = UNIT_LEVELS[: UNIT_LEVELS.index(query["depth"]) + 1]
    rows = read(lambda conn: lookup.unit_tree_rows(conn, levels))
    return json_ok({"units": nest(rows)})


@units_bp.get("/units/<code>")
@require_scope("read")
@units_bp.output(UnitOut)
@units_bp.doc(security=SECURITY_SCHEME, responses={404: "No unit has this code"})
def get_unit(code: str) -> Response:
    """A district, street, community or grid with its polygon, parent and children."""
    checked_code(code, None)
    if services().layout.level_of_length(len(code)) not in UNIT_LEVELS:
        abort(400, f"code {code!r} is not a district (6), street (9), community (12) or grid (14) code")
    view = read(lambda conn: lookup.unit_detail(conn, code))
    if view is None:
        abort(404, f"no unit has code {code}")
    out = asdict(view)
    out.update(out.pop("unit"))
    return json_ok(out)
