"""The staff page in a real browser (Debian's Chromium via Playwright), served on 127.0.0.1.

Every test records each request the page makes and checks that none leaves 127.0.0.1.
Set ``ADDRESSREG_SCREENSHOTS=docs/screenshots`` to save the main pages' screenshots there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from sqlalchemy import Engine, text

pytestmark = [pytest.mark.postgis, pytest.mark.slow]
LOCAL_HOSTS = {"127.0.0.1"}


def _screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("ADDRESSREG_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=name != "home")


@pytest.fixture()
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh page (1280×900, zh-CN) that records where each of its requests goes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened = context.new_page()
    opened.requests = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    yield opened
    context.close()
    hosts = {urlparse(url).hostname for url in opened.requests if not url.startswith("data:")}
    assert opened.requests and hosts <= LOCAL_HOSTS, f"requests left 127.0.0.1: {hosts - LOCAL_HOSTS}"


def _footprint_point(engine: Engine, code: str) -> tuple[float, float]:
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(footprint) p FROM building "
                "WHERE code = :c) x"
            ),
            {"c": code},
        ).one()
    return float(row[0]), float(row[1])


def test_type_choose_by_keyboard_open_building_map_shows_footprint(
    page: Any, live_server: str, buildings: list[tuple[str, str]]
) -> None:
    code, standard = buildings[8]
    page.goto(live_server + "/")
    page.locator("#q").press_sequentially(standard[-9:], delay=20)
    options = page.locator("#suggestions [role=option]")
    options.first.wait_for()
    codes = [options.nth(i).locator("code").inner_text() for i in range(options.count())]
    assert code in codes
    for _ in range(codes.index(code) + 1):
        page.keyboard.press("ArrowDown")
    assert page.locator("#q").get_attribute("aria-activedescendant") == f"sug-{codes.index(code)}"
    _screenshot(page, "home")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/building/{code}")
    assert page.locator("#standard-address").inner_text() == standard
    footprint = page.locator("#map path.footprint-selected")
    footprint.wait_for()
    box = footprint.bounding_box()
    assert box is not None and box["width"] > 5 and box["height"] > 5
    page.wait_for_function("document.querySelector('#map').dataset.baseFeatures > 0")
    assert page.locator("#map path.base-building").count() >= 1
    _screenshot(page, "building")


def test_escape_closes_suggestions_and_states_are_clear(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.locator("#q").fill("深圳")
    page.locator("#suggestions [role=option]").first.wait_for()
    page.keyboard.press("Escape")
    assert page.locator("#suggestions").is_hidden()
    page.locator("#q").fill("完全不存在的地名乙丙丁")
    page.wait_for_function("document.querySelector('#search-status').dataset.kind === 'empty'")
    assert "没有找到" in page.locator("#search-status").inner_text()
    page.locator("#q").fill("440305005")
    page.keyboard.press("Enter")
    assert "编码格式不正确" in page.locator("#search-status").inner_text()
    page.route("**/web/api/suggest*", lambda route: route.fulfill(status=500, body="{}"))
    page.locator("#q").fill("深圳湾")
    page.wait_for_function("document.querySelector('#search-status').textContent.includes('服务器出错')")
    assert page.locator("#search-status").inner_text().startswith("服务器出错（500）")


def test_a_click_on_the_map_is_a_reverse_look_up(
    page: Any, live_server: str, buildings: list[tuple[str, str]], web_engine: Engine
) -> None:
    code, standard = buildings[8]
    page.goto(f"{live_server}/building/{code}")
    page.locator("#map path.footprint-selected").wait_for()
    lon, lat = _footprint_point(web_engine, code)
    x, y = page.evaluate(
        "([lat, lon]) => { const p = document.querySelector('#map').registryMap"
        ".latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon],
    )
    with page.expect_response(lambda r: "/web/api/reverse" in r.url) as answer:
        page.locator("#map").click(position={"x": x, "y": y})
    assert answer.value.status == 200
    popup = page.locator(".reverse-popup")
    popup.wait_for()
    assert code in popup.inner_text() and standard in popup.inner_text()


def test_accept_a_review_item_in_the_browser(
    page: Any, live_server: str, buildings: list[tuple[str, str]], add_c_record: Callable[..., None],
    web_engine: Engine,
) -> None:  # fmt: skip
    best, runner_up = buildings[50][0], buildings[51][0]
    add_c_record("browser-accept", "浏览器审核测试地址", best, runner_up)
    page.goto(live_server + "/review")
    page.locator("#staff").fill("陈审核")
    page.locator("#staff").dispatch_event("change")
    item = page.locator(".review-item", has_text="浏览器审核测试地址")
    item.wait_for()
    _screenshot(page, "review")
    item.locator(f"input[type=radio][value='{runner_up}']").check()
    item.locator(".note").fill("现场核实")
    item.locator("button.accept").click()
    decided = page.locator(".review-item.status-accepted", has_text="浏览器审核测试地址")
    decided.wait_for()
    assert "陈审核" in decided.inner_text() and runner_up in decided.inner_text()
    assert "接受" in decided.locator(".audit").inner_text()
    with web_engine.connect() as conn:
        record = conn.execute(
            text("SELECT code, category FROM department_record WHERE record_id = 'browser-accept'")
        ).one()
        actors = conn.execute(
            text("SELECT actor FROM audit_log WHERE action = 'review.accept' AND code = :c"), {"c": runner_up}
        ).scalars().all()  # fmt: skip
    assert tuple(record) == (runner_up, "B") and "staff:陈审核" in actors


def test_report_an_error_from_a_building_page_lands_in_the_queue(
    page: Any, live_server: str, buildings: list[tuple[str, str]]
) -> None:
    code = buildings[9][0]
    page.goto(f"{live_server}/building/{code}")
    form = page.locator("#report-form")
    form.locator("select[name=problem]").select_option("missing_address")
    form.locator("input[name=suggested_text]").fill("报告测试别名大厦")
    form.locator("input[name=reporter]").fill("刘网格员")
    form.locator("button[type=submit]").click()
    page.wait_for_function("document.querySelector('#report-status').dataset.kind === 'ok'")
    assert "已提交" in page.locator("#report-status").inner_text()
    page.goto(live_server + "/review")
    item = page.locator(".review-item", has_text="报告测试别名大厦")
    item.wait_for()
    assert "错误报告" in item.inner_text() and "刘网格员" in item.locator(".audit").inner_text()
