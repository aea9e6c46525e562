"""Loading the resolver on a thread alongside reading the input: overlap, errors, no leftovers."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from clean_dict_resolver import ROOMS, DictResolver

from addressreg.clean import CleanRequest, run_clean
from addressreg.clean.encoding import UndecodableInput
from addressreg.clean.registry_loading import loading_alongside
from addressreg.match.resolution import Resolver


def _input(path: Path, rows: int = 20) -> Path:
    path.write_text("地址\n" + "\n".join(list(ROOMS)[i % len(ROOMS)] for i in range(rows)) + "\n", "utf-8")
    return path


def _slow(seconds: float, started: list[float] | None = None) -> Resolver:
    if started is not None:
        started.append(time.perf_counter())
    time.sleep(seconds)
    return DictResolver()


def test_the_load_runs_while_the_block_runs_and_its_seconds_are_its_own() -> None:
    with loading_alongside(lambda: _slow(0.3)) as loading:
        time.sleep(0.3)  # the block's own work, while the load sleeps
        resolver, waited = loading.result()
    assert isinstance(resolver, DictResolver)
    assert waited < 0.2  # most of the load overlapped the block
    assert loading.seconds >= 0.3


def test_a_load_error_is_raised_when_the_resolver_is_asked_for() -> None:
    def broken() -> Resolver:
        raise ConnectionError("database down")

    with loading_alongside(broken) as loading, pytest.raises(ConnectionError, match="database down"):
        loading.result()


def test_the_blocks_own_error_wins_and_the_thread_is_joined() -> None:
    before = threading.active_count()

    def broken() -> Resolver:
        time.sleep(0.1)
        raise ConnectionError("database down")

    with pytest.raises(KeyError), loading_alongside(broken):
        raise KeyError("bad input")
    assert threading.active_count() == before


def test_clean_starts_the_load_before_reading_and_reports_its_time(tmp_path: Path) -> None:
    started: list[float] = []
    before = time.perf_counter()
    summary = run_clean(
        CleanRequest(_input(tmp_path / "in.csv"), tmp_path / "out.csv"), lambda: _slow(0.2, started), {}
    )
    assert started and started[0] - before < 0.2
    assert summary.load_seconds >= 0.2
    assert summary.rows == 20


def test_a_bad_input_is_reported_even_when_the_registry_cannot_be_loaded(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xd5\xd0\x00\x01")  # NUL bytes: not a text table

    def broken() -> Resolver:
        raise ConnectionError("database down")

    with pytest.raises(UndecodableInput, match="NUL"):
        run_clean(CleanRequest(bad, tmp_path / "out.csv"), broken, {})
