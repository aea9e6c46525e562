"""The rate limit's counters: per worker process, in memory, expired when next read.

flask-limiter's ``memory://`` storage (from ``limits``) starts a background timer thread
on every hit whose previous timer has finished (it lives 10 ms), to sweep expired
windows. Under steady traffic that is a new thread for most requests, and waiting for it
to start was about a tenth of a look-up's time. The fixed-window counters the API uses
need no sweep: a window that has passed is dropped when its key is next read. The keys
are API-key prefixes, a small and bounded set, so nothing piles up.

Importing this module registers the ``worker-memory://`` storage scheme with ``limits``.
"""

from __future__ import annotations

import time

from limits.storage import MemoryStorage

STORAGE_URI = "worker-memory://"


class LazyExpiryMemoryStorage(MemoryStorage):
    """``memory://`` without the sweeping thread: fixed-window counters expire on read."""

    STORAGE_SCHEME = ["worker-memory"]  # noqa: RUF012 (the type limits declares)

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Add ``amount`` to the counter of ``key``; a new window lasts ``expiry`` seconds."""
        self.get(key)  # drops the counter when its window has passed
        with self.locks[key]:
            count = self.storage[key] + amount
            self.storage[key] = count
            if count == amount:  # the first hit of a new window
                self.expirations[key] = time.time() + expiry
            return count
