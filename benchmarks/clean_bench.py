"""``clean`` benchmark on generated records with known truth, optionally beside Splink.

    .venv/bin/addressreg generate records --n 100000 --seed 1 -o /tmp/rec100k.csv
    .venv/bin/python benchmarks/clean_bench.py --records /tmp/rec100k.csv [--workers N] [--splink]

Runs ``addressreg clean`` as a subprocess (end to end: start-up, loading the registry,
reading, resolving, writing) and times it by the wall clock, with the CPU time of the
subprocess and its workers beside it (the machine may be shared). A row is *correct*
when its code equals the truth code exactly (room truth → the room code, building truth
→ the building code); a record with no true match is correct when it gets no code.

* precision of a category = correct rows / rows in it;
* A+B precision = correct A+B rows / A+B rows (no-match records given A/B count wrong);
* A+B recall = correct A+B rows / records that have a true match.

Splink (``splink_baseline.py``) gets the same records; its precision is correct links /
links made, its recall correct links / records with a true match.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CATEGORIES = ("A", "B", "C", "U")


def say(line: str = "") -> None:
    """Write one line of the report to stdout."""
    sys.stdout.write(line + "\n")


def run_clean(records: Path, output: Path, workers: int | None) -> tuple[float, float]:
    """Run ``addressreg clean``; return (wall seconds, CPU seconds of it and its workers)."""
    command = [sys.executable, "-m", "addressreg.cli", "clean", str(records), "-o", str(output)]
    if workers:
        command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"clean failed:\n{result.stderr}")
    say(result.stderr.strip())
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def evaluate(output: Path) -> tuple[Counter[str], Counter[str], int, int]:
    """(rows per category, correct rows per category, records with a true match, rows)."""
    rows, correct = Counter[str](), Counter[str]()
    matchable = total = 0
    with output.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            total += 1
            matchable += bool(row["truth_code"])
            rows[row["category"]] += 1
            correct[row["category"]] += (
                row["code"] == row["truth_code"] if row["truth_code"] else not row["code"]
            )
    return rows, correct, matchable, total


def report_clean(
    rows: Counter[str], correct: Counter[str], matchable: int, total: int, wall: float, cpu: float
) -> None:
    """Print the clean table."""
    ab_rows = rows["A"] + rows["B"]
    ab_correct = correct["A"] + correct["B"]
    say(
        f"addressreg clean: {total:,} rows in {wall:.1f} s wall = {total / wall:,.0f} rows/s "
        f"({cpu:.1f} CPU s, {total / max(cpu, 1e-9):,.0f} rows per CPU second)"
    )
    say("| category | rows | share | precision |")
    say("| --- | ---: | ---: | ---: |")
    for category in CATEGORIES:
        n = rows[category]
        say(f"| {category} | {n:,} | {n / max(total, 1):.2%} | {correct[category] / max(n, 1):.4f} |")
    precision, recall = ab_correct / max(ab_rows, 1), ab_correct / max(matchable, 1)
    say(
        f"A+B: precision {precision:.4f}, recall {recall:.4f}, F1 {_f1(precision, recall):.4f} "
        f"(targets: precision ≥ 0.995, recall ≥ 0.97)"
    )


def report_splink(records: Path) -> None:
    """Run the Splink baseline on the same records and print its figures."""
    sys.path.insert(0, str(Path(__file__).parent))
    from splink_baseline import link

    from addressreg.config import settings_from_env

    with records.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    run = link(rows, settings_from_env().require_database_url(), 0.5)
    truth = {r["record_id"]: r["truth_code"] for r in rows}
    correct = sum(truth[rid] == code for rid, code in run.predicted.items())
    matchable = sum(1 for code in truth.values() if code)
    precision, recall = correct / max(len(run.predicted), 1), correct / max(matchable, 1)
    total = run.seconds + run.load_seconds
    say(
        f"splink (DuckDB): {len(rows):,} rows in {total:.1f} s "
        f"({run.load_seconds:.1f} s reading the registry) "
        f"= {len(rows) / total:,.0f} rows/s; links {len(run.predicted):,}; precision {precision:.4f}, "
        f"recall {recall:.4f}, F1 {_f1(precision, recall):.4f}"
    )


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--splink", action="store_true", help="also run the Splink baseline")
    args = parser.parse_args()
    say(f"machine: {os.cpu_count()} cores; load average before the run {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "cleaned.csv"
        wall, cpu = run_clean(args.records, output, args.workers)
        say(f"load average after the run (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        report_clean(*evaluate(output), wall, cpu)
    if args.splink:
        report_splink(args.records)


if __name__ == "__main__":
    main()
