"""The staff web page (Chinese, works with no internet): search, building pages, map, review queue.

Served by the API's app at ``/``: HTML pages (``/``, ``/building/<code>``, ``/review``)
and the page's own same-origin JSON endpoints under ``/web/api/…``. Those call the store
directly with the app's services, without an API key: the page is for staff on the
internal network, read-mostly, and every write it makes (error reports, review
decisions) carries the staff member's name into the audit log. Leaflet is installed
from npm at build time into ``static/vendor/leaflet`` (``web/``, ``npm ci && npm run
build``); no request ever leaves the server.
"""

from __future__ import annotations

from flask import Blueprint

from api.web.data_routes import data_bp
from api.web.pages import pages_bp

web_bp = Blueprint("web", __name__)
web_bp.register_blueprint(pages_bp)
web_bp.register_blueprint(data_bp)
