"""Autocomplete ranking: natural order of house numbers, one suggestion per text under its best kind."""

from __future__ import annotations

import pytest
from api_support import Keys, auth
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from addressreg.store.lookup import natural_key

_WORDS = st.text(alphabet="宝安路号栋A-", max_size=4)


@given(prefix=_WORDS, suffix=_WORDS, a=st.integers(0, 10**6), b=st.integers(0, 10**6))
def test_house_numbers_sort_by_value_whatever_surrounds_them(
    prefix: str, suffix: str, a: int, b: int
) -> None:
    first, second = natural_key(f"{prefix}{a}{suffix}"), natural_key(f"{prefix}{b}{suffix}")
    assert (first < second) == (a < b) and (first == second) == (a == b)


def test_digit_runs_sort_before_text_and_shorter_before_longer() -> None:
    assert natural_key("路2号") < natural_key("路22号") < natural_key("路A栋")
    assert natural_key("路2") < natural_key("路2号")
    assert natural_key("") == ()


@pytest.mark.postgis
def test_a_text_held_under_several_kinds_is_offered_once_under_its_best(
    client: FlaskClient, keys: Keys, api_engine: Engine
) -> None:
    with api_engine.begin() as conn:
        codes = conn.execute(text("SELECT code FROM building ORDER BY code LIMIT 2")).scalars().all()
        for code, kind in zip(codes, ("historic", "colloquial"), strict=True):
            conn.execute(
                text("INSERT INTO address (code, text, normalised, kind) VALUES (:c, :t, :t, :k)"),
                {"c": code, "t": "排序测试巷1号", "k": kind},
            )
    body = client.get("/v1/autocomplete?q=排序测试巷&limit=5", headers=auth(keys.reader)).get_json()
    assert [(s["text"], s["code"], s["kind"]) for s in body["suggestions"]] == [
        ("排序测试巷1号", codes[1], "colloquial")
    ]
