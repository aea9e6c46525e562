"""The staff page's HTML pages: search (``/``), a building (``/building/<code>``), the review queue.

Pages are rendered on the server from the store's views; the scripts in ``static/`` add
autocomplete, the map, copying, error reports and review decisions. Errors on a page
(malformed code, unknown building, server error) are answered with a Chinese page that
says what went wrong, with the right status.
"""

from __future__ import annotations

import json
import logging

from flask import Blueprint, Response, make_response, render_template
from sqlalchemy import text
from werkzeug.exceptions import HTTPException, InternalServerError

from addressreg.standard import InvalidCode
from addressreg.store import lookup
from addressreg.store.review import REPORT_PROBLEMS
from api.services import services
from api.web.building_page import address_groups, code_segments, rooms_by_unit
from api.web.labels import LEVEL_TITLES
from api.web.map_layers import registry_extent

pages_bp = Blueprint(
    "pages", __name__, template_folder="templates", static_folder="static", static_url_path="/web/static"
)
LOG = logging.getLogger("api")
BUILDING_LENGTH = 19
ROOM_LENGTH = 25


class PageError(Exception):
    """A page that cannot be shown, with its status and what to tell the reader."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


@pages_bp.get("/")
def home() -> str:
    """The search page, with a map of the whole registry."""
    with services().engine.connect() as conn:
        extent = registry_extent(conn)
    return render_template("web/index.html", extent=json.dumps(extent))


@pages_bp.get("/building/<code>")
def building(code: str) -> str:
    """A building: standard address, code, all its addresses, rooms, units and map."""
    room = code if len(code) == ROOM_LENGTH and code.isdigit() else None
    building_code = code[:BUILDING_LENGTH] if room else code
    _check_building_code(building_code)
    with services().engine.connect() as conn:
        view = lookup.building_detail(conn, building_code)
        departments: dict[str, str] = dict(
            (code, name) for code, name in conn.execute(text("SELECT code, name FROM department"))
        )
    if view is None:
        raise PageError(404, "没有这个楼栋", f"地址库中没有编码为 {building_code} 的楼栋。")
    return render_template(
        "web/building.html",
        view=view,
        room=room,
        segments=code_segments(services().layout, building_code),
        groups=address_groups(view.addresses, departments),
        units=rooms_by_unit(view.rooms),
        level_titles=LEVEL_TITLES,
        problems=REPORT_PROBLEMS,
        footprint=json.dumps(view.footprint),
    )


@pages_bp.get("/review")
def review_queue() -> str:
    """The review queue (filled by the page's script from ``/web/api/review``)."""
    return render_template("web/review.html")


def _check_building_code(code: str) -> None:
    if not code.isascii() or not code.isdigit():
        raise PageError(400, "编码格式不正确", f"编码只能由数字组成，而 {code!r} 含有其他字符。")
    if len(code) != BUILDING_LENGTH:
        raise PageError(
            400,
            "编码格式不正确",
            f"楼栋编码为 {BUILDING_LENGTH} 位数字（房屋编码 {ROOM_LENGTH} 位），"
            f"而 {code} 有 {len(code)} 位。",
        )
    try:
        services().layout.validate(code, level="building")
    except InvalidCode as exc:
        raise PageError(400, "编码格式不正确", f"编码 {code} 不符合地址编码规范（{exc}）。") from None


def _error_page(status: int, title: str, detail: str) -> Response:
    return make_response(render_template("web/error.html", status=status, title=title, detail=detail), status)


@pages_bp.errorhandler(PageError)
def page_error(error: PageError) -> Response:
    """A page that cannot be shown: say why."""
    return _error_page(error.status, error.title, error.detail)


@pages_bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> Response:
    """Werkzeug's errors (404 of a page, 405, …) as a Chinese page."""
    if isinstance(error, InternalServerError):
        return server_error(error)
    status = error.code or 500
    return _error_page(status, "无法显示此页", error.description or error.name)


@pages_bp.errorhandler(Exception)
def server_error(error: Exception) -> Response:
    """Anything unexpected: logged with its trace; the reader sees a plain apology, no trace."""
    LOG.error("unexpected error on a staff page", exc_info=error)
    return _error_page(500, "服务器出错", "服务器处理请求时出错，请稍后重试；如持续出现，请联系系统管理员。")
