"""``compare`` benchmark on labelled address pairs: accuracy, macro-F1, confusion matrix.

    .venv/bin/python benchmarks/compare_bench.py [--data PATH] [--fit]

The pairs (CCKS 2021 address relevance, ``shared/data/eval/pairs_train.jsonl``) are split
by their ``group`` (one query address and its candidates) into a *fit* half and a *report*
half by a hash of the group name, so no query is in both. Figures are reported on the
report half with the thresholds of ``matching.yaml``. ``--fit`` searches the two score
thresholds on the fit half only and prints the best pair, to be copied into the YAML by
hand; the report half is never used to choose them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from addressreg.compare import LABELS, CompareRules, PairComparer, load_compare_rules
from addressreg.config import DEFAULT_STANDARD_DIR, PROJECT_ROOT
from addressreg.parse.reference_names import shipped_gazetteer
from addressreg.standard import load_standard

DATA = PROJECT_ROOT.parent / "shared" / "data" / "eval" / "pairs_train.jsonl"
Pair = tuple[str, str, str]


def say(line: str = "") -> None:
    """Write one line of the report to stdout."""
    sys.stdout.write(line + "\n")


def read_pairs(path: Path) -> tuple[list[Pair], list[Pair]]:
    """(fit, report) halves of the pairs ``(a, b, label)``, split by a hash of the group."""
    fit: list[Pair] = []
    report: list[Pair] = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            half = fit if hashlib.sha1(record["group"].encode()).digest()[0] % 2 == 0 else report
            half.append((record["a"], record["b"], record["label"]))
    return fit, report


def scores(pairs: list[Pair], predicted: list[str]) -> tuple[float, float, Counter[tuple[str, str]]]:
    """Accuracy, macro-F1 over the three labels, and the confusion counts (truth, predicted)."""
    confusion = Counter((truth, guess) for (_, _, truth), guess in zip(pairs, predicted, strict=True))
    accuracy = sum(confusion[(label, label)] for label in LABELS) / max(len(pairs), 1)
    f1s = []
    for label in LABELS:
        tp = confusion[(label, label)]
        fp = sum(confusion[(t, label)] for t in LABELS if t != label)
        fn = sum(confusion[(label, p)] for p in LABELS if p != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return accuracy, sum(f1s) / len(f1s), confusion


def predict(comparer: PairComparer, pairs: list[Pair], rules: CompareRules) -> list[str]:
    """The predicted label of each pair under ``rules``."""
    return [comparer.compare(a, b, rules).label for a, b, _ in pairs]


def fit(comparer: PairComparer, pairs: list[Pair]) -> CompareRules:
    """The thresholds with the best macro-F1 on ``pairs`` (a grid of 0.05 steps)."""
    best, best_f1 = comparer.rules, -1.0
    grid = [round(0.05 * i, 2) for i in range(6, 21)]
    for exact in grid:
        for partial in (p for p in grid if p <= exact):
            rules = replace(comparer.rules, exact_min_score=exact, partial_min_score=partial)
            f1 = scores(pairs, predict(comparer, pairs, rules))[1]
            if f1 > best_f1:
                best, best_f1 = rules, f1
    say(
        f"fit half: best macro-F1 {best_f1:.4f} at exact_min_score {best.exact_min_score}, "
        f"partial_min_score {best.partial_min_score}"
    )
    return best


def report(pairs: list[Pair], predicted: list[str], seconds: float) -> None:
    """Print accuracy, macro-F1, the confusion matrix and the speed."""
    accuracy, macro_f1, confusion = scores(pairs, predicted)
    say(
        f"report half: {len(pairs):,} pairs; accuracy {accuracy:.4f}; macro-F1 {macro_f1:.4f}; "
        f"{len(pairs) / seconds:,.0f} pairs/s (one process, parses cached)"
    )
    say("| truth \\ predicted | " + " | ".join(LABELS) + " |")
    say("| --- | " + " | ".join("---:" for _ in LABELS) + " |")
    for truth in LABELS:
        say(f"| {truth} | " + " | ".join(f"{confusion[(truth, guess)]:,}" for guess in LABELS) + " |")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--fit", action="store_true", help="search the thresholds on the fit half")
    args = parser.parse_args()
    standard = load_standard(DEFAULT_STANDARD_DIR)
    comparer = PairComparer(
        shipped_gazetteer(DEFAULT_STANDARD_DIR), standard, load_compare_rules(DEFAULT_STANDARD_DIR)
    )
    fit_pairs, report_pairs = read_pairs(args.data)
    if args.fit:
        fit(comparer, fit_pairs)
    started = time.perf_counter()
    predicted = predict(comparer, report_pairs, comparer.rules)
    report(report_pairs, predicted, time.perf_counter() - started)


if __name__ == "__main__":
    main()
