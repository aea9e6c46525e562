"""Look-ups on the real PostGIS: buildings, rooms, units, reverse geocoding, lists, autocomplete."""

from __future__ import annotations

import pytest
from api_support import Keys, auth
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from addressreg.geo import wgs84_to_bd09, wgs84_to_gcj02
from addressreg.store.lookup import natural_key

pytestmark = pytest.mark.postgis


@pytest.fixture(scope="module")
def building(api_engine: Engine) -> dict[str, object]:
    """A building with rooms, a door plate and a standard address, read straight from the tables."""
    with api_engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT b.code, ST_X(b.point) AS lon, ST_Y(b.point) AS lat, b.grid_code, "
                "(SELECT count(*) FROM room r WHERE r.building_code = b.code) AS rooms, "
                "(SELECT count(*) FROM address a WHERE a.code = b.code) AS addresses "
                "FROM building b WHERE b.door_plate_id IS NOT NULL AND EXISTS "
                "(SELECT 1 FROM room r WHERE r.building_code = b.code) ORDER BY b.code LIMIT 1"
            )
        ).one()
        room = conn.execute(
            text("SELECT code FROM room WHERE building_code = :b ORDER BY code LIMIT 1"), {"b": row.code}
        ).scalar_one()
    return {**row._asdict(), "room": room}


def test_a_building_comes_with_addresses_rooms_units_and_footprint(
    client: FlaskClient, keys: Keys, building: dict[str, object]
) -> None:
    answer = client.get(f"/v1/buildings/{building['code']}", headers=auth(keys.reader))
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["code"] == building["code"]
    assert len(body["rooms"]) == building["rooms"]
    assert len(body["addresses"]) == building["addresses"]
    assert {a["kind"] for a in body["addresses"]} >= {"standard"}
    assert [u["level"] for u in body["admin_units"]] == ["grid", "community", "street", "district"]
    assert body["admin_units"][0]["code"] == building["grid_code"]
    assert body["door_plate"]["road"] and body["footprint"]["type"] == "Polygon"


def test_a_building_as_geojson_is_a_feature(
    client: FlaskClient, keys: Keys, building: dict[str, object]
) -> None:
    headers = {**auth(keys.reader), "Accept": "application/geo+json"}
    answer = client.get(f"/v1/buildings/{building['code']}", headers=headers)
    assert answer.status_code == 200 and answer.mimetype == "application/geo+json"
    feature = answer.get_json(force=True)
    assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Polygon"
    assert feature["properties"]["code"] == building["code"]


@pytest.mark.parametrize(
    ("code", "status", "reason"),
    [
        ("123", 400, "3 digits"),
        ("44030300100104000x1", 400, "digits"),
        ("4403030010010400001000001", 400, "a building code has 19"),
        ("4503030010010400001", 400, "segment province"),
        ("4403039990010400001", 404, "no building"),
    ],
)
def test_malformed_codes_get_400_with_the_reason_and_unknown_ones_404(
    client: FlaskClient, keys: Keys, code: str, status: int, reason: str
) -> None:
    answer = client.get(f"/v1/buildings/{code}", headers=auth(keys.reader))
    assert answer.status_code == status
    assert answer.mimetype == "application/problem+json"
    assert reason in answer.get_json(force=True)["detail"]


def test_a_room_names_its_building(client: FlaskClient, keys: Keys, building: dict[str, object]) -> None:
    answer = client.get(f"/v1/rooms/{building['room']}", headers=auth(keys.reader))
    assert answer.status_code == 200
    assert answer.get_json()["building"]["code"] == building["code"]
    assert client.get(f"/v1/rooms/{building['code']}", headers=auth(keys.reader)).status_code == 400


@pytest.mark.parametrize("crs", ["EPSG:4490", "WGS84", "GCJ-02", "BD-09"])
def test_reverse_finds_the_building_at_its_own_point_in_every_crs(
    client: FlaskClient, keys: Keys, building: dict[str, object], crs: str
) -> None:
    lon, lat = float(building["lon"]), float(building["lat"])  # type: ignore[arg-type]
    if crs == "GCJ-02":
        lon, lat = wgs84_to_gcj02(lon, lat)
    elif crs == "BD-09":
        lon, lat = wgs84_to_bd09(lon, lat)
    answer = client.get(f"/v1/reverse?lon={lon}&lat={lat}&crs={crs}", headers=auth(keys.reader))
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["building"]["code"] == building["code"]
    assert body["contains"] is True and body["distance_m"] == 0
    assert [u["level"] for u in body["admin_units"]] == ["grid", "community", "street", "district"]


