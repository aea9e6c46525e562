"""Character features for the CRF tagger.

Each character of the folded input gets: itself and its two neighbours, the bigrams on
each side and the trigram around it, the classes of itself and its neighbours (digit,
letter, Chinese numeral, Han, other), the markers and name suffixes of the standard it
belongs to, and whether it begins, continues or ends a name found by the gazetteer (per
kind) or by the model's lexicon (per label). Training and tagging call the same function,
so they always agree. Seven features per character plus the words and names: each one
costs time in the CRF, and wider windows (±2, ±3) gained no accuracy on held-out rows.

The text's *digit style* is part of the class and punctuation features: ``R`` when it
holds a digit 1–9, ``M`` when its only digit is 0 (masked numbers, as in the CCKS 2021
data), ``N`` without digits. The two labelled corpora follow different conventions
(NAACL 2019 labels separators such as ``-`` as redundant and rooms as room numbers; CCKS
leaves separators unlabelled), and the style tells the model which one a text resembles.
Real addresses have real digits, so at run time the model follows the NAACL convention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from addressreg.standard.rules import NormalisationRules

# The version of the feature set, recorded with a model: a model trained on other features
# is refused rather than silently mis-tagging (bump it whenever the features change).
FEATURES_VERSION = 2
# Characters of padding to each side (the widest feature, the trigram, reaches one).
WINDOW = 1
PAD = "^" * WINDOW
END = "$" * WINDOW
# Memo tables stop growing past this many entries (bounded memory on any input).
TABLE_LIMIT = 100_000
REAL_DIGIT = re.compile("[1-9]")
# The features of one character: the CRF library takes ``str`` and UTF-8 ``bytes`` alike.
Item = list[str | bytes]
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


class _UnigramTable(dict[str, tuple[bytes, ...]]):
    """Character → its unigram features at offsets 0, -1, +1, as UTF-8 bytes.

    Bytes, because the CRF library stores UTF-8: a cached ``bytes`` feature is handed over
    as it is, where a ``str`` would be encoded again on every call.
    """

    def __missing__(self, ch: str) -> tuple[bytes, ...]:
        value = tuple(f"c{k}={ch}".encode() for k in (0, -1, 1))
        if len(self) < TABLE_LIMIT:
            self[ch] = value
        return value


@dataclass(frozen=True, eq=False)
class FeatureContext:
    """What feature extraction needs from the standard, compiled once, and its memo tables."""

    word_pattern: re.Pattern[str]
    word_kinds: dict[str, str]
    classes: _ClassTable = field(repr=False)
    unigrams: _UnigramTable = field(repr=False)


def feature_context(rules: NormalisationRules) -> FeatureContext:
    """Compile the standard's markers and suffixes into one regex of marker words."""
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
    return FeatureContext(pattern, kinds, _ClassTable(numerals), _UnigramTable())


def digit_style(text: str) -> str:
    """``R`` (a digit 1–9), ``M`` (only 0s: masked numbers) or ``N`` (no digit)."""
    if REAL_DIGIT.search(text):
        return "R"
    return "M" if "0" in text else "N"


def _mark_spans(items: list[Item], spans: Iterable[tuple[str, int, int]], prefix: str) -> None:
    """Add B/I/E/S features of each ``(kind, start, end)`` span to the items it covers."""
    seen: set[tuple[str, int, int]] = set()
    for span in spans:
        if span in seen:
            continue
        seen.add(span)
        kind, start, end = span
        tag = prefix + kind
        if end - start == 1:
            items[start].append(tag + "S")
            continue
        items[start].append(tag + "B")
        items[end - 1].append(tag + "E")
        inside = tag + "I"
        for k in range(start + 1, end - 1):
            items[k].append(inside)


def sequence_features(
    text: str,
    context: FeatureContext,
    gazetteer_spans: Iterable[tuple[str, int, int]] = (),
    lexicon_spans: Iterable[tuple[str, int, int]] = (),
) -> list[Item]:
    """The features of every character of ``text`` (already folded): ``str`` or UTF-8 ``bytes``."""
    style = digit_style(text)
    padded = PAD + text + END
    classes = padded.translate(context.classes)
    uni = [context.unigrams[ch] for ch in padded]
    class_prefix = "k=" + style
    items: list[Item] = []
    for j in range(WINDOW, len(text) + WINDOW):
        items.append(
            [
                uni[j][0] if classes[j] != OTHER else f"c0={style}{padded[j]}".encode(),
                uni[j - 1][1],
                uni[j + 1][2],
                "b-1=" + padded[j - 1 : j + 1],
                "b0=" + padded[j : j + 2],
                "t=" + padded[j - 1 : j + 2],
                class_prefix + classes[j - 1 : j + 2],
            ]
        )
    words = ((context.word_kinds[m.group()], m.start(), m.end()) for m in context.word_pattern.finditer(text))
    _mark_spans(items, words, "W")
    _mark_spans(items, gazetteer_spans, "G")
    _mark_spans(items, lexicon_spans, "L")
    return items
