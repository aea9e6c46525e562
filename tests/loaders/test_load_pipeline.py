"""Loading department files into the real PostGIS with the real resolver.

Each format and CRS, idempotent reload, changed and withdrawn records, learned addresses,
coordinate checks, conflicts, and loads that fail leaving the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from addressreg.match.resolution import Resolution, Resolver
from addressreg.model import AddressFacts
from addressreg.records import FactsIndex, NoiseMix, index_registry, load_noise_mix
from addressreg.standard_address import load_address_format
from addressreg.store.departments import building_points, find_conflicts
from addressreg.store.facts import registry_names, sample_room_facts
from loaders.department_files import write_department_file
from loaders.errors import BadDepartmentFile
from loaders.pipeline import LoadReport, load_department_file
from loaders.spec import DepartmentSpec
from loaders.spec_loading import load_region, load_specs
from loaders.tables import read_table

pytestmark = pytest.mark.postgis
REGION = load_region()
SPECS = load_specs()
Normaliser = Callable[[str], str]


@dataclass(frozen=True)
class Pool:
    """What sample files are drawn from."""

    facts: Sequence[AddressFacts]
    mix: NoiseMix
    known: FactsIndex
    buildings: dict[str, tuple[float, float]]


@pytest.fixture(scope="module")
def pool(loader_engine: Engine, settings) -> Pool:  # type: ignore[no-untyped-def]
    mix = load_noise_mix(settings.standard_dir)
    facts = sample_room_facts(loader_engine, 400, 3, load_address_format(settings.standard_dir))
    with loader_engine.connect() as conn:
        buildings = building_points(conn, {f.code[:19] for f in facts})
    return Pool(facts, mix, index_registry(*registry_names(loader_engine), mix.vocabulary), buildings)


def _sample(spec: DepartmentSpec, pool: Pool, directory: Path, n: int = 60, seed: int = 5) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return write_department_file(spec, pool.facts, n, seed, pool.mix, pool.known, pool.buildings, directory)


def _column(spec: DepartmentSpec, path: Path, column: str) -> dict[str, str]:
    table = read_table(replace(spec, address_column=column, parts=()), path)
    return dict(zip(table.columns[spec.record_id], table.columns[column], strict=True))


def _load(
    engine: Engine,
    spec: DepartmentSpec,
    path: Path,
    resolver: Resolver,
    normaliser: Normaliser,
    **options: bool | int,
) -> LoadReport:
    return load_department_file(engine, spec, path, resolver, normaliser, REGION, **options)  # type: ignore[arg-type]


def _stored(engine: Engine, department: str) -> dict[str, dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT record_id, code, category, status, raw_text, explanation FROM department_record "
                "WHERE department_code = :d"
            ),
            {"d": department},
        ).mappings()
        return {row["record_id"]: dict(row) for row in rows}


def _log_state(engine: Engine) -> tuple[int, int, int, int]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(
                text(  # type: ignore[return-value]
                    "SELECT (SELECT count(*) FROM change_event), (SELECT count(*) FROM change_transaction), "
                    "(SELECT count(*) FROM audit_log), (SELECT count(*) FROM address)"
                )
            ).one()
        )


@pytest.mark.parametrize(
    "code", ["gongan_huji", "shichang", "zhujian", "guihua", "xiaofang", "gongan_dizhi", "jiaoyu", "tongji"]
)
def test_each_format_and_crs_loads_to_the_truth_and_flags_moved_points(
    code: str, pool: Pool, loader_engine: Engine, resolver: Resolver, normaliser: Normaliser, tmp_path: Path
) -> None:
    spec = SPECS[code]
    path = _sample(spec, pool, tmp_path)
    report = _load(loader_engine, spec, path, resolver, normaliser, workers=2)
    assert report.records == report.new == 60 and report.withdrawn == 0
    stored = _stored(loader_engine, code)
    truth, moved = _column(spec, path, "truth_code"), _column(spec, path, "truth_off")
    confident = {rid: r for rid, r in stored.items() if r["category"] in "AB" and truth[rid]}
    right = [rid for rid, r in confident.items() if r["code"] == truth[rid]]
    assert len(right) >= 0.9 * len(confident) and len(confident) >= 0.6 * len(stored)
    for rid in right:
        check = stored[rid]["explanation"]["coordinate_check"]  # type: ignore[index]
        if spec.coordinates is None or check is None:
            continue
        assert (check["status"] == "far") == (moved[rid] == "1"), (rid, check)
    if spec.coordinates is not None:
        assert any(moved[rid] == "1" for rid in right)  # the sample exercised the check


def test_reloading_the_same_file_changes_nothing(
    pool: Pool, loader_engine: Engine, resolver: Resolver, normaliser: Normaliser, tmp_path: Path
) -> None:
    spec = replace(SPECS["gongdian"], code="t_reload")
    path = _sample(spec, pool, tmp_path, n=40)
    first = _load(loader_engine, spec, path, resolver, normaliser)
    before, records = _log_state(loader_engine), _stored(loader_engine, "t_reload")
    again = _load(loader_engine, spec, path, resolver, normaliser)
    assert first.new == 40 and first.learned > 0
    assert (again.new, again.changed, again.unchanged, again.withdrawn, again.learned) == (0, 0, 40, 0, 0)
    assert _log_state(loader_engine) == before
    assert _stored(loader_engine, "t_reload") == records


def _csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("户号,户籍地址\n" + "".join(f"{a},{b}\n" for a, b in rows), encoding="gbk")
    return path


def test_changed_records_are_updated_and_missing_ones_withdrawn_never_deleted(
    pool: Pool, loader_engine: Engine, resolver: Resolver, normaliser: Normaliser, tmp_path: Path
) -> None:
    spec = replace(SPECS["gongan_huji"], code="t_change")
    texts = [f.standard_text for f in pool.facts[:4]]
    first = _csv(tmp_path / "v1.csv", [("H1", texts[0]), ("H2", texts[1]), ("H3", texts[2])])
    _load(loader_engine, spec, first, resolver, normaliser)
    events = _log_state(loader_engine)[0]
    second = _csv(tmp_path / "v2.csv", [("H1", texts[0]), ("H2", texts[3])])
    report = _load(loader_engine, spec, second, resolver, normaliser)
    assert (report.new, report.changed, report.unchanged, report.withdrawn) == (0, 1, 1, 1)
    stored = _stored(loader_engine, "t_change")
    assert stored["H2"]["raw_text"] == texts[3] and stored["H2"]["code"] == pool.facts[3].code
    assert stored["H3"]["status"] == "withdrawn" and stored["H1"]["status"] == "active"
    with loader_engine.connect() as conn:
        logged = conn.execute(
            text(
                "SELECT action, code FROM change_event WHERE event_id > :e AND "
                "entity = 'department_record' ORDER BY code"
            ),
            {"e": events},
        ).all()
    assert [tuple(row) for row in logged] == [("update", "t_change/H2"), ("update", "t_change/H3")]
    partial = _load(
        loader_engine, spec, _csv(tmp_path / "v3.csv", [("H9", texts[0])]), resolver, normaliser, full=False
    )
    assert (partial.new, partial.withdrawn) == (1, 0)
    back = _load(loader_engine, spec, first, resolver, normaliser)
    assert (back.changed, back.unchanged, back.withdrawn) == (2, 1, 1)  # H2 back, H3 returns; H9 goes
    assert _stored(loader_engine, "t_change")["H3"]["status"] == "active"


def test_confident_department_addresses_are_learned_once_with_their_department(
    pool: Pool, loader_engine: Engine, resolver: Resolver, normaliser: Normaliser, tmp_path: Path
) -> None:
    spec = replace(SPECS["gongan_huji"], code="t_learn")
    fact = pool.facts[10]
    written = fact.standard_text.replace(fact.district, "", 1) + "室"  # the department's own way
    with loader_engine.connect() as conn:
        standard = conn.execute(
            text("SELECT text FROM address WHERE code = :c AND kind = 'standard'"), {"c": fact.code[:19]}
        ).scalar_one()
    rows = [("L1", written), ("L2", written), ("L3", standard), ("L4", "火星市奥林匹斯山1号")]
    report = _load(loader_engine, spec, _csv(tmp_path / "l.csv", rows), resolver, normaliser)
    stored = _stored(loader_engine, "t_learn")
    assert stored["L4"]["category"] == "U"
    assert stored["L1"]["category"] in "AB" and stored["L1"]["code"] == fact.code
    assert stored["L3"]["category"] == "A" and stored["L3"]["code"] == fact.code[:19]
    with loader_engine.connect() as conn:
        learned = conn.execute(
            text("SELECT code, text, kind FROM address WHERE department_code = 't_learn'")
        ).all()
    # the room had no address written this way; the building already has its standard one
    assert [tuple(row) for row in learned] == [(fact.code, written, "department")]
    assert report.learned == 1


def test_a_point_far_from_its_place_is_flagged_not_learned_and_reported_as_a_conflict(
    pool: Pool, loader_engine: Engine, resolver: Resolver, normaliser: Normaliser, tmp_path: Path
) -> None:
    spec = replace(SPECS["gongdian"], code="t_far_a")
    other = replace(SPECS["gongdian"], code="t_far_b")
    fact = pool.facts[20]
    lon, lat = pool.buildings[fact.code[:19]]
    header = "用电户号,用电地址,经度,纬度\n"
    (tmp_path / "a.csv").write_text(
        header + f"P1,{fact.standard_text},{lon:.7f},{lat:.7f}\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(
        header + f"P1,{fact.standard_text},{lon + 0.01:.7f},{lat:.7f}\n", encoding="utf-8"
    )
    assert _load(loader_engine, spec, tmp_path / "a.csv", resolver, normaliser).coordinates == {"inside": 1}
    report = _load(loader_engine, other, tmp_path / "b.csv", resolver, normaliser)
    assert report.coordinates == {"far": 1} and report.learned == 0
    check = _stored(loader_engine, "t_far_b")["P1"]["explanation"]["coordinate_check"]  # type: ignore[index]
    assert check["status"] == "far" and 900 < check["distance_m"] < 1100
    with loader_engine.connect() as conn:
        found = find_conflicts(conn, REGION.conflict_distance_m, 1000)
    mine = [c for c in found if set(c.departments) == {"t_far_a", "t_far_b"}]
    assert len(mine) == 1 and mine[0].key == fact.code[:19] and mine[0].distance_m > 900


class _FailingResolver:
    """The real resolver until the n-th text, then an error (a crash in the middle of a load)."""

    def __init__(self, inner: Resolver, n: int) -> None:
        self.inner, self.n = inner, n

    def resolve(self, text: str) -> Resolution:
        self.n -= 1
        if self.n < 0:
            raise RuntimeError("resolver crashed")
        return self.inner.resolve(text)


def test_a_load_that_fails_leaves_the_database_as_it_was(
    pool: Pool, loader_engine: Engine, resolver: Resolver, normaliser: Normaliser, tmp_path: Path
) -> None:
    spec = replace(SPECS["gongan_huji"], code="t_fail")
    before = _log_state(loader_engine)
    bad = tmp_path / "bad.csv"
    bad.write_bytes("户号,户籍地址\nF1,福田区\nF1,南山区\n".encode("gbk"))
    with pytest.raises(BadDepartmentFile, match="row 3"):
        _load(loader_engine, spec, bad, resolver, normaliser)
    texts = [(f"F{i}", f.standard_text) for i, f in enumerate(pool.facts[:30])]
    with pytest.raises(RuntimeError, match="crashed"):
        _load(
            loader_engine, spec, _csv(tmp_path / "ok.csv", texts), _FailingResolver(resolver, 20), normaliser
        )
    assert _log_state(loader_engine) == before
    assert _stored(loader_engine, "t_fail") == {}
    with loader_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM department WHERE code = 't_fail'")).scalar_one() == 0
