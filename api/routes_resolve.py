"""Resolving addresses (one, or a batch of up to 1,000) and autocomplete as the user types."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint, abort
from flask import Response

from addressreg.match.resolution import Resolution
from addressreg.normalise import normalise
from addressreg.store.lookup import suggest
from api.responses import json_ok
from api.schemas import (
    AutocompleteOut,
    AutocompleteQuery,
    ResolutionOut,
    ResolveBatchIn,
    ResolveBatchOut,
    ResolveQuery,
)
from api.security import SECURITY_SCHEME, require_scope
from api.services import BatchResolver, read, services

resolve_bp = APIBlueprint("resolve", __name__, url_prefix="/v1", tag="Resolve")


def resolution_out(resolution: Resolution) -> dict[str, Any]:
    """The API form of a resolution: the contract's dict plus a GeoJSON point."""
    out = resolution.to_dict()
    has_point = resolution.lon is not None and resolution.lat is not None
    out["geometry"] = (
        {"type": "Point", "coordinates": [resolution.lon, resolution.lat]} if has_point else None
    )
    return out


def current_resolver() -> BatchResolver:
    """The worker's resolver, or 503 saying why it is not available."""
    found = services()
    if found.resolver is None:
        abort(503, f"the resolver is not available: {found.resolver_error}")
    return found.resolver


@resolve_bp.get("/resolve")
@require_scope("resolve")
@resolve_bp.input(ResolveQuery, location="query", arg_name="query")
@resolve_bp.output(ResolutionOut)
@resolve_bp.doc(security=SECURITY_SCHEME)
def resolve_one(query: dict[str, Any]) -> Response:
    """Resolve one address: code, level, category, score, standard address, point, explanation."""
    return json_ok(resolution_out(current_resolver().resolve(query["q"])))


@resolve_bp.post("/resolve")
@require_scope("resolve")
@resolve_bp.input(ResolveBatchIn, arg_name="body")
@resolve_bp.output(ResolveBatchOut)
@resolve_bp.doc(security=SECURITY_SCHEME)
def resolve_batch(body: dict[str, Any]) -> Response:
    """Resolve a batch of up to 1,000 addresses, answered in the same order."""
    resolutions = current_resolver().resolve_batch(body["addresses"])
    return json_ok({"results": [resolution_out(r) for r in resolutions]})


@resolve_bp.get("/autocomplete")
@require_scope("read")
@resolve_bp.input(AutocompleteQuery, location="query", arg_name="query")
@resolve_bp.output(AutocompleteOut)
@resolve_bp.doc(security=SECURITY_SCHEME)
def autocomplete(query: dict[str, Any]) -> Response:
    """Suggestions from standard addresses and aliases; house numbers in numeric order."""
    found = services()
    normalised = normalise(query["q"], found.rules)
    if not normalised:
        return json_ok({"query": normalised, "suggestions": []})
    suggestions = read(lambda conn: suggest(conn, normalised, query["limit"]))
    return json_ok(
        {
            "query": normalised,
            "suggestions": [{"text": s.text, "code": s.code, "kind": s.kind} for s in suggestions],
        }
    )
