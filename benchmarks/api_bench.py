"""HTTP API benchmark with wrk on loopback: throughput and p50 / p95 / p99 latency per endpoint.

    .venv/bin/python benchmarks/api_bench.py --key TOKEN [--url http://127.0.0.1:8000]
        [--duration 15] [--connections 8] [--threads 1] [--samples 2000] [--server-pid PID]

The server must already run (``addressreg serve``) on the registry the settings name
(``ADDRESSREG_DATABASE_URL`` or the local cluster); the key needs the read and resolve
scopes. Request paths are sampled from that registry: standard and colloquial addresses
(resolve), prefixes of addresses from the road on (autocomplete), building codes (look-up)
and building points moved a few metres (reverse). Each endpoint runs alone for
``--duration`` seconds; wrk needs ``apt-get install wrk``. Prints a Markdown table.

With ``--server-pid`` (gunicorn's master, as ``api_bench.sh`` passes it) the table also
gives the server's CPU time per request: its workers' user + system time plus that of the
PostgreSQL sessions named ``addressreg-api-bench`` (``PGAPPNAME``), read from /proc before
and after each run. Unlike latency, that figure barely moves when other jobs share the
CPUs. The memory the server holds (proportional set size, shared pages split between the
processes that share them) is printed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

from addressreg.config import settings_from_env

LUA = Path(__file__).with_name("api_paths.lua")
APPLICATION_NAME = "addressreg-api-bench"
TICKS = os.sysconf("SC_CLK_TCK")
HEADER = (
    "| endpoint | requests/s | p50 ms | p95 ms | p99 ms | non-2xx | errors "
    "| server CPU ms/request (app + db) |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|\n"
)


def _sample(url: str, n: int, seed: int) -> dict[str, list[str]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        conn.execute(text("SELECT setseed(:s)"), {"s": seed / 10})
        addresses = (
            conn.execute(
                text("SELECT text FROM address WHERE valid_to IS NULL ORDER BY random() LIMIT :n"), {"n": n}
            )
            .scalars()
            .all()
        )
        buildings = conn.execute(
            text("SELECT code, ST_X(point), ST_Y(point) FROM building ORDER BY random() LIMIT :n"), {"n": n}
        ).all()
    engine.dispose()
    rng = random.Random(seed)
    return {
        "resolve": [f"/v1/resolve?q={quote(a)}" for a in addresses],
        "autocomplete": [f"/v1/autocomplete?q={quote(_typed_prefix(a, rng))}&limit=10" for a in addresses],
        "building": [f"/v1/buildings/{code}" for code, _, _ in buildings],
        "reverse": [
            f"/v1/reverse?lon={x + rng.uniform(-5e-5, 5e-5):.7f}&lat={y + rng.uniform(-5e-5, 5e-5):.7f}"
            for _, x, y in buildings
        ],
    }


def _typed_prefix(address: str, rng: random.Random) -> str:
    """What a clerk has typed so far: from the road (after 社区 / 街道 / 区) on, 3 to 8 characters."""
    start = max(address.rfind(marker) + len(marker) for marker in ("社区", "街道", "区", "市"))
    tail = address[start:] if len(address) - start >= 3 else address
    return tail[: rng.randint(3, min(8, len(tail)))]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended; its time is lost, so the figure is a lower bound
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def _server_pids(master: int, database_url: str) -> tuple[list[int], list[int]]:
    """gunicorn's workers, and the PostgreSQL sessions the server opened."""
    engine = create_engine(database_url)
    with engine.connect() as conn:
        backends = (
            conn.execute(
                text("SELECT pid FROM pg_stat_activity WHERE application_name = :a"), {"a": APPLICATION_NAME}
            )
            .scalars()
            .all()
        )
    engine.dispose()
    return _children(master), list(backends)


def _pss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _run_wrk(base: str, key: str, paths: list[str], args: argparse.Namespace) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(paths) + "\n")
    env = {**os.environ, "PATHS_FILE": handle.name, "API_KEY": key}
    command = [
        "wrk",
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{args.duration}s",
        "-s",
        str(LUA),
        base,
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    os.unlink(handle.name)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("{")][-1]
    stats: dict[str, float] = json.loads(line)
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--key", required=True, help="API key with read and resolve scopes")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="*", default=None, help="endpoints to run (default: all)")
    parser.add_argument("--server-pid", type=int, default=None, help="gunicorn master: report server CPU")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.stderr.write("wrk is not installed: apt-get install -y wrk\n")
        return 2
    url = settings_from_env().require_database_url()
    samples = _sample(url, args.samples, args.seed)
    sys.stdout.write(f"database {url.rsplit('/', 1)[-1]}, {os.getloadavg()[0]:.2f} load average at start\n\n")
    sys.stdout.write(HEADER)
    for name, paths in samples.items():
        if args.only and name not in args.only:
            continue
        s, cpu = _measured_run(args, paths, url)
        sys.stdout.write(
            f"| {name} | {s['rps']:.0f} | {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['p99_ms']:.1f} "
            f"| {int(s['non2xx'])} | {int(s['errors'])} | {cpu} |\n"
        )
        sys.stdout.flush()
    if args.server_pid is not None:
        workers, backends = _server_pids(args.server_pid, url)
        pss = _pss_mib([args.server_pid, *workers, *backends])
        sys.stdout.write(f"\nserver memory (PSS of master, workers, database sessions): {pss:,.0f} MiB\n")
    return 0


def _measured_run(args: argparse.Namespace, paths: list[str], url: str) -> tuple[dict[str, float], str]:
    """One wrk run, and the server's CPU ms per request: workers + database sessions ("–" without a pid)."""
    if args.server_pid is None:
        return _run_wrk(args.url, args.key, paths, args), "–"
    _run_wrk(args.url, args.key, paths[:200], argparse.Namespace(**{**vars(args), "duration": 2}))  # warm
    workers, backends = _server_pids(args.server_pid, url)
    before = _cpu_seconds(workers), _cpu_seconds(backends)
    stats = _run_wrk(args.url, args.key, paths, args)
    per_request = 1000 / max(stats["requests"], 1)
    app = (_cpu_seconds(workers) - before[0]) * per_request
    database = (_cpu_seconds(backends) - before[1]) * per_request
    return stats, f"{app + database:.2f} ({app:.2f} + {database:.2f})"


if __name__ == "__main__":
    sys.exit(main())
