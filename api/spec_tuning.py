"""Finishing touches on the generated OpenAPI document, so it states every answer exactly.

Every error is ``application/problem+json``; every /v1 operation documents 400, 401,
403, 429 and 500; bodies add 413; operations that resolve add 503; the building look-up
also answers ``application/geo+json``.
"""

from __future__ import annotations

from typing import Any

PROBLEM = "application/problem+json"
_COMMON = {
    "400": "Malformed request (problem+json names the field)",
    "401": "Missing, unknown or revoked API key",
    "403": "The key lacks the scope, or belongs to another department",
    "429": "Rate limit of the key exceeded (see Retry-After)",
    "500": "Unexpected server error (no details are disclosed)",
}


def _problem_ref(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    if "Problem" not in schemas:
        schemas["Problem"] = {
            "type": "object",
            "required": ["type", "title", "status", "detail", "instance"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "errors": {"type": "object"},
            },
        }
    return {"$ref": "#/components/schemas/Problem"}


def _error_codes(path: str, method: str, operation: dict[str, Any]) -> dict[str, str]:
    codes = dict(_COMMON)
    if method in ("post", "put"):
        codes["413"] = "Request body over the size limit"
    if path.endswith("/resolve") or method == "put":
        codes["503"] = "The resolver is not available"
    if "{" in path:
        codes["404"] = "Not found"
    return codes


def tune_spec(spec: dict[Any, Any] | str) -> dict[Any, Any] | str:
    """Make every error response problem+json and document the codes APIFlask leaves out."""
    if isinstance(spec, str):  # only with SPEC_PROCESSOR_PASS_OBJECT, which the app does not set
        return spec
    ref = _problem_ref(spec)
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, description in _error_codes(path, method, operation).items():
                responses.setdefault(code, {"description": description})
            for code, response in responses.items():
                if not code.startswith("2"):
                    response["content"] = {PROBLEM: {"schema": ref}}
            if path == "/v1/buildings/{code}" and method == "get":
                ok = responses["200"]["content"]
                ok["application/geo+json"] = {"schema": {"type": "object", "description": "GeoJSON Feature"}}
    return spec
