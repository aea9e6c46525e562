"""Read-only database access for the look-up views: one round trip per query.

The app's main engine pings each connection it checks out and wraps the work in a
transaction (BEGIN … ROLLBACK): three round trips more than a single SELECT needs. The
look-ups (buildings, rooms, units, reverse, autocomplete) go through a second engine in
autocommit mode that does not ping. A connection the server has dropped (a restart, an
idle timeout) shows up as a failed query instead; :func:`run_read` then runs the
look-up once more on a fresh connection, so the client never sees it.

Every statement of a look-up sees its own snapshot, as the main engine's READ COMMITTED
transactions did; nothing here may write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.exc import DBAPIError

T = TypeVar("T")


def make_read_engine(url: str, *, pool_size: int) -> Engine:
    """An engine for read-only look-ups on ``url``: autocommit, no ping, no reset on return."""
    return create_engine(
        url,
        pool_size=pool_size,
        pool_pre_ping=False,
        pool_reset_on_return=None,
        isolation_level="AUTOCOMMIT",
    )


def run_read(engine: Engine, work: Callable[[Connection], T]) -> T:
    """``work(conn)`` on a connection of ``engine``; once more on a fresh one if the first was dead.

    Raises:
        DBAPIError: the look-up failed for another reason, or failed twice.
    """
    try:
        with engine.connect() as conn:
            return work(conn)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    with engine.connect() as conn:  # the pool dropped every stale connection: this one is new
        return work(conn)
