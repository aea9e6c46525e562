"""Resolving batches of address texts on all cores, sharing one loaded resolver.

The resolver is loaded once in the parent; worker processes are *forked* after that, so
they share its memory copy-on-write instead of each loading the registry (the parent's
objects are frozen out of the collector first, so no worker touches their pages). Batches
go out and come back in order (``Pool.imap``); each worker turns resolutions into result
tails itself (the result cells already CSV-encoded, see ``result_cells.ResultTail``), so
only bytes and two short strings per text cross the process boundary and the parent
never formats a result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from addressreg.clean.result_cells import ResultCells, ResultTail, result_cells, result_tail, unreadable_cells
from addressreg.forked_workers import CollectEvery, forked_map
from addressreg.match.resolution import Resolver

Batch = list[str]
BatchResolver = Callable[[Iterable[Batch]], Iterator[list[ResultTail]]]


@dataclass(frozen=True)
class _WorkerState:
    resolver: Resolver
    element_names: Mapping[str, str]


_STATE: _WorkerState | None = None  # set in the parent just before forking; read by workers
# Workers run with the collector off (resolving makes no reference cycles, see
# tests/match/test_match_no_cycles.py) and collect every 50 batches as a safety net.
_COLLECT = CollectEvery(50)


def resolve_tails(texts: Batch) -> list[ResultTail]:
    """Result tails for ``texts`` (in order), resolved with the resolver installed for this process.

    The texts of a batch are distinct (the parent resolves each text once), so each is
    resolved on its own and turned into its tail at once: no resolution outlives its
    text, which keeps the worker's garbage collector from walking a batch's worth of them.
    Resolvers never raise by contract; should one raise anyway, each text is retried alone
    and a text that still fails becomes category U with the error in its explanation
    (never dropped).
    """
    if _STATE is None:
        raise RuntimeError("resolve_tails called before a resolver was installed")
    resolver, names = _STATE.resolver, _STATE.element_names
    _COLLECT()
    try:
        return [result_tail(result_cells(resolver.resolve(text), names)) for text in texts]
    except Exception:
        return [result_tail(_resolve_one(resolver, text, names)) for text in texts]


def _resolve_one(resolver: Resolver, text: str, names: Mapping[str, str]) -> ResultCells:
    try:
        return result_cells(resolver.resolve(text), names)
    except Exception as error:
        return unreadable_cells(f"匹配时出错：{type(error).__name__}: {error}")


@contextmanager
def batch_resolver(
    resolver: Resolver, element_names: Mapping[str, str], workers: int
) -> Iterator[BatchResolver]:
    """A function mapping an iterable of batches to their result tails, in order.

    With ``workers`` > 1 the batches run on that many forked processes (POSIX ``fork``
    start method), each with the garbage collector off but for a collection every 50
    batches (resolving makes no reference cycles); with 1 they run in this process. The
    parent's objects are not collected before the fork (see ``forked_map``'s ``collect``):
    the parent runs ``clean`` with its collector off and holds no cycles worth the
    collection's time.
    """
    global _STATE
    _STATE = _WorkerState(resolver, element_names)
    try:
        with forked_map(resolve_tails, workers, collect=False, workers_collect=False) as resolve:
            yield resolve
    finally:
        _STATE = None
