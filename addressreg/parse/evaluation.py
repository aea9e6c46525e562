"""Element-level scores of a parser against gold spans: micro P/R/F1 and per-label F1.

An element counts as correct only if its label, start and end all equal a gold element's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from addressreg.parse.labelled import LabelledAddress

Span = tuple[str, int, int]


@dataclass(frozen=True)
class Scores:
    """True positives, false positives and false negatives per label."""

    true_positives: dict[str, int]
    false_positives: dict[str, int]
    false_negatives: dict[str, int]

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def micro(self) -> tuple[float, float, float]:
        """Micro-averaged precision, recall and F1 over all labels."""
        return self._f1(
            sum(self.true_positives.values()),
            sum(self.false_positives.values()),
            sum(self.false_negatives.values()),
        )

    def labels(self) -> list[str]:
        """Every label seen in gold or predictions, sorted."""
        return sorted({*self.true_positives, *self.false_positives, *self.false_negatives})

    def per_label(self) -> dict[str, tuple[float, float, float, int]]:
        """Precision, recall, F1 and gold support of each label."""
        out = {}
        for label in self.labels():
            tp = self.true_positives.get(label, 0)
            fn = self.false_negatives.get(label, 0)
            out[label] = (*self._f1(tp, self.false_positives.get(label, 0), fn), tp + fn)
        return out


def score(
    rows: Iterable[LabelledAddress],
    predict: Callable[[str], Iterable[Span]],
    labels: Collection[str] | None = None,
) -> Scores:
    """Score ``predict`` (text → ``(label, start, end)`` spans) on gold rows.

    With ``labels``, only gold and predicted spans of those labels count (to compare a
    parser that knows only some labels, such as jionlp's, on the labels it covers).
    """
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for row in rows:
        gold = {s for s in row.spans if labels is None or s[0] in labels}
        predicted = {s for s in predict(row.text) if labels is None or s[0] in labels}
        for label, _, _ in gold & predicted:
            tp[label] += 1
        for label, _, _ in predicted - gold:
            fp[label] += 1
        for label, _, _ in gold - predicted:
            fn[label] += 1
    return Scores(dict(tp), dict(fp), dict(fn))
