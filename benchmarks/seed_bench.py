"""Time ``addressreg seed`` end to end at a scale, several runs, and report medians.

Each run creates a scratch database next to the configured one, migrates it, runs the
seed command as a subprocess (wall time, peak memory of the child), records the database
size and row counts, and drops the database.

    .venv/bin/python benchmarks/seed_bench.py --scale city --runs 3
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

from sqlalchemy import create_engine, make_url, text

from addressreg.config import settings_from_env
from addressreg.store import engine as store_engine


def _admin(url: str, sql: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def _one_run(base_url: str, scale: str, seed: int) -> dict[str, float]:
    name = f"addressreg_bench_{os.getpid()}"
    _admin(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(base_url, f'CREATE DATABASE "{name}"')
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    try:
        _admin(url, "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm")
        store_engine.upgrade(url)
        env = {**os.environ, "ADDRESSREG_DATABASE_URL": url}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "addressreg.cli", "seed", "--scale", scale, "--seed", str(seed)],
            env=env,
            check=True,
            capture_output=True,
        )
        wall = time.perf_counter() - started
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        engine = create_engine(url)
        with engine.connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            rooms = conn.execute(text("SELECT count(*) FROM room")).scalar_one()
            buildings = conn.execute(text("SELECT count(*) FROM building")).scalar_one()
        engine.dispose()
        return {
            "wall_s": wall,
            "peak_mib": peak_mib,
            "size_mib": size / 2**20,
            "buildings": buildings,
            "rooms": rooms,
        }
    finally:
        _admin(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    """Run the benchmark and print a Markdown table of medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="demo", choices=["tiny", "demo", "city"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    base = settings_from_env().require_database_url()
    runs = [_one_run(base, args.scale, args.seed) for _ in range(args.runs)]
    for i, run in enumerate(runs, 1):
        print(f"run {i}: " + ", ".join(f"{k}={v:,.1f}" for k, v in run.items()), file=sys.stderr)
    print(f"machine: {platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}")
    header = f"seed wall time (median of {args.runs})"
    print(f"| scale | buildings | rooms | {header} | peak memory | database size |")
    print("|---|---|---|---|---|---|")
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(
        f"| {args.scale} | {med['buildings']:,.0f} | {med['rooms']:,.0f} | {med['wall_s']:.0f} s "
        f"| {med['peak_mib']:,.0f} MiB | {med['size_mib']:,.0f} MiB |"
    )


if __name__ == "__main__":
    main()