def test_reverse_far_from_everything_is_404(client: FlaskClient, keys: Keys) -> None:
    answer = client.get("/v1/reverse?lon=100.0&lat=30.0&radius=50", headers=auth(keys.reader))
    assert answer.status_code == 404 and "50.0 m" in answer.get_json(force=True)["detail"]


def test_units_tree_and_one_unit_with_polygon(client: FlaskClient, keys: Keys, api_engine: Engine) -> None:
    tree = client.get("/v1/units", headers=auth(keys.reader)).get_json()["units"]
    with api_engine.connect() as conn:
        districts = conn.execute(text("SELECT count(*) FROM admin_unit WHERE level = 'district'")).scalar()
    assert len(tree) == districts and all(d["level"] == "district" for d in tree)
    assert all(s["level"] == "street" for d in tree for s in d["children"])
    unit = client.get(f"/v1/units/{tree[0]['code']}", headers=auth(keys.reader)).get_json()
    assert unit["polygon"]["type"] == "MultiPolygon"
    assert {c["code"] for c in unit["children"]} == {s["code"] for s in tree[0]["children"]}
    assert client.get("/v1/units/4403039999", headers=auth(keys.reader)).status_code == 400
    assert client.get("/v1/units/440399", headers=auth(keys.reader)).status_code == 404


def test_buildings_of_a_unit_page_through_every_code_once(
    client: FlaskClient, keys: Keys, api_engine: Engine, building: dict[str, object]
) -> None:
    grid = str(building["grid_code"])
    community = grid[:12]
    with api_engine.connect() as conn:
        expected = (
            conn.execute(
                text("SELECT code FROM building WHERE code LIKE :p ORDER BY code"), {"p": community + "%"}
            )
            .scalars()
            .all()
        )
    seen: list[str] = []
    after = ""
    while True:
        page = client.get(f"/v1/buildings?unit={community}&limit=3&after={after}", headers=auth(keys.reader))
        body = page.get_json()
        seen += [b["code"] for b in body["buildings"]]
        if body["next"] is None:
            break
        after = body["next"]
    assert seen == expected


def test_buildings_in_a_bbox_include_the_building_there(
    client: FlaskClient, keys: Keys, building: dict[str, object]
) -> None:
    lon, lat = float(building["lon"]), float(building["lat"])  # type: ignore[arg-type]
    bbox = f"{lon - 0.001},{lat - 0.001},{lon + 0.001},{lat + 0.001}"
    body = client.get(f"/v1/buildings?bbox={bbox}&limit=1000", headers=auth(keys.reader)).get_json()
    assert building["code"] in [b["code"] for b in body["buildings"]]
    bad = client.get("/v1/buildings?bbox=1,2,3", headers=auth(keys.reader))
    assert bad.status_code == 400 and "bbox" in bad.get_json(force=True)["detail"]
    both = client.get(f"/v1/buildings?bbox={bbox}&unit=440303", headers=auth(keys.reader))
    assert both.status_code == 400 and "exactly one" in both.get_json(force=True)["detail"]


def test_autocomplete_puts_house_numbers_in_numeric_order(
    client: FlaskClient, keys: Keys, api_engine: Engine, building: dict[str, object]
) -> None:
    numbers = [22, 2, 101, 3, 10]
    with api_engine.begin() as conn:
        for n in numbers:
            conn.execute(
                text("INSERT INTO address (code, text, normalised, kind) VALUES (:c, :t, :t, 'colloquial')"),
                {"c": building["code"], "t": f"自动补全测试路{n}号"},
            )
    body = client.get("/v1/autocomplete?q=自动补全测试路&limit=10", headers=auth(keys.reader)).get_json()
    texts = [s["text"] for s in body["suggestions"]]
    assert texts == [f"自动补全测试路{n}号" for n in sorted(numbers)]
    short = client.get("/v1/autocomplete?q=自动&limit=3", headers=auth(keys.reader)).get_json()
    assert [s["text"] for s in short["suggestions"]] == texts[:3]
    assert natural_key("路2号") < natural_key("路22号")
