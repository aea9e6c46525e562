"""Benchmark: load a large department file (default 1,000,000 rows) into a demo registry.

Writes to its own database (``addressreg_load_bench`` next to the configured one, seeded
at demo scale the first time; ``--database-url`` to use another), never to the main one.
Generates the department's sample file from the registry, loads it (the file is read,
every distinct text resolved on every core, points checked, records written in one
transaction), then loads it again (nothing changes), and prints the timings as JSON.

    .venv/bin/python benchmarks/load_bench.py --rows 1000000 --dept gongan_huji
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from addressreg.config import settings_from_env
from addressreg.normalise import normalise, shipped_rules
from addressreg.records import index_registry, load_noise_mix
from addressreg.standard_address import load_address_format
from addressreg.store import engine as store_engine
from addressreg.store.departments import building_points
from addressreg.store.facts import registry_names, sample_room_facts
from addressreg.store.resolver import load_resolver
from loaders.department_files import write_department_file
from loaders.pipeline import LoadReport, load_department_file
from loaders.spec_loading import load_region, spec_for

BENCH_DATABASE = "addressreg_load_bench"


def bench_database(base_url: str) -> str:
    """URL of the bench database: created, migrated and seeded at demo scale if it is not yet."""
    base = make_url(base_url)
    admin = create_engine(base.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": BENCH_DATABASE}
        ).first()
        if exists is None:
            conn.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
    admin.dispose()
    url = base.set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    if exists is None:
        store_engine.upgrade(url)
        seed = [
            sys.executable,
            "-m",
            "addressreg.cli",
            "seed",
            "--scale",
            "demo",
            "--seed",
            "1",
            "--if-empty",
        ]
        subprocess.run(seed, env={**os.environ, "ADDRESSREG_DATABASE_URL": url}, check=True)
    return url


def _rates(report: LoadReport, rows: int) -> dict[str, object]:
    total = sum(report.seconds.values())
    return {
        "seconds": report.seconds,
        "total_seconds": round(total, 2),
        "rows_per_second": round(rows / total),
        "rows_per_second_without_resolution": round(rows / (total - report.seconds["resolve"])),
        "distinct_texts": report.distinct_texts,
        "new": report.new,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "categories": report.categories,
        "coordinates": report.coordinates,
        "learned": report.learned,
    }


def main() -> None:
    """Run the benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dept", default="gongan_huji")
    parser.add_argument("--pool", type=int, default=330_000, help="distinct rooms the rows are drawn from")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    settings = settings_from_env()
    url = args.database_url or bench_database(settings.require_database_url())
    engine = store_engine.make_engine(url)
    spec = spec_for(args.dept)
    mix = load_noise_mix(settings.standard_dir)
    figures: dict[str, object] = {
        "department": spec.code,
        "format": spec.file_format.value,
        "rows": args.rows,
    }
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        facts = sample_room_facts(engine, args.pool, args.seed, load_address_format(settings.standard_dir))
        known = index_registry(*registry_names(engine), mix.vocabulary)
        with engine.connect() as conn:
            buildings = building_points(conn, {f.code[:19] for f in facts})
        path = write_department_file(
            spec, facts, args.rows, args.seed, mix, known, buildings, Path(directory)
        )
        figures["generate_seconds"] = round(time.perf_counter() - started, 2)
        figures["file_bytes"] = path.stat().st_size
        started = time.perf_counter()
        resolver = load_resolver(engine, settings.standard_dir)
        figures["resolver_load_seconds"] = round(time.perf_counter() - started, 2)
        normaliser = partial(normalise, rules=shipped_rules(settings.standard_dir))
        with engine.begin() as conn:  # a fresh department each run: the first load writes every row
            conn.execute(
                text("UPDATE department_record SET status = 'withdrawn' WHERE department_code = :d"),
                {"d": spec.code},
            )
        region = load_region()
        first = load_department_file(engine, spec, path, resolver, normaliser, region, workers=args.workers)
        figures["first_load"] = _rates(first, args.rows)
        again = load_department_file(engine, spec, path, resolver, normaliser, region, workers=args.workers)
        figures["reload"] = _rates(again, args.rows)
    engine.dispose()
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
