"""Mapping work over forked worker processes that share what the parent loaded.

The parent loads what the work needs (a resolver with its in-memory index), installs it
where the work function finds it (a module global), then forks: the workers share those
pages copy-on-write. The parent's objects are frozen out of the garbage collector before
the fork, so no collection — in the parent or a worker — touches, and so copies, them.
Used by ``addressreg clean`` and by the department loaders.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


@contextmanager
def forked_map(
    work: Callable[[Item], Result], workers: int, collect: bool = True
) -> Iterator[Callable[[Iterable[Item]], Iterator[Result]]]:
    """A function mapping items to ``work(item)``, lazily and in order.

    With ``workers`` > 1 the items run on that many processes forked on entry (POSIX
    ``fork``; each worker starts with the collector on, even if the parent runs with it
    off), which keep working while the caller consumes earlier results; with 1 they run
    lazily in this process. ``work`` must be a module-level function; an error in a worker
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
        with multiprocessing.get_context("fork").Pool(processes=workers, initializer=gc.enable) as pool:
            yield lambda items: pool.imap(work, items, chunksize=1)
    finally:
        gc.unfreeze()
