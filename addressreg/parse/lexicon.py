"""The model's lexicon: names seen with a label in the training data (road, poi, town …).

It complements the gazetteer, which knows only Shenzhen's registry names, with the
names of the labelled training addresses. It is built by training and stored next to the
model; at training time each fold of the data sees a lexicon built without it, so the
model learns how far a lexicon hit can be trusted on names it has not seen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# Names shorter than this are not looked up (too many one-character hits).
MIN_NAME_LENGTH = 2


@dataclass(frozen=True)
class NameLexicon:
    """Names and the labels they were seen with; ``prefixes`` bounds each lookup."""

    names: Mapping[str, tuple[str, ...]]
    prefixes: frozenset[str] = field(repr=False)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> NameLexicon:
        """Build from ``(label, name)`` pairs; short names are left out."""
        table: dict[str, set[str]] = {}
        for label, name in pairs:
            if len(name) >= MIN_NAME_LENGTH:
                table.setdefault(name, set()).add(label)
        names = {name: tuple(sorted(labels)) for name, labels in table.items()}
        return cls(names, frozenset(n[:k] for n in names for k in range(1, len(n) + 1)))

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """``(label, start, end)`` of every lexicon name in ``text``."""
        found: list[tuple[str, int, int]] = []
        prefixes, names = self.prefixes, self.names
        size = len(text)
        for start in range(size):
            end = start + 1
            while end <= size and text[start:end] in prefixes:
                for label in names.get(text[start:end], ()):
                    found.append((label, start, end))
                end += 1
        return found

    def save(self, path: Path) -> None:
        """Write as JSON: label → sorted names (stable bytes for the same lexicon)."""
        by_label: dict[str, list[str]] = {}
        for name, labels in self.names.items():
            for label in labels:
                by_label.setdefault(label, []).append(name)
        data = {label: sorted(names) for label, names in sorted(by_label.items())}
        path.write_text(
            json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> NameLexicon:
        """Read a lexicon written by :meth:`save`.

        Raises:
            ValueError: the file is not a JSON object of label → list of names.
        """
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
            raise ValueError(f"{path}: a lexicon is a JSON object of label -> list of names")
        return cls.from_pairs((label, str(name)) for label, names in data.items() for name in names)
