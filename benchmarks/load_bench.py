"""Benchmark: load a large department file (default 1,000,000 rows) into a demo registry.

Writes to its own database (``addressreg_load_bench`` next to the configured one, seeded
at demo scale the first time; ``--database-url`` to use another), never to the main one.
Generates the department's sample file from the registry (or takes ``--file``), removes
the department's records and the addresses it taught from the bench database so that the
first load is a true first load, loads the file (read, every distinct text resolved on
every core while earlier batches are written, points checked, one transaction), then loads
it again (nothing changes), and prints the timings as JSON: wall seconds per phase, CPU
seconds of this process and of the workers, and the load average before and after.

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

from sqlalchemy import Engine, create_engine, make_url, text

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
from loaders.spec import DepartmentSpec
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


def reset_department(engine: Engine, department: str) -> None:
    """Remove the department's records and learned addresses (bench database only), then vacuum."""
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM department_record WHERE department_code = :d"), {"d": department})
        conn.execute(text("DELETE FROM address WHERE department_code = :d"), {"d": department})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("department_record", "address"):
            conn.execute(text(f"VACUUM ANALYZE {table}"))


def _backend_cpu(engine: Engine) -> float:
    """CPU seconds so far of the server process behind the engine's (one, reused) connection.

    Read from ``/proc``: meaningful only with the database on this machine (NaN otherwise).
    """
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rates(report: LoadReport) -> dict[str, object]:
    """Rates of one load. "Without resolution" leaves out the resolve phase, which includes the
    batches written while the workers resolved."""
    total, rows = sum(report.seconds.values()), report.records
    return {
        "seconds": report.seconds,
        "cpu_seconds": report.cpu_seconds,
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


def _generate(engine: Engine, spec: DepartmentSpec, args: argparse.Namespace, directory: Path) -> Path:
    settings = settings_from_env()
    mix = load_noise_mix(settings.standard_dir)
    facts = sample_room_facts(engine, args.pool, args.seed, load_address_format(settings.standard_dir))
    known = index_registry(*registry_names(engine), mix.vocabulary)
    with engine.connect() as conn:
        buildings = building_points(conn, {f.code[:19] for f in facts})
    return write_department_file(spec, facts, args.rows, args.seed, mix, known, buildings, directory)


def main() -> None:
    """Run the benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dept", default="gongan_huji")
    parser.add_argument("--pool", type=int, default=330_000, help="distinct rooms the rows are drawn from")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--file", type=Path, default=None, help="load this file instead of generating one")
    args = parser.parse_args()
    settings = settings_from_env()
    url = args.database_url or bench_database(settings.require_database_url())
    engine = store_engine.make_engine(url)
    spec = spec_for(args.dept)
    figures: dict[str, object] = {
        "department": spec.code,
        "format": spec.file_format.value,
        "rows": args.rows,
    }
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        path = args.file or _generate(engine, spec, args, Path(directory))
        figures["generate_seconds"] = round(time.perf_counter() - started, 2)
        figures["file_bytes"] = path.stat().st_size
        started = time.perf_counter()
        resolver = load_resolver(engine, settings.standard_dir)
        figures["resolver_load_seconds"] = round(time.perf_counter() - started, 2)
        normaliser = partial(normalise, rules=shipped_rules(settings.standard_dir))
        reset_department(engine, spec.code)  # a true first load: every record new
        region = load_region()
        for run in ("first_load", "reload"):
            before, backend = os.getloadavg()[0], _backend_cpu(engine)
            report = load_department_file(
                engine, spec, path, resolver, normaliser, region, workers=args.workers
            )
            figures[run] = {
                **_rates(report),
                "database_cpu_seconds": round(_backend_cpu(engine) - backend, 2),
                "load_average": [before, os.getloadavg()[0]],
            }
    engine.dispose()
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
