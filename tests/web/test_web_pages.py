"""The staff pages and their JSON endpoints through Flask's test client (real PostGIS)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.postgis
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""")


@pytest.fixture()
def client(web_app: Any) -> Any:
    return web_app.test_client()


def test_home_page_is_chinese_and_loads_nothing_from_elsewhere(client: Any) -> None:
    page = client.get("/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'lang="zh-CN"' in html and "地址查询" in html
    assert "/web/static/vendor/leaflet/leaflet.js" in html
    assert EXTERNAL.search(html) is None


def test_building_page_shows_code_addresses_rooms_and_units(
    client: Any, buildings: list[tuple[str, str]]
) -> None:
    code, standard = buildings[5]
    html = client.get(f"/building/{code}").get_data(as_text=True)
    assert standard in html and f'data-copy="{code}"' in html
    assert "全部地址" in html and "标准地址" in html and "单元" in html and "层" in html
    for level in ("区", "街道", "社区", "网格"):
        assert f"<dt>{level}</dt>" in html
    assert 'data-footprint="{' in html


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/building/44030500501", 400, "楼栋编码为 19 位数字"),
        ("/building/44030x0050120100001", 400, "只能由数字组成"),
        ("/building/4403999999999999999", 404, "没有编码为 4403999999999999999 的楼栋"),
    ],
)
def test_bad_and_unknown_codes_get_a_clear_page(client: Any, path: str, status: int, says: str) -> None:
    page = client.get(path)
    assert page.status_code == status and says in page.get_data(as_text=True)


def test_suggestions_carry_code_level_and_the_alias_that_matched(
    client: Any, buildings: list[tuple[str, str]]
) -> None:
    code, standard = buildings[3]
    body = client.get("/web/api/suggest", query_string={"q": standard[-8:]}).get_json()
    hit = next(s for s in body["suggestions"] if s["code"] == code)
    assert hit["standard_address"] == standard and hit["level"] == "building" and hit["level_title"] == "楼栋"
    assert hit["kind_title"] and hit["text"]
    assert len({s["code"] for s in body["suggestions"]}) == len(body["suggestions"])


def test_layers_give_units_when_zoomed_out_and_footprints_when_zoomed_in(
    client: Any, buildings: list[tuple[str, str]], web_engine: Any
) -> None:
    from sqlalchemy import text

    code = buildings[0][0]
    with web_engine.connect() as conn:
        point = text("SELECT ST_X(point), ST_Y(point) FROM building WHERE code = :c")
        lon, lat = conn.execute(point, {"c": code}).one()
    box = {"west": lon - 0.002, "south": lat - 0.002, "east": lon + 0.002, "north": lat + 0.002}
    near = client.get("/web/api/layers", query_string={**box, "zoom": 17}).get_json()
    far = client.get("/web/api/layers", query_string={**box, "zoom": 10}).get_json()
    drawn = {f["properties"]["code"] for f in near["features"] if f["properties"]["kind"] == "building"}
    assert code in drawn
    assert {f["properties"]["kind"] for f in far["features"]} == {"district"}


def test_reverse_finds_the_building_under_its_point(
    client: Any, buildings: list[tuple[str, str]], web_engine: Any
) -> None:
    from sqlalchemy import text

    code = buildings[2][0]
    with web_engine.connect() as conn:
        lon, lat = conn.execute(
            text(
                "SELECT ST_X(ST_PointOnSurface(footprint)), ST_Y(ST_PointOnSurface(footprint)) "
                "FROM building WHERE code = :c"
            ),
            {"c": code},
        ).one()
    hit = client.get("/web/api/reverse", query_string={"lon": lon, "lat": lat}).get_json()
    assert hit["building"]["code"] == code and hit["contains"] is True
    bad = client.get("/web/api/reverse", query_string={"lon": "east", "lat": lat})
    assert bad.status_code == 400 and "lon" in bad.get_json()["detail"]


def test_resolve_gives_category_and_level_titles(client: Any, buildings: list[tuple[str, str]]) -> None:
    code, standard = buildings[4]
    body = client.get("/web/api/resolve", query_string={"q": standard}).get_json()
    assert body["code"] == code and body["category_title"].startswith(body["category"])
    assert body["building_code"] == code and body["level_title"] == "楼栋"


def test_writes_need_json_and_a_staff_name(client: Any, buildings: list[tuple[str, str]]) -> None:
    code = buildings[6][0]
    form = client.post("/web/api/reports", data={"code": code, "reporter": "张三", "problem": "other"})
    nameless = client.post("/web/api/reports", json={"code": code, "reporter": " ", "problem": "other"})
    filed = client.post("/web/api/reports", json={"code": code, "reporter": "张三", "problem": "other"})
    assert form.status_code == 415
    assert nameless.status_code == 400 and "经办人" in nameless.get_json()["detail"]
    assert filed.status_code == 201 and filed.get_json()["item_id"] > 0
    missing = client.post("/web/api/review/999999/reject", json={"staff": "张三"})
    assert missing.status_code == 404 and "999999" in missing.get_json()["detail"]
