"""Keys, scopes, the per-key rate limit, and errors that never leak a stack trace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from api_support import Keys, auth
from apiflask import APIFlask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from addressreg.config import Settings
from addressreg.match.resolution import Resolution
from addressreg.store.keys import KeyRequestError, create_key, list_keys, revoke_key
from api.app import create_app
from api.services import BatchResolver

pytestmark = pytest.mark.postgis


def test_no_key_or_a_wrong_key_is_401(client: FlaskClient, keys: Keys) -> None:
    for headers in ({}, auth("ak0000000000.nope"), auth("garbage"), {"Authorization": "Bearer x.y"}):
        answer = client.get("/v1/units", headers=headers)
        assert answer.status_code == 401 and answer.mimetype == "application/problem+json"
    assert client.get("/v1/units", headers={"Authorization": f"Bearer {keys.reader}"}).status_code == 200


def test_a_key_without_the_scope_is_403(client: FlaskClient, keys: Keys) -> None:
    answer = client.get("/v1/resolve?q=深圳", headers=auth(keys.reader))
    assert answer.status_code == 403 and "resolve" in answer.get_json(force=True)["detail"]
    write = client.put("/v1/departments/police/records/x", json={"text": "深圳"}, headers=auth(keys.reader))
    assert write.status_code == 403


def test_sync_write_is_limited_to_the_keys_own_department(client: FlaskClient, keys: Keys) -> None:
    other = client.put("/v1/departments/police/records/x", json={"text": "深圳"}, headers=auth(keys.planning))
    assert other.status_code == 403 and "planning" in other.get_json(force=True)["detail"]
    listing = client.get("/v1/departments/police/records", headers=auth(keys.planning))
    assert listing.status_code == 403
    assert client.get("/v1/departments/police/records", headers=auth(keys.admin)).status_code == 200


def test_keys_are_stored_hashed_and_a_revoked_key_stops_working(
    api_engine: Engine, api_settings: Settings, resolver: BatchResolver
) -> None:
    issued = create_key(api_engine, "police", ["read"], label="to revoke")
    with api_engine.connect() as conn:
        stored = conn.execute(
            text("SELECT secret_hash FROM api_key WHERE prefix = :p"), {"p": issued.info.prefix}
        )
        digest = stored.scalar_one()
    assert issued.token.split(".")[1] not in digest and len(digest) == 64
    fresh = create_app(api_settings, resolver=resolver).test_client()
    assert fresh.get("/v1/units", headers=auth(issued.token)).status_code == 200
    revoke_key(api_engine, issued.info.prefix)
    assert any(k.prefix == issued.info.prefix and k.revoked_at for k in list_keys(api_engine))
    after = create_app(api_settings, resolver=resolver).test_client()
    assert after.get("/v1/units", headers=auth(issued.token)).status_code == 401
    with pytest.raises(KeyRequestError, match="unknown scope"):
        create_key(api_engine, "police", ["everything"])


def test_the_rate_limit_answers_429_with_retry_after(
    api_settings: Settings, resolver: BatchResolver, keys: Keys
) -> None:
    limited = create_app(api_settings, resolver=resolver, config={"RATE_LIMIT": "3 per minute"}).test_client()
    statuses = [
        limited.get("/v1/units?depth=district", headers=auth(keys.reader)).status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    answer = limited.get("/v1/units?depth=district", headers=auth(keys.reader))
    assert answer.mimetype == "application/problem+json"
    assert int(answer.headers["Retry-After"]) > 0
    assert limited.get("/v1/units?depth=district", headers=auth(keys.admin)).status_code == 200  # per key


class _BrokenResolver:
    def resolve(self, text: str) -> Resolution:
        raise RuntimeError("secret internals /etc/passwd")

    def resolve_batch(self, texts: Iterable[str]) -> Iterator[Resolution]:
        raise RuntimeError("secret internals /etc/passwd")


def test_an_unexpected_error_is_a_bare_500_problem(api_settings: Settings, keys: Keys) -> None:
    app: APIFlask = create_app(api_settings, resolver=_BrokenResolver())
    answer = app.test_client().get("/v1/resolve?q=深圳", headers=auth(keys.police))
    assert answer.status_code == 500 and answer.mimetype == "application/problem+json"
    body = answer.get_data(as_text=True)
    assert "secret" not in body and "Traceback" not in body and "RuntimeError" not in body


def test_a_resolver_that_failed_to_load_gives_503(api_settings: Settings, keys: Keys) -> None:
    def fail(*_: object) -> BatchResolver:
        raise OSError("index missing")

    app = create_app(api_settings, resolver_loader=fail)
    answer = app.test_client().get("/v1/resolve?q=深圳", headers=auth(keys.police))
    assert answer.status_code == 503 and "index missing" in answer.get_json(force=True)["detail"]
    assert app.test_client().get("/v1/units?depth=district", headers=auth(keys.police)).status_code == 200
