"""Resolving and writing a load in batches: the same result in one batch or many, on one core or two."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, text

from addressreg.match.resolution import Resolver
from addressreg.records import index_registry, load_noise_mix
from addressreg.standard_address import load_address_format
from addressreg.store.departments import building_points
from addressreg.store.facts import registry_names, sample_room_facts
from loaders import batch_writing
from loaders.batch_writing import plan_texts
from loaders.department_files import write_department_file
from loaders.pipeline import load_department_file
from loaders.records import SourceRecords
from loaders.resolving import chunk_resolver, text_chunks
from loaders.spec_loading import load_region, load_specs

Normaliser = Callable[[str], str]


def _records(texts: list[str]) -> SourceRecords:
    n = len(texts)
    nan = np.full(n, np.nan)
    ids = [f"R{i}" for i in range(n)]
    return SourceRecords("d", "f.csv", ids, texts, nan, nan, list(range(2, n + 2)), ids)


def test_records_are_grouped_by_text_in_order_of_first_appearance() -> None:
    records = _records(["b", "a", "b", "c", "a"])
    plan = plan_texts(records, [0, 1, 2, 4])
    assert plan.texts == ["b", "a"]
    assert plan.records == {"b": [0, 2], "a": [1, 4]}
    assert text_chunks(["t1", "t2", "t3", "t4", "t5"], 2) == [["t1", "t2"], ["t3", "t4"], ["t5"]]


@pytest.mark.postgis
def test_two_workers_resolve_every_chunk_as_one_process_does(
    resolver: Resolver, normaliser: Normaliser
) -> None:
    texts = ["福田区福强路1号", "南山区", "火星市奥林匹斯山1号", "罗湖区人民南路2号", "宝安区"]
    chunks = text_chunks(texts, 2)
    results = {}
    for workers in (1, 2):
        with chunk_resolver(resolver, normaliser, workers) as resolve:
            results[workers] = list(resolve(chunks))
    assert [len(out) for out in results[2]] == [2, 2, 1]
    assert results[1] == results[2]


def _stored(engine: Engine, department: str) -> dict[str, tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT record_id, code, category, raw_text, explanation->'resolution', "
                "explanation->'coordinate_check', status FROM department_record WHERE department_code = :d"
            ),
            {"d": department},
        )
        return {row[0]: tuple(row[1:]) for row in rows}


def _learned(engine: Engine, department: str) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT code, normalised FROM address WHERE department_code = :d"), {"d": department}
        )
        return {(code, normalised) for code, normalised in rows}


@pytest.mark.postgis
def test_many_small_batches_write_what_one_batch_writes(
    loader_engine: Engine,
    resolver: Resolver,
    normaliser: Normaliser,
    settings,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mix = load_noise_mix(settings.standard_dir)
    facts = sample_room_facts(loader_engine, 300, 11, load_address_format(settings.standard_dir))
    with loader_engine.connect() as conn:
        buildings = building_points(conn, {f.code[:19] for f in facts})
    known = index_registry(*registry_names(loader_engine), mix.vocabulary)
    spec = load_specs()["gongdian"]  # CSV with points: the checks run batch by batch
    path = write_department_file(spec, facts, 90, 4, mix, known, buildings, tmp_path)
    monkeypatch.setattr(batch_writing, "BATCH_RECORDS", 7)
    many = load_department_file(
        loader_engine, replace(spec, code="t_batch_many"), path, resolver, normaliser, load_region()
    )
    learned_in_batches = _learned(loader_engine, "t_batch_many")
    with loader_engine.begin() as conn:  # so that the one-batch load may learn the same addresses
        conn.execute(text("DELETE FROM address WHERE department_code = 't_batch_many'"))
    monkeypatch.undo()
    one = load_department_file(
        loader_engine, replace(spec, code="t_batch_one"), path, resolver, normaliser, load_region()
    )
    assert (one.new, one.learned, one.categories, one.coordinates) == (
        many.new,
        many.learned,
        many.categories,
        many.coordinates,
    )
    assert one.new == 90 and one.learned > 0 and one.coordinates.get("inside", 0) > 0
    assert _stored(loader_engine, "t_batch_one") == _stored(loader_engine, "t_batch_many")
    assert _learned(loader_engine, "t_batch_one") == learned_in_batches
    with loader_engine.connect() as conn:
        logged = conn.execute(
            text(
                "SELECT count(*) FROM change_event WHERE entity = 'department_record' "
                "AND code LIKE 't_batch_many/%'"
            )
        ).scalar_one()
    assert logged == 90
