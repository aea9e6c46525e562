"""The interactive docs served with no internet: Swagger UI from the ``swagger-ui-bundle`` package.

APIFlask's docs page points at a CDN by default; here its asset URLs are set to
``/docs/assets/…``, served from the files the pip package installed.
"""

from __future__ import annotations

from apiflask import APIFlask
from flask import Blueprint, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

ASSETS_PREFIX = "/docs/assets"


def install_offline_docs(app: APIFlask) -> None:
    """Serve Swagger UI's files locally and point the docs page at them."""
    app.config.update(
        SWAGGER_UI_CSS=f"{ASSETS_PREFIX}/swagger-ui.css",
        SWAGGER_UI_BUNDLE_JS=f"{ASSETS_PREFIX}/swagger-ui-bundle.js",
        SWAGGER_UI_STANDALONE_PRESET_JS=f"{ASSETS_PREFIX}/swagger-ui-standalone-preset.js",
        DOCS_FAVICON=f"{ASSETS_PREFIX}/favicon-32x32.png",
    )
    assets = Blueprint("docs_assets", __name__)

    @assets.get(f"{ASSETS_PREFIX}/<path:filename>")
    def docs_asset(filename: str) -> Response:
        return send_from_directory(str(swagger_ui_path), filename, max_age=86400)

    app.register_blueprint(assets)
