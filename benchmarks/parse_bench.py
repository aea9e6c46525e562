"""Parser benchmark on the fixed dev split: element-level P/R/F1, per-label F1, addresses/s.

    .venv/bin/python benchmarks/parse_bench.py [--data PATH] [--model DIR] [--repeats N] [--no-jionlp]

Scores ``addressreg.parse`` (CCKS labels through the standard's crosswalk) on the dev
split of the labelled data with the gazetteer of the shipped reference data, times
``parse()`` alone on one core (CPU time of one process and thread, the median of
``--repeats`` passes; the CCKS conversion for scoring is not timed), and runs
jionlp's ``parse_location`` side by side on the labels it covers (prov, city, district,
town, community). jionlp returns names, not offsets: a name counts as a span where it
occurs in the text (searching left to right); names it infers but the text does not
contain (a province it fills in) are left out rather than counted wrong.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from addressreg.config import DEFAULT_STANDARD_DIR, PROJECT_ROOT
from addressreg.parse.evaluation import Scores, score
from addressreg.parse.labelled import LabelledAddress, read_labelled, split
from addressreg.parse.model import SHIPPED_MODEL_DIR, load_model
from addressreg.parse.parsed import to_ccks
from addressreg.parse.parser import parse
from addressreg.parse.reference_names import shipped_gazetteer
from addressreg.standard import load_standard


def say(line: str = "") -> None:
    """Write one line of the report to stdout."""
    sys.stdout.write(line + "\n")


SHARED = PROJECT_ROOT.parent / "shared" / "data"
JIONLP_KEYS = (
    ("province", "prov"),
    ("city", "city"),
    ("county", "district"),
    ("town", "town"),
    ("village", "community"),
)
JIONLP_LABELS = frozenset(label for _, label in JIONLP_KEYS)
Predict = Callable[[str], list[tuple[str, int, int]]]


def rate(predict: Callable[[str], object], texts: list[str], repeats: int) -> tuple[float, float]:
    """Addresses per CPU-second of ``predict`` over ``texts``: (median, best) of ``repeats`` passes.

    CPU time of this one single-threaded process, so that other load on a shared machine
    does not count against the parser (it still slows it down: shared caches and cores,
    hence the best pass next to the median). One untimed pass first warms the caches.
    """
    for text in texts:
        predict(text)
    seconds = []
    for _ in range(repeats):
        started = time.process_time()
        for text in texts:
            predict(text)
        seconds.append(time.process_time() - started)
    return len(texts) / statistics.median(seconds), len(texts) / min(seconds)


def ours(reference_dir: Path | None, model_dir: Path) -> tuple[Predict, Callable[[str], object]]:
    """The scoring predictor (CCKS spans) and the bare ``parse`` call that is timed."""
    standard = load_standard(DEFAULT_STANDARD_DIR)
    gazetteer = shipped_gazetteer(DEFAULT_STANDARD_DIR, reference_dir)
    model = load_model(model_dir)

    def predict(text: str) -> list[tuple[str, int, int]]:
        parsed = parse(text, gazetteer, standard, model)
        return [(str(e["label"]), int(e["start"]), int(e["end"])) for e in to_ccks(parsed, standard)]

    def parse_only(text: str) -> object:
        return parse(text, gazetteer, standard, model)

    return predict, parse_only


def jionlp_predictor() -> Predict | None:
    try:
        import jionlp
    except Exception as exc:  # any import failure means: no jionlp column
        say(f"jionlp unavailable: {exc}")
        return None

    def predict(text: str) -> list[tuple[str, int, int]]:
        result = jionlp.parse_location(text, town_village=True)
        spans, cursor = [], 0
        for key, label in JIONLP_KEYS:
            name = result.get(key)
            if not name:
                continue
            at = text.find(name, cursor)
            if at >= 0:
                spans.append((label, at, at + len(name)))
                cursor = at + len(name)
        return spans

    return predict


def table(name: str, scores: Scores, speed: tuple[float, float]) -> None:
    precision, recall, f1 = scores.micro()
    say(f"\n## {name}\n")
    say(
        f"micro P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}  |  {speed[0]:,.0f} addresses/s "
        f"(one core, median; best pass {speed[1]:,.0f})\n"
    )
    say("| label | P | R | F1 | support |\n|---|---|---|---|---|")
    for label, (p, r, f, n) in sorted(scores.per_label().items(), key=lambda kv: -kv[1][3]):
        say(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")


def only(rows: Iterable[LabelledAddress], labels: frozenset[str]) -> list[LabelledAddress]:
    return [LabelledAddress(r.row_id, r.text, tuple(s for s in r.spans if s[0] in labels)) for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED / "eval" / "parse_train.jsonl")
    parser.add_argument("--reference-dir", type=Path, default=None, help="default: the shipped data")
    parser.add_argument("--model", type=Path, default=SHIPPED_MODEL_DIR)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-jionlp", action="store_true")
    args = parser.parse_args()
    _, dev = split(read_labelled(args.data))
    texts = [row.text for row in dev]
    say(f"dev split: {len(dev)} addresses of {args.data.name}")
    predict, parse_only = ours(args.reference_dir, args.model)
    speed = rate(parse_only, texts, args.repeats)
    say(f"speed of parse(): median of {args.repeats} passes over the dev split, CPU time of one process")
    table("addressreg.parse, all labels", score(dev, predict), speed)
    table("addressreg.parse, jionlp's labels", score(only(dev, JIONLP_LABELS), predict, JIONLP_LABELS), speed)
    other = None if args.no_jionlp else jionlp_predictor()
    if other is not None:
        table(
            "jionlp.parse_location, its labels",
            score(only(dev, JIONLP_LABELS), other, JIONLP_LABELS),
            rate(other, texts, 1),
        )


if __name__ == "__main__":
    main()
