"""A data-driven rule after the CRF: complex or sub-complex, chosen by what came before.

A linear-chain CRF sees only the label right before a character, so it cannot tell a
sub-complex (``subpoi``: 胜达高科 in 新金穗大厦0楼胜达高科) from a complex (``poi``) once a
floor or building number stands between them. The labelled data says it plainly: a
sub-complex almost never comes without a complex before it, and after one it is the more
common of the two. The rule is learned from the gold spans of the training rows: for each
context ``(a span of the group came earlier, label of the span right before)`` seen at least
``min_support`` times, the group label written most often there. At run time every span of
the group is given its context's label; contexts without a choice keep the CRF's label.
The table is stored with the model (``parser.json``) and rebuilt by training.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Span = tuple[str, int, int]
# The label "before" the first span of an address.
START = "^"


@dataclass(frozen=True)
class ContextLabels:
    """``choice[(group seen before, label before)]`` is the label for a span of ``group``."""

    group: frozenset[str] = frozenset()
    choice: Mapping[tuple[bool, str], str] = field(default_factory=dict)

    def apply(self, spans: Sequence[Span]) -> list[Span]:
        """The spans with each span of the group relabelled by its context (same offsets)."""
        if not self.choice:
            return list(spans)
        out: list[Span] = []
        seen, before = False, START
        for label, start, end in spans:
            if label in self.group:
                out.append((self.choice.get((seen, before), label), start, end))
                seen = True
            else:
                out.append((label, start, end))
            before = label
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form with a stable order (for ``parser.json``)."""
        rows = sorted([seen, before, label] for (seen, before), label in self.choice.items())
        return {"group": sorted(self.group), "choice": rows}

    @classmethod
    def from_json(cls, data: object) -> ContextLabels:
        """Read :meth:`to_json`'s form.

        Raises:
            ValueError: naming the part of ``data`` that is malformed.
        """
        if not isinstance(data, dict) or not isinstance(data.get("group"), list):
            raise ValueError("context_labels: needs a 'group' list")
        choice: dict[tuple[bool, str], str] = {}
        for i, row in enumerate(data.get("choice", [])):
            if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], bool)):
                raise ValueError(f"context_labels.choice[{i}]: needs [bool, label before, label]")
            choice[(row[0], str(row[1]))] = str(row[2])
        return cls(frozenset(str(label) for label in data["group"]), choice)


def learn_context_labels(
    rows: Iterable[Sequence[Span]], group: Iterable[str], min_support: int
) -> ContextLabels:
    """The majority label of ``group`` per context in gold span lists (sorted by start);
    ties go to the label that sorts first, so the result never depends on row order."""
    members = frozenset(group)
    counts: dict[tuple[bool, str], Counter[str]] = {}
    for spans in rows:
        seen, before = False, START
        for label, _, _ in spans:
            if label in members:
                counts.setdefault((seen, before), Counter())[label] += 1
                seen = True
            before = label
    choice = {
        context: min(counter, key=lambda label: (-counter[label], label))
        for context, counter in counts.items()
        if sum(counter.values()) >= min_support
    }
    return ContextLabels(members, choice)
