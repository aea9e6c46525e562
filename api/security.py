"""API keys, scopes and the per-key rate limit.

Every ``/v1`` request must carry a key (``X-API-Key: <token>`` or ``Authorization:
Bearer <token>``), else 401. Views name the scope they need with :func:`require_scope`
(403 without it); ``admin`` holds every scope; ``sync-write`` (and reading a
department's records) is limited to the key's own department. Verified keys are cached
per process for :data:`KEY_CACHE_SECONDS` (a revoked key stops working within that
time). The rate limit (flask-limiter, per key, in each worker's memory: see
:mod:`api.rate_storage`) answers 429 with ``Retry-After``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from apiflask import APIFlask, abort
from flask import g, request
from flask_limiter import Limiter

from addressreg.store.keys import ApiKeyInfo, hash_token, verify_token
from api.rate_storage import STORAGE_URI
from api.services import services

KEY_CACHE_SECONDS = 30.0
SECURITY_SCHEME = "ApiKey"
P = ParamSpec("P")
R = TypeVar("R")


class KeyCache:
    """Verified tokens (and refused ones) for a short while, keyed by the token's hash."""

    def __init__(self, ttl: float = KEY_CACHE_SECONDS) -> None:
        self._ttl = ttl
        self._entries: dict[str, tuple[float, ApiKeyInfo | None]] = {}
        self._lock = threading.Lock()

    def lookup(self, token: str) -> ApiKeyInfo | None:
        """The key of ``token`` (None if refused), from the cache or the database."""
        digest = hash_token(token)
        now = time.monotonic()
        with self._lock:
            cached = self._entries.get(digest)
        if cached is not None and cached[0] > now:
            return cached[1]
        with services().engine.connect() as conn:
            info = verify_token(conn, token)
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[digest] = (now + self._ttl, info)
        return info


def _token() -> str | None:
    header = request.headers.get("X-API-Key")
    if header:
        return header.strip()
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def current_key() -> ApiKeyInfo:
    """The verified key of this request (set before every /v1 view runs)."""
    key: ApiKeyInfo = g.api_key
    return key


def install_authentication(app: APIFlask, cache: KeyCache) -> None:
    """Check the key of every /v1 request before anything else runs (401 on failure)."""

    @app.before_request
    def authenticate() -> None:
        if not request.path.startswith("/v1/") or request.method == "OPTIONS":
            return
        token = _token()
        if token is None:
            abort(401, "an API key is required: send it as X-API-Key or Authorization: Bearer")
        info = cache.lookup(token)
        if info is None:
            abort(401, "the API key is unknown or revoked")
        g.api_key = info


def install_rate_limit(app: APIFlask, limit: str) -> Limiter:
    """A per-key limit (e.g. ``"6000 per minute"``) on authenticated requests; 429 + Retry-After."""
    limiter = Limiter(
        key_func=lambda: current_key().prefix,
        default_limits=[limit],
        storage_uri=STORAGE_URI,
        headers_enabled=True,
    )
    limiter.request_filter(lambda: "api_key" not in g)  # unauthenticated requests were refused already
    limiter.init_app(app)
    return limiter


def require_scope(scope: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """View decorator: 403 unless the request's key holds ``scope`` (or admin)."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:

        @wraps(view)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            if not current_key().allows(scope):
                abort(403, f"this API key lacks the {scope!r} scope")
            return view(*args, **kwargs)

        return checked

    return decorate


def require_own_department(department: str) -> None:
    """403 unless the key belongs to ``department`` or is an admin key."""
    key = current_key()
    if "admin" not in key.scopes and key.department_code != department:
        abort(403, f"this API key belongs to department {key.department_code!r}, not {department!r}")
