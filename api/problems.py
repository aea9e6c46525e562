"""RFC 9457 problem details: every error the API returns, and nothing else, in one shape.

All errors (``abort``, validation, werkzeug's own 404/405/413, rate limits, unexpected
exceptions) become ``application/problem+json`` with ``type``, ``title``, ``status``,
``detail`` and ``instance``; validation errors add ``errors`` (location → field →
messages). An unexpected exception is logged with its trace on the server and answered
with a bare 500: no trace ever reaches a client.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from apiflask import APIFlask, HTTPError
from flask import Response, json, request
from werkzeug.exceptions import HTTPException, InternalServerError

PROBLEM_JSON = "application/problem+json"
LOG = logging.getLogger("api")


def problem_response(
    status: int, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    """A problem+json response for ``status`` with a human ``detail``."""
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body = {
        "type": "about:blank",
        "title": phrase,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _from_http_error(error: HTTPError) -> Response:
    extra: dict[str, Any] = dict(error.extra_data)
    detail = error.message or "error"
    if isinstance(error.detail, dict) and error.detail:
        extra["errors"] = error.detail
        detail = "the request is not valid: see errors"
    elif isinstance(error.detail, str) and error.detail:
        detail = error.detail
    headers = {str(name): str(value) for name, value in dict(error.headers or {}).items()}
    return problem_response(error.status_code, str(detail), headers=headers, **extra)


def _from_werkzeug(error: HTTPException) -> Response:
    if isinstance(error, InternalServerError) or (error.code or 500) >= 500:
        original = getattr(error, "original_exception", None)
        if original is not None:
            LOG.error("unexpected error on %s %s", request.method, request.path, exc_info=original)
        return problem_response(error.code or 500, "the server could not complete the request")
    headers = {name: str(value) for name, value in error.get_headers()}
    return problem_response(error.code or 500, error.description or error.name, headers=headers)


def _from_exception(error: Exception) -> Response:
    LOG.error("unexpected error on %s %s", request.method, request.path, exc_info=error)
    return problem_response(500, "the server could not complete the request")


def install_problem_handlers(app: APIFlask) -> None:
    """Route every error of ``app`` to problem+json."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.error_processor(_from_http_error)
    app.register_error_handler(HTTPException, _from_werkzeug)
    app.register_error_handler(Exception, _from_exception)
