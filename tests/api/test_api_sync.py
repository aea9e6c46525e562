"""Department sync and the change feed on the real PostGIS, including 8 concurrent writers."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import pytest
from api_support import Keys, auth
from apiflask import APIFlask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

pytestmark = pytest.mark.postgis
WRITERS = 8
WRITES_EACH = 12


def _standard_text(engine: Engine, offset: int) -> str:
    with engine.connect() as conn:
        return str(
            conn.execute(
                text("SELECT text FROM address WHERE kind = 'standard' ORDER BY code OFFSET :o LIMIT 1"),
                {"o": offset},
            ).scalar_one()
        )


def _last_txid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT last_txid FROM change_counter")).scalar_one())


def test_put_is_idempotent_and_answers_the_resolution(
    client: FlaskClient, keys: Keys, api_engine: Engine
) -> None:
    address = _standard_text(api_engine, 3)
    first = client.put(
        "/v1/departments/police/records/p-1", json={"text": address}, headers=auth(keys.police)
    )
    assert first.status_code == 200
    body = first.get_json()
    assert body["created"] and body["changed"] and body["txid"] == _last_txid(api_engine)
    assert body["record"]["resolution"]["category"] == body["record"]["category"]
    again = client.put(
        "/v1/departments/police/records/p-1", json={"text": address}, headers=auth(keys.police)
    )
    assert again.get_json()["changed"] is False and again.get_json()["txid"] is None
    assert _last_txid(api_engine) == body["txid"]  # no new transaction for a repeat
    with api_engine.connect() as conn:
        audit = conn.execute(
            text("SELECT actor, action, detail FROM audit_log WHERE code = 'police/p-1' ORDER BY audit_id")
        ).all()
    prefix = keys.police.split(".")[0]
    assert [(a.actor, a.action, a.detail["changed"]) for a in audit] == [
        (f"apikey:{prefix}", "record.upsert", True),
        (f"apikey:{prefix}", "record.upsert", False),
    ]
    assert audit[0].detail["after"]["text"] == address and audit[0].detail["before"] is None


def test_delete_withdraws_and_the_listing_shows_changes_since(
    client: FlaskClient, keys: Keys, api_engine: Engine
) -> None:
    start = datetime.now().astimezone() - timedelta(seconds=1)
    address = _standard_text(api_engine, 5)
    client.put("/v1/departments/police/records/p-2", json={"text": address}, headers=auth(keys.police))
    gone = client.delete("/v1/departments/police/records/p-2", headers=auth(keys.police))
    assert gone.status_code == 200 and gone.get_json()["record"]["status"] == "withdrawn"
    assert (
        client.delete("/v1/departments/police/records/p-2", headers=auth(keys.police)).get_json()["changed"]
        is False
    )
    assert client.delete("/v1/departments/police/records/none", headers=auth(keys.police)).status_code == 404
    listing = client.get(
        "/v1/departments/police/records",
        query_string={"changed_since": start.isoformat()},
        headers=auth(keys.police),
    ).get_json()
    assert {r["record_id"]: r["status"] for r in listing["records"]}.get("p-2") == "withdrawn"
    naive = client.get(
        "/v1/departments/police/records?changed_since=2024-01-01T00:00:00", headers=auth(keys.police)
    )
    assert naive.status_code == 400
    assert (
        client.put(
            "/v1/departments/nobody/records/1", json={"text": "x"}, headers=auth(keys.admin)
        ).status_code
        == 404
    )


def _drain(
    client: FlaskClient, token: str, after: int, sink: list[tuple[int, int]], stop: threading.Event
) -> int:
    """Follow the feed from ``after`` until ``stop`` is set and nothing is left; collect (txid, event)."""
    after_event = None
    while True:
        # Whether the writers had finished before this page was asked for: only an empty page
        # asked for after that proves nothing is left (one asked for earlier may predate the
        # last commits).
        finished = stop.is_set()
        query: dict[str, int] = {"after": after, "limit": 7}
        if after_event is not None:
            query["after_event"] = after_event
        page = client.get("/v1/changes", query_string=query, headers=auth(token)).get_json()
        for transaction in page["transactions"]:
            sink += [(transaction["txid"], e["event_id"]) for e in transaction["events"]]
        moved = (page["next_after"], page["next_after_event"]) != (after, after_event)
        after, after_event = page["next_after"], page["next_after_event"]
        if not moved:
            if finished:
                return after
            time.sleep(0.005)


def test_eight_concurrent_writers_leave_every_event_once_in_commit_order(
    app: APIFlask, keys: Keys, api_engine: Engine
) -> None:
    start = _last_txid(api_engine)
    address = _standard_text(api_engine, 7)
    stop = threading.Event()
    seen: list[tuple[int, int]] = []
    reader = threading.Thread(target=lambda: _drain(app.test_client(), keys.reader, start, seen, stop))
    reader.start()

    def write(n: int) -> None:
        client = app.test_client()
        for i in range(WRITES_EACH):
            token, dept = (keys.police, "police") if n % 2 else (keys.planning, "planning")
            client.put(
                f"/v1/departments/{dept}/records/w{n}-{i}",
                json={"text": f"{address}{i}"},
                headers=auth(token),
            )
            with api_engine.begin() as conn:  # a slow writer: holds its txid while others queue
                conn.execute(text("SELECT set_config('addressreg.actor', 'slow-writer', true)"))
                conn.execute(
                    text(
                        "UPDATE department_record SET score = score "
                        "WHERE department_code = :d AND record_id = :r"
                    ),
                    {"d": dept, "r": f"w{n}-{i}"},
                )
                conn.execute(text("SELECT pg_sleep(0.01)"))

    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    stop.set()
    reader.join(timeout=60)
    with api_engine.connect() as conn:
        stored = [
            tuple(r)
            for r in conn.execute(
                text("SELECT txid, event_id FROM change_event WHERE txid > :s ORDER BY txid, event_id"),
                {"s": start},
            )
        ]
        txids = conn.execute(
            text("SELECT txid FROM change_transaction WHERE txid > :s ORDER BY txid"), {"s": start}
        )
        committed = [t for (t,) in txids]
    assert len(stored) >= WRITERS * WRITES_EACH * 2
    assert seen == stored  # every event exactly once, in txid (= commit) order
    assert committed == list(range(start + 1, start + 1 + len(committed)))
