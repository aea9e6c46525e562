"""Matching benchmark: precision / recall of categories A+B on generated records, and speed.

    .venv/bin/python benchmarks/match_eval.py --records FILE.csv [--limit N] [--source memory|postgis]
        [--show-errors N]

Records come from ``addressreg generate records`` (record_id,address,truth_code,truth_level,
noise,style). A resolution is correct when its code equals truth_code; for truth_level
``none`` the correct answer is category U or C. Precision = correct A/B ÷ all A/B; recall =
correct A/B ÷ records with a truth code. Speed is resolutions per CPU-second of this one
process, parsing included (every record resolved, no de-duplication).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from addressreg.config import settings_from_env
from addressreg.match.resolution import Resolution
from addressreg.records import read_records_csv
from addressreg.store.engine import make_engine
from addressreg.store.resolver import load_resolver


def say(line: str = "") -> None:
    """Write one line of the report."""
    sys.stdout.write(line + "\n")


def _ratio(num: int, den: int) -> str:
    return f"{100.0 * num / den:6.2f}%" if den else "   n/a"


class Tally:
    """Counts for one slice of the records."""

    def __init__(self) -> None:
        self.n = self.positives = self.accepted = self.correct = 0

    def add(self, truth: str, resolution: Resolution) -> None:
        self.n += 1
        self.positives += bool(truth)
        if resolution.category.value in "AB":
            self.accepted += 1
            self.correct += bool(truth) and resolution.code == truth

    def line(self, name: str) -> str:
        p, r = _ratio(self.correct, self.accepted), _ratio(self.correct, self.positives)
        return f"{name:28s} n={self.n:7d}  A+B precision {p}  recall {r}"


def _engine(source: str):  # type: ignore[no-untyped-def]
    settings = settings_from_env()
    engine = make_engine(settings.require_database_url())
    started = time.perf_counter()
    resolver = load_resolver(engine, settings.standard_dir)
    if source == "postgis":
        from functools import partial

        from addressreg.normalise.pipeline import normalise
        from addressreg.store.postgis_source import PostgisSource

        resolver.source = PostgisSource(
            engine, resolver.units, partial(normalise, rules=resolver.normalisation)
        )
    say(f"index loaded in {time.perf_counter() - started:.1f} s")
    return resolver


def main() -> None:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--source", choices=("memory", "postgis"), default="memory")
    parser.add_argument("--show-errors", type=int, default=0)
    args = parser.parse_args()
    records = list(read_records_csv(args.records))
    records = records[: args.limit] if args.limit else records
    resolver = _engine(args.source)
    # As in clean's and the loaders' workers (addressreg.forked_workers): the loaded index is
    # frozen out of the collector, so full collections do not walk it again and again.
    gc.collect()
    gc.freeze()
    started = time.process_time()
    wall = time.perf_counter()
    results = [resolver.resolve(r.text) for r in records]
    cpu, wall = time.process_time() - started, time.perf_counter() - wall
    say(
        f"{len(records)} records ({len({r.text for r in records})} distinct texts): "
        f"{len(records) / cpu:,.0f} resolutions per CPU-second, {cpu / len(records) * 1e6:.1f} CPU µs each "
        f"({len(records) / wall:,.0f}/s wall)"
    )
    report(records, results, args.show_errors)


def report(records: list, results: list[Resolution], show_errors: int) -> None:  # type: ignore[type-arg]
    """Print the overall, per-category, per-noise-step and per-style figures."""
    overall, by_step, by_style = Tally(), defaultdict(Tally), defaultdict(Tally)
    categories: Counter[str] = Counter()
    levels: Counter[tuple[str, str]] = Counter()
    errors = []
    for record, resolution in zip(records, results, strict=True):
        truth = record.truth_code or ""
        overall.add(truth, resolution)
        by_style[record.style].add(truth, resolution)
        for step in record.noise or ("(none)",):
            by_step[step].add(truth, resolution)
        right = resolution.code == truth if truth else resolution.category.value in "UC"
        categories[f"{resolution.category.value} {'right' if right else 'wrong'}"] += 1
        levels[(record.truth_level, resolution.level.value)] += 1
        if resolution.category.value in "AB" and not right:
            errors.append((record, resolution))
    say(overall.line("ALL"))
    say("\ncategories: " + ", ".join(f"{k}: {v}" for k, v in sorted(categories.items())))
    say("\nper noise step:")
    for step in sorted(by_step):
        say(by_step[step].line(step))
    say("\nper style:")
    for style in sorted(by_style):
        say(by_style[style].line(style))
    say("\nlevels (truth → resolved): " + ", ".join(f"{t}→{r}: {n}" for (t, r), n in sorted(levels.items())))
    for record, resolution in errors[:show_errors]:
        say(
            f"\nWRONG {resolution.category.value} {record.text} "
            f"truth={record.truth_code} got={resolution.code}"
        )
        say(f"      noise={'|'.join(record.noise)} {resolution.explanation}")


if __name__ == "__main__":
    main()
