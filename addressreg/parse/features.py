"""Character features for the CRF tagger.

Each character of the folded input gets: itself and its two neighbours, the bigrams on
each side and the trigram around it, the classes of itself and its neighbours (digit,
letter, Chinese numeral, Han, other), the markers and name suffixes of the standard it
belongs to, and whether it begins, continues or ends a name found by the gazetteer (per
kind) or by the model's lexicon (per label). Training and tagging call the same function,
so they always agree. Seven features per character plus the words and names: each one
costs time in the CRF, and wider windows (±2, bigrams two away) gained no accuracy in
cross-validation on the train split.

The seven window features of a character depend only on the text's digit style and the
three characters around it, so they are computed once per (style, trigram) and kept in a
bounded memo table as UTF-8 ``bytes`` (what the CRF library stores): tagging an address
costs one dictionary lookup per character, plus the words and names.

The text's *digit style* is part of the class and punctuation features: ``R`` when it
holds a digit 1–9, ``M`` when its only digit is 0 (masked numbers, as in the CCKS 2021
data), ``N`` without digits. The two labelled corpora follow different conventions
(NAACL 2019 labels separators such as ``-`` as redundant and rooms as room numbers; CCKS
leaves separators unlabelled), and the style tells the model which one a text resembles.
Real addresses have real digits, so at run time the model follows the NAACL convention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from addressreg.standard.rules import NormalisationRules

# The version of the feature set, recorded with a model: a model trained on other features
# is refused rather than silently mis-tagging (bump it whenever the features change).
FEATURES_VERSION = 2
# Characters of padding to each side (the widest feature, the trigram, reaches one).
PAD = "^"
END = "$"
# Memo tables stop growing past this many entries (bounded memory on any input: a window
# entry takes about 0.6 kB, so each style's table stays under about 60 MB).
TABLE_LIMIT = 100_000
REAL_DIGIT = re.compile("[1-9]")
# The digit styles of :func:`digit_style`.
DIGIT_STYLES = ("R", "M", "N")
# The features of one character: the CRF library takes ``str`` and UTF-8 ``bytes`` alike.
Item = Sequence[str | bytes]
# The class of characters that are neither digits, letters, numerals nor Han (punctuation).
OTHER = "P"


class _ClassTable(dict[int, str]):
    """Code point → class letter, for ``str.translate``; filled on first use."""

    def __init__(self, numerals: frozenset[str]) -> None:
        super().__init__()
        self.numerals = numerals

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if "0" <= ch <= "9":
            kind = "D"
        elif "A" <= ch <= "Z" or "a" <= ch <= "z":
            kind = "A"
        elif ch in self.numerals:
            kind = "N"
        elif "\u4e00" <= ch <= "\u9fff":
            kind = "H"
        else:
            kind = OTHER
        if len(self) < TABLE_LIMIT:
            self[code] = kind
        return kind


class _WindowTable(dict[str, tuple[bytes, ...]]):
    """``previous + current + next character`` → the seven window features, for texts of
    one digit style.

    The features: the character (punctuation with the digit style), each neighbour, the
    bigram on each side, the trigram, and the style with the three characters' classes.
    """

    def __init__(self, classes: _ClassTable, style: str, known: frozenset[bytes] | None) -> None:
        super().__init__()
        self.classes = classes
        self.style = style
        self.known = known

    def __missing__(self, key: str) -> tuple[bytes, ...]:
        style, before, ch, after = self.style, key[0], key[1], key[2]
        kinds = (before + ch + after).translate(self.classes)
        own = f"c0={ch}" if kinds[1] != OTHER else f"c0={style}{ch}"
        names = (
            own,
            f"c-1={before}",
            f"c1={after}",
            f"b-1={before}{ch}",
            f"b0={ch}{after}",
            f"t={before}{ch}{after}",
            f"k={style}{kinds}",
        )
        value = tuple(name.encode() for name in names)
        if self.known is not None:
            value = tuple(name for name in value if name in self.known)
        if len(self) < TABLE_LIMIT:
            self[key] = value
        return value


@dataclass(frozen=True, eq=False)
class FeatureContext:
    """What feature extraction needs from the standard, compiled once, and its memo tables."""

    word_pattern: re.Pattern[str]
    word_kinds: dict[str, str]
    classes: _ClassTable = field(repr=False)
    windows: dict[str, _WindowTable] = field(repr=False)
    marks: _MarkTable = field(repr=False)


def feature_context(rules: NormalisationRules, known: frozenset[bytes] | None = None) -> FeatureContext:
    """Compile the standard's markers and suffixes into one regex of marker words.

    ``known``: the attributes a trained model has weights for (``ParserModel.attributes``);
    window features outside it are left out. They add nothing to any tag's score, so the
    tags are the same, but each would cost the CRF a look-up. Training passes None.
    """
    kinds: dict[str, str] = {}
    for marker in rules.markers:
        for variant in marker.variants:
            kinds.setdefault(variant, "M" + marker.element)
    for suffix in rules.suffixes:
        for variant in (*suffix.variants, suffix.canonical):
            kinds.setdefault(variant, "S" + suffix.level)
    words = sorted(kinds, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    numerals = frozenset(ch for ch, _ in (*rules.numerals.digits, *rules.numerals.multipliers))
    classes = _ClassTable(numerals)
    windows = {style: _WindowTable(classes, style, known) for style in DIGIT_STYLES}
    return FeatureContext(pattern, kinds, classes, windows, _MarkTable())


def digit_style(text: str) -> str:
    """``R`` (a digit 1–9), ``M`` (only 0s: masked numbers) or ``N`` (no digit)."""
    if REAL_DIGIT.search(text):
        return "R"
    return "M" if "0" in text else "N"


class _MarkTable(dict[str, tuple[bytes, bytes, bytes, bytes]]):
    """``prefix + kind`` → its begin, inside, end and single-character marks as UTF-8."""

    def __missing__(self, tag: str) -> tuple[bytes, bytes, bytes, bytes]:
        value = (f"{tag}B".encode(), f"{tag}I".encode(), f"{tag}E".encode(), f"{tag}S".encode())
        if len(self) < TABLE_LIMIT:
            self[tag] = value
        return value


def _span_marks(
    marks: dict[int, list[bytes]], spans: Iterable[tuple[str, int, int]], prefix: str, names: _MarkTable
) -> None:
    """Add the B/I/E/S mark of each distinct ``(kind, start, end)`` span to the positions
    it covers (a span listed twice is marked once)."""
    for kind, start, end in dict.fromkeys(spans):
        begin, inside, last, single = names[prefix + kind]
        if end - start == 1:
            marks.setdefault(start, []).append(single)
            continue
        marks.setdefault(start, []).append(begin)
        for k in range(start + 1, end - 1):
            marks.setdefault(k, []).append(inside)
        marks.setdefault(end - 1, []).append(last)


def sequence_features(
    text: str,
    context: FeatureContext,
    gazetteer_spans: Iterable[tuple[str, int, int]] = (),
    lexicon_spans: Iterable[tuple[str, int, int]] = (),
) -> list[Item]:
    """The features of every character of ``text`` (already folded): one sequence of
    ``str`` / UTF-8 ``bytes`` per character, the window features first, then the marks of
    marker words, gazetteer names and lexicon names covering it."""
    style = digit_style(text)
    padded = PAD + text + END
    windows = context.windows[style]
    items: list[Item] = [windows[padded[j - 1 : j + 2]] for j in range(1, len(text) + 1)]
    marks: dict[int, list[bytes]] = {}
    kinds, names = context.word_kinds, context.marks
    words = [(kinds[m.group()], m.start(), m.end()) for m in context.word_pattern.finditer(text)]
    _span_marks(marks, words, "W", names)
    _span_marks(marks, gazetteer_spans, "G", names)
    _span_marks(marks, lexicon_spans, "L", names)
    for position, extra in marks.items():
        items[position] = (*items[position], *extra)
    return items
