"""The change feed: committed transactions and their events, in txid order, gap-free.

txids are consecutive and taken in commit order (see :mod:`addressreg.store.changelog`),
but a reader must still never serve past a transaction it cannot see yet: if it served
T+1 while T was invisible, a client resuming from T+1 would never get T. Each page is
therefore read in one REPEATABLE READ snapshot and stops at the *horizon*: the largest
T such that every txid in (after, T] has its ``change_transaction`` row visible (those
rows are written by the same transaction as the events). Nothing beyond a gap is
served, so a client that resumes from the last txid it got misses nothing and gets
nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, text

#: How many transactions one page looks ahead to find the horizon.
LOOKAHEAD = 10_000


@dataclass(frozen=True)
class ChangeEventView:
    """One inserted, updated or deleted row."""

    event_id: int
    action: str
    entity: str
    code: str


@dataclass(frozen=True)
class TransactionChanges:
    """One committed transaction and the events of it that this page holds."""

    txid: int
    actor: str
    started_at: datetime
    events: tuple[ChangeEventView, ...]
    complete: bool  # False when the page ends inside this transaction


@dataclass(frozen=True)
class ChangePage:
    """One page of the feed, and where the next starts.

    ``current_txid`` is the horizon: a snapshot taken now holds exactly the txids up to it.
    The next page starts after (``next_after``, ``next_after_event``); ``next_after_event`` is
    set only when the page ended inside a transaction.
    """

    transactions: tuple[TransactionChanges, ...]
    current_txid: int
    next_after: int
    next_after_event: int | None


def read_changes(engine: Engine, after: int, limit: int, after_event: int | None = None) -> ChangePage:
    """Up to ``limit`` events after txid ``after`` (and event ``after_event`` of txid ``after + 1``)."""
    with engine.connect() as conn:
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        horizon, actors = _horizon(conn, after)
        rows = _events(conn, after, after_event, horizon, limit)
        conn.rollback()
    return _page(rows, actors, after, after_event, horizon, limit)


def current_txid(engine: Engine) -> int:
    """The horizon now: every txid up to it is committed and visible."""
    with engine.connect() as conn:
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        horizon, _ = _horizon(conn, _last_served_floor(conn))
        conn.rollback()
    return horizon


def _last_served_floor(conn: Connection) -> int:
    """A txid at or below the horizon, found cheaply (start of the horizon search)."""
    counter = conn.execute(text("SELECT last_txid FROM change_counter WHERE id = 1")).scalar_one()
    return max(int(counter) - LOOKAHEAD, 0)


def _horizon(conn: Connection, after: int) -> tuple[int, dict[int, tuple[str, datetime]]]:
    rows = conn.execute(
        text(
            "SELECT txid, actor, started_at FROM change_transaction "
            "WHERE txid > :after AND txid <= (SELECT last_txid FROM change_counter WHERE id = 1) "
            "ORDER BY txid LIMIT :n"
        ),
        {"after": after, "n": LOOKAHEAD},
    ).all()
    horizon = after
    actors: dict[int, tuple[str, datetime]] = {}
    for row in rows:
        if row.txid != horizon + 1:
            break
        horizon = row.txid
        actors[row.txid] = (row.actor, row.started_at)
    return horizon, actors


def _events(
    conn: Connection, after: int, after_event: int | None, horizon: int, limit: int
) -> Sequence[tuple[int, int, str, str, str]]:
    floor = (after + 1, after_event) if after_event is not None else (after + 1, -1)
    rows = conn.execute(
        text(
            "SELECT txid, event_id, action, entity, code FROM change_event "
            "WHERE (txid, event_id) > (:t, :e) AND txid <= :h ORDER BY txid, event_id LIMIT :n"
        ),
        {"t": floor[0], "e": floor[1], "h": horizon, "n": limit},
    ).all()
    return [(r.txid, r.event_id, r.action, r.entity, r.code) for r in rows]


def _page(
    rows: Sequence[tuple[int, int, str, str, str]],
    actors: dict[int, tuple[str, datetime]],
    after: int,
    after_event: int | None,
    horizon: int,
    limit: int,
) -> ChangePage:
    grouped: dict[int, list[ChangeEventView]] = {}
    for txid, event_id, action, entity, code in rows:
        grouped.setdefault(txid, []).append(ChangeEventView(event_id, action, entity, code))
    full = len(rows) >= limit
    last_txid = rows[-1][0] if full else horizon
    # Transactions without events (or with events outside the page) up to last_txid still appear.
    transactions = tuple(
        TransactionChanges(
            txid=t,
            actor=actors[t][0],
            started_at=actors[t][1],
            events=tuple(grouped.get(t, ())),
            complete=not (full and t == last_txid),
        )
        for t in range(after + 1, last_txid + 1)
    )
    if full:
        return ChangePage(transactions, horizon, last_txid - 1, rows[-1][1])
    return ChangePage(transactions, horizon, horizon, None)
