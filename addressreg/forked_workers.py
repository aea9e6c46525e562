"""Mapping work over forked worker processes that share what the parent loaded.

The parent loads what the work needs (a resolver with its in-memory index), installs it
where the work function finds it (a module global), then forks: the workers share those
pages copy-on-write. The parent's objects are frozen out of the garbage collector before
the fork, so no collection — in the parent or a worker — touches, and so copies, them.
Used by ``addressreg clean`` and by the department loaders, whose parents run with the
collector off (:func:`collector_off`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


@contextmanager
def collector_off() -> Iterator[None]:
    """The garbage collector off for the block (as it was before, after it).

    For a parent that builds millions of objects holding no cycles (rows, records,
    results): collecting them over and over costs more than the work itself (reading a
    1M-row file took 3.6 s with the collector on, 2.2 s with it off). Workers forked
    inside the block start with it on unless asked otherwise (see :func:`forked_map`).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextmanager
def forked_map(
    work: Callable[[Item], Result], workers: int, collect: bool = True, workers_collect: bool = True
) -> Iterator[Callable[[Iterable[Item]], Iterator[Result]]]:
    """A function mapping items to ``work(item)``, lazily and in order.

    With ``workers`` > 1 the items run on that many processes forked on entry (POSIX
    ``fork``), which keep working while the caller consumes earlier results; with 1 they
    run lazily in this process. Each worker starts with the collector on, even if the
    parent runs with it off — unless ``workers_collect`` is False: then it starts off, for
    work that makes no reference cycles and collects now and then itself (see
    :class:`CollectEvery`). ``work`` must be a module-level function; an error in a worker
    is raised from the iterator. With ``collect`` (the default) the parent's garbage is
    collected before its objects are frozen; a caller whose objects hold no cycles worth
    it may skip that collection (it costs about a second over millions of objects).
    """
    if workers <= 1:
        yield lambda items: map(work, items)
        return
    if collect:
        gc.collect()
    gc.freeze()
    try:
        start = gc.enable if workers_collect else gc.disable
        with multiprocessing.get_context("fork").Pool(processes=workers, initializer=start) as pool:
            yield lambda items: pool.imap(work, items, chunksize=1)
    finally:
        gc.unfreeze()


class CollectEvery:
    """A collection every ``items`` calls, in forked workers that run with the collector off.

    Work that makes no reference cycles frees everything by reference counting, and the
    collector's passes over its young objects are pure cost (~6 % of the matching engine's
    time in a profile). Called for each item, this keeps a safety net: should a cycle ever
    be made, it is reclaimed within ``items`` items. It collects only in a process forked
    after it was made: the process that made it (a parent running the work itself, with
    one worker) keeps its own setting, and a full collection there would walk everything
    the parent holds.
    """

    def __init__(self, items: int) -> None:
        self.items = items
        self.done = 0
        self.home = os.getpid()

    def __call__(self) -> None:
        """Count one item; collect when ``items`` have been counted, in a forked worker whose
        collector is off."""
        self.done += 1
        if self.done >= self.items:
            self.done = 0
            if not gc.isenabled() and os.getpid() != self.home:
                gc.collect()
