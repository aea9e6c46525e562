"""The app factory: one APIFlask app per serving process (or one in the master, forked).

``create_app(settings)`` connects to the database, loads the standard's code layout and
normalisation rules and the resolver (at start-up, never at import: in each worker, or
once in gunicorn's master with ``--preload`` so the workers share it),
installs authentication, the per-key rate limit, problem+json errors and the offline
docs, and registers the /v1 blueprints. The OpenAPI document (``/openapi.json``) is
generated from the views' schemas; the docs UI is at ``/docs``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from apiflask import APIFlask
from sqlalchemy import Engine

from addressreg.config import Settings
from addressreg.standard import load_code_layout, load_standard
from addressreg.store.engine import make_engine
from api.docs_assets import install_offline_docs
from api.problems import install_problem_handlers
from api.reading import make_read_engine
from api.routes_places import places_bp
from api.routes_resolve import resolve_bp
from api.routes_sync import sync_bp
from api.routes_units import units_bp
from api.security import SECURITY_SCHEME, KeyCache, install_authentication, install_rate_limit
from api.services import EXTENSION, BatchResolver, Services
from api.spec_tuning import tune_spec
from api.web import web_bp

ResolverLoader = Callable[[Engine, Settings], BatchResolver]
LOG = logging.getLogger("api")

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 1024 * 1024,  # bodies over 1 MiB: 413
    "RATE_LIMIT": "6000 per minute",  # per key, per worker process
    "POOL_SIZE": 8,
    "VALIDATION_ERROR_STATUS_CODE": 400,
    "INFO": {"description": "深圳市统一地址库 API: resolve, look up, reverse-geocode and sync addresses."},
}


def load_store_resolver(engine: Engine, settings: Settings) -> BatchResolver:
    """The PostGIS-backed resolver of ``addressreg.store.resolver``."""
    from addressreg.store.resolver import load_resolver  # type: ignore[import-not-found,unused-ignore]

    resolver: BatchResolver = load_resolver(engine, settings.standard_dir)
    return resolver


def _resolver(
    engine: Engine, settings: Settings, loader: ResolverLoader
) -> tuple[BatchResolver | None, str | None]:
    try:
        return loader(engine, settings), None
    except Exception as exc:  # the API still serves look-ups; resolve answers 503 with the reason
        LOG.exception("resolver not loaded")
        return None, f"{type(exc).__name__}: {exc}"


def create_app(
    settings: Settings,
    *,
    resolver: BatchResolver | None = None,
    resolver_loader: ResolverLoader = load_store_resolver,
    config: Mapping[str, Any] | None = None,
) -> APIFlask:
    """Build the API app on ``settings``; ``resolver`` overrides the loaded one (tests)."""
    app = APIFlask("addressreg", title="addressreg API", version="1.0", docs_path="/docs")
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.security_schemes = {SECURITY_SCHEME: {"type": "apiKey", "in": "header", "name": "X-API-Key"}}
    engine = make_engine(settings.require_database_url(), pool_size=int(app.config["POOL_SIZE"]))
    standard = load_standard(settings.standard_dir)
    error = None
    if resolver is None:
        resolver, error = _resolver(engine, settings, resolver_loader)
    engine.dispose()  # no connection opened while loading may outlive a fork (gunicorn --preload)
    app.extensions[EXTENSION] = Services(
        engine=engine,
        reader=make_read_engine(settings.require_database_url(), pool_size=int(app.config["POOL_SIZE"])),
        layout=load_code_layout(settings.standard_dir),
        rules=standard.normalisation,
        resolver=resolver,
        resolver_error=error,
    )
    install_problem_handlers(app)
    install_authentication(app, KeyCache())
    install_rate_limit(app, str(app.config["RATE_LIMIT"]))
    install_offline_docs(app)
    for blueprint in (resolve_bp, places_bp, units_bp, sync_bp, web_bp):
        app.register_blueprint(blueprint)
    app.spec_processor(tune_spec)
    return app
