"""Train the CRF address parser on the labelled data, score it on the fixed dev split.

    .venv/bin/python scripts/train_parser.py --data ../shared/data/eval/parse_train.jsonl \
        --out addressreg/parse/models

Trains on the train split only (the dev split is fixed by a hash of each row id), with the
gazetteer of the shipped reference data (``addressreg/reference/data``, the parser's
default at run time), then
writes parser.crfsuite, lexicon.json and parser.json (training-data hash, parameters,
dev-split micro P/R/F1) into --out. Deterministic: the same data gives the same model.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.parse.evaluation import score
from addressreg.parse.labelled import file_digest, read_labelled, split
from addressreg.parse.model import load_model, read_metadata
from addressreg.parse.parsed import to_ccks
from addressreg.parse.parser import parse
from addressreg.parse.reference_names import shipped_gazetteer
from addressreg.parse.training import TrainingParams, train, write_metadata
from addressreg.standard import load_standard


@click.command()
@click.option("--data", "data", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option(
    "--reference-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Reference data in the shipped format (default: the shipped folder).",
)
@click.option("--max-iterations", type=int, default=TrainingParams.max_iterations)
@click.option("--c1", type=float, default=TrainingParams.c1, help="L1 penalty of the CRF.")
@click.option("--c2", type=float, default=TrainingParams.c2, help="L2 penalty of the CRF.")
@click.option("--score-only", is_flag=True, help="Re-score the model in --out without training.")
def main(
    data: Path,
    out: Path,
    reference_dir: Path | None,
    max_iterations: int,
    c1: float,
    c2: float,
    score_only: bool,
) -> None:
    """Train the parser model and record its dev-split score."""
    standard = load_standard(DEFAULT_STANDARD_DIR)
    gazetteer = shipped_gazetteer(DEFAULT_STANDARD_DIR, reference_dir)
    train_rows, dev_rows = split(read_labelled(data))
    params = TrainingParams(c1=c1, c2=c2, max_iterations=max_iterations)
    started = time.perf_counter()
    if score_only:
        meta = read_metadata(out)
    else:
        meta = {"data_sha256": file_digest(data), "train_rows": len(train_rows), "dev_rows": len(dev_rows)}
        meta = train(train_rows, gazetteer, standard, out, params, meta)
    seconds = time.perf_counter() - started
    model = load_model(out)

    def predict(text: str) -> list[tuple[str, int, int]]:
        parsed = parse(text, gazetteer, standard, model)
        return [(str(e["label"]), int(e["start"]), int(e["end"])) for e in to_ccks(parsed, standard)]

    precision, recall, f1 = score(dev_rows, predict).micro()
    meta["dev_micro"] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    write_metadata(out, meta)
    done = "scored" if score_only else "trained"
    click.echo(f"{done} in {seconds:.0f} s; dev micro P {precision:.4f} R {recall:.4f} F1 {f1:.4f}", err=True)


if __name__ == "__main__":
    main()
