"""Streaming JSON lines of address pairs through a comparer.

Each input line is an object with string fields ``"a"`` and ``"b"``; its output line is
the same object with ``"label"`` and ``"score"`` set. A ``"label"`` already present (a
reference label) is kept as ``"input_label"``, not overwritten. A line that is not such an
object gives ``{"line": N, "error": "..."}`` in its place, so lines in = lines out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from addressreg.compare.pairs import PairVerdict


class Comparer(Protocol):
    """Anything that labels a pair of address texts."""

    def compare(self, a: str, b: str) -> PairVerdict:
        """The verdict on ``(a, b)``."""
        ...


@dataclass
class StreamCounts:
    """How many lines were compared and how many were refused."""

    compared: int = 0
    refused: int = 0


def compare_lines(lines: Iterable[str], comparer: Comparer, counts: StreamCounts) -> Iterator[str]:
    """One output JSON line (without newline) per input line; blank lines are skipped."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record, error = _pair(line, number)
        if error:
            counts.refused += 1
            yield json.dumps({"line": number, "error": error}, ensure_ascii=False)
            continue
        verdict = comparer.compare(record["a"], record["b"])
        if "label" in record:
            record["input_label"] = record["label"]
        record["label"], record["score"] = verdict.label, round(verdict.score, 4)
        counts.compared += 1
        yield json.dumps(record, ensure_ascii=False)


def _pair(line: str, number: int) -> tuple[dict[str, Any], str]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {}, f"第 {number} 行不是有效的 JSON：{exc}"
    if not isinstance(record, dict):
        return {}, f"第 {number} 行不是 JSON 对象"
    for key in ("a", "b"):
        if not isinstance(record.get(key), str):
            return {}, f"第 {number} 行缺少字符串字段“{key}”"
    return record, ""
