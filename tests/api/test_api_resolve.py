"""Resolve one address or a batch through the API, with the real resolver on the real PostGIS."""

from __future__ import annotations

import pytest
from api_support import Keys, auth
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from api.services import BatchResolver

pytestmark = pytest.mark.postgis


@pytest.fixture(scope="module")
def standard_address(api_engine: Engine) -> tuple[str, str]:
    with api_engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT code, text FROM address WHERE kind = 'standard' AND length(code) = 19 "
                "ORDER BY code LIMIT 1"
            )
        ).one()
    return row.code, row.text


def test_resolve_answers_what_the_resolver_decides(
    client: FlaskClient, keys: Keys, resolver: BatchResolver, standard_address: tuple[str, str]
) -> None:
    code, address = standard_address
    answer = client.get("/v1/resolve", query_string={"q": address}, headers=auth(keys.police))
    assert answer.status_code == 200
    body = answer.get_json()
    expected = resolver.resolve(address)
    assert body["code"] == expected.code == code
    assert body["category"] == expected.category.value and body["level"] == expected.level.value
    assert body["geometry"] == {"type": "Point", "coordinates": [expected.lon, expected.lat]}
    assert set(body) >= {"score", "standard_address", "explanation", "runner_up"}


def test_batch_resolve_keeps_the_order(
    client: FlaskClient, keys: Keys, resolver: BatchResolver, standard_address: tuple[str, str]
) -> None:
    texts = [standard_address[1], "完全无关的文字", standard_address[1][:10]]
    answer = client.post("/v1/resolve", json={"addresses": texts}, headers=auth(keys.police))
    assert answer.status_code == 200
    results = answer.get_json()["results"]
    assert [r["text"] for r in results] == texts
    assert [r["code"] for r in results] == [r.code for r in resolver.resolve_batch(texts)]


def test_a_batch_over_1000_is_400_and_a_body_over_the_limit_413(client: FlaskClient, keys: Keys) -> None:
    too_many = client.post("/v1/resolve", json={"addresses": ["深圳"] * 1001}, headers=auth(keys.police))
    assert too_many.status_code == 400 and too_many.mimetype == "application/problem+json"
    assert "addresses" in too_many.get_json(force=True)["errors"]["json"]
    huge = client.post("/v1/resolve", json={"addresses": ["深" * 400] * 1000}, headers=auth(keys.police))
    assert huge.status_code == 413 and huge.mimetype == "application/problem+json"


def test_bad_parameters_are_400_problems_naming_the_field(client: FlaskClient, keys: Keys) -> None:
    answer = client.get("/v1/resolve", headers=auth(keys.police))
    assert answer.status_code == 400
    assert "q" in answer.get_json(force=True)["errors"]["query"]
    limit = client.get("/v1/autocomplete?q=深圳&limit=0", headers=auth(keys.police))
    assert limit.status_code == 400 and "limit" in limit.get_json(force=True)["errors"]["query"]
