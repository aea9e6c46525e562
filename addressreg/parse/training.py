"""Training the CRF parser from labelled addresses, deterministically.

The same rows, gazetteer, standard and parameters always give the same model: rows keep
their file order, lexicon folds are fixed by position, and L-BFGS has no randomness.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from addressreg.normalise.pipeline import fold
from addressreg.parse.context_labels import learn_context_labels
from addressreg.parse.features import FEATURES_VERSION, Item, feature_context, sequence_features
from addressreg.parse.gazetteer import Gazetteer
from addressreg.parse.labelled import LabelledAddress
from addressreg.parse.lexicon import NameLexicon
from addressreg.parse.model import CRF_FILE, LEXICON_FILE, META_FILE
from addressreg.parse.tagging import spans_to_tags
from addressreg.standard.rules import AddressStandard

# Labels whose names can go into the lexicon (places; not numbers or noise). The shipped
# model uses none: on the dev split a jackknifed lexicon of these labels moved micro-F1 by
# under 0.001 and cost a quarter of the parse time (see the training report).
PLACE_LABELS = ("prov", "city", "district", "devzone", "town", "community", "road", "poi", "subpoi")


@dataclass(frozen=True)
class TrainingParams:
    """CRF and data parameters, recorded in the model's metadata.

    Chosen by cross-validation inside the train split (never the dev split): c1 0.02–1.0,
    c2 0.01–0.05 and 300 iterations all scored within noise of these. A begin tag for
    every label that ever stands twice in a row (``begin_tag_min_pairs`` 1: 17 labels, 42
    tags) scored micro-F1 0.895 on two folds of a 5-fold split, against 0.894 for a
    threshold of 2 and 0.893 for 10 (11 labels, 36 tags); a threshold of 100 cost 0.013.
    More tags cost time: Viterbi grows with their square (about 9 µs more per address).
    """

    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 150
    lexicon_folds: int = 5
    # A label gets a begin tag if it stands twice in a row at least this often in training.
    begin_tag_min_pairs: int = 1
    lexicon_labels: tuple[str, ...] = field(default=())
    # The labels relabelled by context after the CRF, and the gold spans a context needs
    # (addressreg.parse.context_labels): +0.002 micro-F1 on two folds of a 5-fold split of the
    # train split; a support of 10 or 50 scored the same or lower, other label pairs lower.
    context_group: tuple[str, ...] = ("poi", "subpoi")
    context_min_support: int = 20


def begin_labels(rows: Sequence[LabelledAddress], min_pairs: int) -> frozenset[str]:
    """Labels that often follow themselves directly (two POIs back to back)."""
    pairs: Counter[str] = Counter()
    for row in rows:
        for left, right in zip(row.spans, row.spans[1:], strict=False):
            if left[2] == right[1] and left[0] == right[0]:
                pairs[left[0]] += 1
    return frozenset(label for label, count in pairs.items() if count >= min_pairs)


def folded_spans(
    row: LabelledAddress, source_starts: Sequence[int], source_ends: Sequence[int]
) -> list[tuple[str, int, int]]:
    """Gold spans carried onto the folded text: a folded character belongs to the span that
    contains its source; spans that lose every character (dropped controls) vanish."""
    out = []
    for label, start, end in row.spans:
        inside = [
            k
            for k, (s, e) in enumerate(zip(source_starts, source_ends, strict=True))
            if s >= start and e <= end
        ]
        if inside:
            out.append((label, inside[0], inside[-1] + 1))
    return out


def lexicon_of(rows: Sequence[LabelledAddress], labels: Sequence[str]) -> NameLexicon:
    """The names of ``labels`` in ``rows``."""
    wanted = set(labels)
    return NameLexicon.from_pairs(
        (label, row.text[start:end]) for row in rows for label, start, end in row.spans if label in wanted
    )


def training_sequences(
    rows: Sequence[LabelledAddress],
    gazetteer: Gazetteer,
    standard: AddressStandard,
    params: TrainingParams,
    begin: frozenset[str],
) -> Iterator[tuple[list[Item], list[str]]]:
    """(features, tags) of each row; each fold's lexicon is built from the other folds."""
    context = feature_context(standard.normalisation)
    folds = params.lexicon_folds
    for k in range(folds):
        others = [row for i, row in enumerate(rows) if i % folds != k]
        lexicon = lexicon_of(others, params.lexicon_labels)
        for row in rows[k::folds]:
            folded = fold(row.text, standard.normalisation)
            items = sequence_features(
                folded.text, context, gazetteer.spans(folded.text), lexicon.spans(folded.text)
            )
            spans = folded_spans(row, folded.starts, folded.ends)
            yield items, spans_to_tags(len(folded.text), spans, begin)


def train(
    rows: Sequence[LabelledAddress],
    gazetteer: Gazetteer,
    standard: AddressStandard,
    out_dir: Path,
    params: TrainingParams,
    metadata: dict[str, Any],
) -> dict[str, Any]:
    """Train on ``rows`` and write the model directory; returns the metadata written.

    ``metadata`` (data hash, dev score …) is stored with the parameters and begin labels.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    begin = begin_labels(rows, params.begin_tag_min_pairs)
    trainer = pycrfsuite.Trainer(verbose=False)
    for items, tags in training_sequences(rows, gazetteer, standard, params, begin):
        trainer.append(items, tags)
    trainer.set_params(
        {
            "c1": params.c1,
            "c2": params.c2,
            "max_iterations": params.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(out_dir / CRF_FILE))
    lexicon_of(rows, params.lexicon_labels).save(out_dir / LEXICON_FILE)
    context = learn_context_labels(
        (row.spans for row in rows), params.context_group, params.context_min_support
    )
    written = {
        **metadata,
        "begin_labels": sorted(begin),
        "context_labels": context.to_json(),
        "features_version": FEATURES_VERSION,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in vars(params).items()},
        "standard_version": standard.version,
    }
    write_metadata(out_dir, written)
    return written


def write_metadata(out_dir: Path, metadata: dict[str, Any]) -> None:
    """Write ``parser.json`` (sorted keys, stable bytes)."""
    text = json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (out_dir / META_FILE).write_text(text, encoding="utf-8")
