"""Successful answers, serialised straight to JSON.

The ``@output`` schemas document every answer (and the contract test checks each answer
against them); serialising through them again on every request would only cost time.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response


def json_ok(payload: Any, status: int = 200) -> Response:
    """``payload`` as ``application/json`` (UTF-8, not ASCII-escaped)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status=status, mimetype="application/json")
