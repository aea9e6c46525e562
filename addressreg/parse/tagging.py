"""Tags of the CRF and the spans they stand for.

A character's tag is ``I-<label>`` inside an element, ``B-<label>`` on the first character
of an element whose label often stands twice in a row (two POIs back to back), and ``O``
outside elements. Only those labels get a begin tag: fewer tags make tagging faster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

OUTSIDE = "O"


def spans_to_tags(
    length: int, spans: Iterable[tuple[str, int, int]], begin_labels: frozenset[str]
) -> list[str]:
    """Tags for a text of ``length`` characters carrying ``(label, start, end)`` spans.

    Raises:
        ValueError: a span is empty, outside the text, or overlaps another span.
    """
    tags = [OUTSIDE] * length
    for label, start, end in spans:
        if not 0 <= start < end <= length:
            raise ValueError(f"span {label} [{start}, {end}) is empty or outside a text of {length}")
        if any(tag != OUTSIDE for tag in tags[start:end]):
            raise ValueError(f"span {label} [{start}, {end}) overlaps another span")
        tags[start] = ("B-" if label in begin_labels else "I-") + label
        for k in range(start + 1, end):
            tags[k] = "I-" + label
    return tags


def tags_to_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` of each run of tags: a new span starts at a ``B-`` tag or
    where the label changes."""
    spans: list[tuple[str, int, int]] = []
    label: str | None = None
    start = 0
    for i, tag in enumerate(tags):
        if tag == OUTSIDE:
            if label is not None:
                spans.append((label, start, i))
                label = None
            continue
        new = tag[2:]
        if label is not None and (new != label or tag[0] == "B"):
            spans.append((label, start, i))
            label = None
        if label is None:
            label, start = new, i
    if label is not None:
        spans.append((label, start, len(tags)))
    return spans
