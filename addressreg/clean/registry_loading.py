"""Loading the resolver on a thread while ``clean`` reads its input.

Loading the registry's index is mostly waiting on PostgreSQL (at demo scale 2.8 s of wall
time, 0.6 s of it this process's CPU), and reading a large input is this process's own
work (a 1M-row CSV: ~2 s of CPU), so the two overlap well on a thread: the waiting
releases the interpreter lock. The workers fork only after both have finished.

Precedence of errors: the input's own error wins (a bad input is reported as before, even
when the registry could not be loaded); a load error is raised when the resolver is
asked for. The thread is always joined before the block is left, so no load outlives it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from addressreg.match.resolution import Resolver


class ResolverLoad:
    """A resolver being loaded on a thread of its own (started on construction)."""

    def __init__(self, load: Callable[[], Resolver]) -> None:
        self._load = load
        self._resolver: Resolver | None = None
        self._error: BaseException | None = None
        self.seconds = 0.0
        """How long the load itself took (wall seconds; set when it has finished)."""
        # not "_thread": mypyc would name the C struct field "__thread", a keyword of GCC
        self._loader = threading.Thread(target=self._run, name="clean-load-resolver", daemon=True)
        self._loader.start()

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            self._resolver = self._load()
        except BaseException as error:  # handed to the caller by result()
            self._error = error
        finally:
            self.seconds = time.perf_counter() - started

    def join(self) -> float:
        """Wait for the load to finish; return the seconds waited here."""
        started = time.perf_counter()
        self._loader.join()
        return time.perf_counter() - started

    def result(self) -> tuple[Resolver, float]:
        """(the loaded resolver, seconds waited for it here).

        Raises:
            Whatever the load raised.
        """
        waited = self.join()
        if self._error is not None:
            raise self._error
        if self._resolver is None:
            raise RuntimeError("the resolver load returned nothing")
        return self._resolver, waited


@contextmanager
def loading_alongside(load: Callable[[], Resolver]) -> Iterator[ResolverLoad]:
    """Start ``load`` on a thread for the block; the thread is joined when the block ends
    (a load error nobody asked for is dropped: the block's own error, if any, goes on)."""
    pending = ResolverLoad(load)
    try:
        yield pending
    finally:
        pending.join()
