"""The look-ups' read engine (one round trip, survives a dropped connection) and the rate storage."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from limits.storage import storage_from_string
from sqlalchemy import Connection, Engine, event, text

from api.rate_storage import STORAGE_URI, LazyExpiryMemoryStorage
from api.reading import make_read_engine, run_read


@pytest.fixture()
def read_engine(api_registry_url: str) -> Iterator[Engine]:
    engine = make_read_engine(api_registry_url, pool_size=1)
    yield engine
    engine.dispose()


def _backend_pid(conn: Connection) -> int:
    pid: int = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    return pid


def _status_after_a_statement(conn: Connection) -> int:
    conn.execute(text("SELECT 1"))
    driver = conn.connection.dbapi_connection
    assert driver is not None
    status: int = driver.info.transaction_status
    return status


@pytest.mark.postgis
def test_a_look_up_sends_only_its_own_statement(read_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    statements: list[str] = []
    pings: list[object] = []
    event.listen(read_engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    def ping(*args: object) -> bool:
        pings.append(args)
        return True

    monkeypatch.setattr(read_engine.dialect, "do_ping", ping)
    first = run_read(read_engine, _backend_pid)
    second = run_read(read_engine, _backend_pid)
    assert first == second  # the pooled connection is reused
    assert statements == ["SELECT pg_backend_pid()"] * 2 and pings == []
    assert run_read(read_engine, _status_after_a_statement) == 0  # psycopg's IDLE: no BEGIN was sent


@pytest.mark.postgis
def test_a_connection_the_server_dropped_is_replaced_unseen(read_engine: Engine, api_engine: Engine) -> None:
    dropped = run_read(read_engine, _backend_pid)
    with api_engine.connect() as admin:
        assert admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": dropped}).scalar_one()
    time.sleep(0.2)  # let the server close it
    fresh = run_read(read_engine, _backend_pid)
    assert fresh != dropped


@pytest.mark.postgis
def test_other_errors_are_not_retried(read_engine: Engine) -> None:
    calls: list[int] = []

    def failing(conn: Connection) -> None:
        calls.append(1)
        conn.execute(text("SELECT 1 / 0"))

    with pytest.raises(Exception, match="division by zero"):
        run_read(read_engine, failing)
    assert len(calls) == 1


def test_the_worker_memory_scheme_counts_per_window_without_a_sweeping_thread() -> None:
    storage = storage_from_string(STORAGE_URI)
    assert isinstance(storage, LazyExpiryMemoryStorage)
    time.sleep(0.05)  # the one timer the base class starts at construction has run out
    counts = [storage.incr("key", expiry=0.3) for _ in range(3)]
    assert counts == [1, 2, 3]
    assert not any(isinstance(t, threading.Timer) and t.is_alive() for t in threading.enumerate())
    assert storage.get("key") == 3 and storage.get_expiry("key") > time.time()
    time.sleep(0.35)
    assert storage.get("key") == 0
    assert storage.incr("key", expiry=0.3) == 1  # a new window
