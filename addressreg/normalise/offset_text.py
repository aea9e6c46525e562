"""Text that remembers, for every character, the span of the original input it came from.

Each normalisation step rewrites an :class:`OffsetText` into a new one, so that a span of
the normalised text can always be traced back to the input the user gave.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OffsetText:
    """``text`` with, for each character ``i``, its source span ``[starts[i], ends[i])``.

    ``source_length`` is the length of the original input. Invariants: the tuples have
    ``len(text)`` entries; spans are non-decreasing and lie inside the input.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    source_length: int

    @classmethod
    def identity(cls, text: str) -> OffsetText:
        """The input itself: character ``i`` comes from ``[i, i + 1)``."""
        size = len(text)
        return cls(text, tuple(range(size)), tuple(range(1, size + 1)), size)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original input behind ``text[start:end]`` (``start < end``).

        An empty span maps to the input position just before ``start``'s character.
        """
        if start >= end:
            anchor = self.starts[start] if start < len(self.text) else self.source_length
            return anchor, anchor
        return self.starts[start], self.ends[end - 1]

    def rewrite(self, edits: Iterable[tuple[int, int, str]]) -> OffsetText:
        """Replace ``text[start:end]`` by ``replacement`` for each edit.

        Edits must be sorted and must not overlap. A replacement's characters all take
        the source span of the text they replace; an insertion into an empty span takes the
        position of the following character.
        """
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cursor = 0
        for start, end, replacement in edits:
            pieces.append(self.text[cursor:start])
            starts.extend(self.starts[cursor:start])
            ends.extend(self.ends[cursor:start])
            span = self.source_span(start, end)
            pieces.append(replacement)
            starts.extend([span[0]] * len(replacement))
            ends.extend([span[1]] * len(replacement))
            cursor = end
        if cursor == 0 and not pieces:
            return self
        pieces.append(self.text[cursor:])
        starts.extend(self.starts[cursor:])
        ends.extend(self.ends[cursor:])
        return OffsetText("".join(pieces), tuple(starts), tuple(ends), self.source_length)

    def map_characters(self, mapping: dict[str, str]) -> OffsetText:
        """Replace single characters by strings (possibly empty) from ``mapping``."""
        edits = [(i, i + 1, mapping[ch]) for i, ch in enumerate(self.text) if ch in mapping]
        return self.rewrite(edits) if edits else self
