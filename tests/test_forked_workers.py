"""``forked_map``: work on forked processes, results in order, errors raised, state shared."""

from __future__ import annotations

import gc
import os
import weakref

import pytest

from addressreg.forked_workers import CollectEvery, collector_off, forked_map

_SHARED: dict[str, int] = {}  # installed by a test before the fork, read by the workers


def _work(item: int) -> tuple[int, int]:
    if item < 0:
        raise ValueError(f"negative item {item}")
    return item * _SHARED["factor"], os.getpid()


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_back_in_order_using_what_the_parent_installed(workers: int) -> None:
    _SHARED["factor"] = 3
    with forked_map(_work, workers) as run:
        results = list(run(range(200)))
    assert [value for value, _ in results] == [3 * i for i in range(200)]
    pids = {pid for _, pid in results}
    assert (os.getpid() in pids) is (workers == 1)
    assert gc.get_freeze_count() == 0  # the parent's objects are unfrozen afterwards


def test_an_error_in_a_worker_is_raised_from_the_iterator() -> None:
    _SHARED["factor"] = 1
    with forked_map(_work, 2) as run, pytest.raises(ValueError, match="negative item -1"):
        list(run([1, 2, -1, 4]))


def _collector_enabled(_: int) -> bool:
    return gc.isenabled()


def test_collector_off_restores_the_collector_and_workers_still_collect() -> None:
    assert gc.isenabled()
    with collector_off():
        assert not gc.isenabled()
        with forked_map(_collector_enabled, 2) as run:
            assert all(run(range(4)))  # each worker starts with its collector on
        with pytest.raises(KeyError), collector_off():  # nested, and left by an error
            raise KeyError("x")
        assert not gc.isenabled()  # the inner block restores "off"
    assert gc.isenabled()


def test_workers_may_start_with_the_collector_off() -> None:
    with forked_map(_collector_enabled, 2, workers_collect=False) as run:
        assert not any(run(range(4)))
    assert gc.isenabled()  # the parent's own setting is untouched


class _Node:
    link: object = None


def _cycle_survives(_: int) -> tuple[bool, bool]:
    """In a worker with the collector off: is a cycle still alive after 2 of 3 counts, after 3?"""
    collect = CollectEvery(3)
    collect.home = -1  # as if made in the parent before the fork
    node = _Node()
    node.link = node
    alive = weakref.ref(node)
    del node
    collect()
    collect()
    before = alive() is not None
    collect()
    return before, alive() is not None


def test_collect_every_reclaims_a_cycle_within_its_count_in_a_worker() -> None:
    with forked_map(_cycle_survives, 2, workers_collect=False) as run:
        assert set(run(range(2))) == {(True, False)}


def test_collect_every_leaves_the_process_that_made_it_alone() -> None:
    collect = CollectEvery(1)
    with collector_off():
        gc.collect()
        node = _Node()
        node.link = node
        alive = weakref.ref(node)
        del node
        collect()
        assert alive() is not None  # the parent's setting stands: no collection here
        gc.collect()
    assert alive() is None
