"""Labelled addresses (CCKS 2021 / NAACL 2019 JSON lines) and the fixed dev split.

A row is ``{"id", "text", "elements": [{"label", "text", "start", "end"}], ...}``. The dev
split holds the rows whose id hashes (SHA-256) into the first ``DEV_BUCKETS`` of
``BUCKETS``: fixed by the id alone, whatever the order or the other rows of the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

BUCKETS = 10
DEV_BUCKETS = 1


class LabelledDataError(ValueError):
    """A labelled row is malformed; the message names the file, line and field."""


@dataclass(frozen=True)
class LabelledAddress:
    """One gold-labelled address: spans are ``(label, start, end)`` into ``text``."""

    row_id: str
    text: str
    spans: tuple[tuple[str, int, int], ...]


def is_dev(row_id: str) -> bool:
    """Whether a row belongs to the fixed dev split (10 % of ids)."""
    digest = hashlib.sha256(row_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % BUCKETS < DEV_BUCKETS


def _row(raw: object, where: str) -> LabelledAddress:
    if not isinstance(raw, dict):
        raise LabelledDataError(f"{where}: a row must be a JSON object")
    for key, kind in (("id", str), ("text", str), ("elements", list)):
        if not isinstance(raw.get(key), kind):
            raise LabelledDataError(f"{where}: field {key!r} missing or not {kind.__name__}")
    text = raw["text"]
    spans = []
    for i, element in enumerate(raw["elements"]):
        field = f"{where}: elements[{i}]"
        if not isinstance(element, dict) or not isinstance(element.get("label"), str):
            raise LabelledDataError(f"{field}: needs a string 'label'")
        start, end = element.get("start"), element.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            raise LabelledDataError(f"{field}: start/end must satisfy 0 <= start < end <= len(text)")
        if element.get("text") != text[start:end]:
            raise LabelledDataError(f"{field}: 'text' differs from text[start:end]")
        spans.append((element["label"], start, end))
    return LabelledAddress(raw["id"], text, tuple(sorted(spans, key=lambda s: s[1])))


def read_labelled(path: Path) -> Iterator[LabelledAddress]:
    """Rows of a labelled JSON-lines file, in order.

    Raises:
        LabelledDataError: naming the file, line and field of the first malformed row.
    """
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabelledDataError(f"{where}: not valid JSON: {exc}") from None
            yield _row(raw, where)


def split(rows: Iterable[LabelledAddress]) -> tuple[list[LabelledAddress], list[LabelledAddress]]:
    """``(train, dev)`` by :func:`is_dev`, each in input order."""
    train: list[LabelledAddress] = []
    dev: list[LabelledAddress] = []
    for row in rows:
        (dev if is_dev(row.row_id) else train).append(row)
    return train, dev


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (recorded next to a model to name its training data)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
