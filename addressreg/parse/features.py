"""Character features for the CRF tagger.

Each character of the folded input gets: the characters around it, the bigrams and the
trigram around it, the classes of its neighbours (digit, letter, Chinese numeral, Han,
other), the markers and name suffixes of the standard it belongs to, and whether it
begins, continues or ends a name found by the gazetteer (per kind) or by the model's
lexicon (per label). Training and tagging call the same function, so they always agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from addressreg.standard.rules import NormalisationRules

# Characters to each side whose identity is a feature.
WINDOW = 3
PAD = "^" * WINDOW
END = "$" * WINDOW


@dataclass(frozen=True)
class FeatureContext:
    """What feature extraction needs from the standard, compiled once."""

    numeral_chars: frozenset[str]
    word_pattern: re.Pattern[str]
    word_kinds: dict[str, str]


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
    return FeatureContext(numerals, pattern, kinds)


# Offsets of the unigram features, in the order :func:`_unigrams` builds them.
OFFSETS = (0, -1, 1, -2, 2, -3, 3)


@functools.lru_cache(maxsize=16384)
def _unigrams(ch: str) -> tuple[str, ...]:
    """The unigram feature strings of one character at each offset (memoised: hot path)."""
    return tuple(f"c{k}={ch}" for k in OFFSETS)


def _char_class(ch: str, numerals: frozenset[str]) -> str:
    if "0" <= ch <= "9":
        return "D"
    if "A" <= ch <= "Z" or "a" <= ch <= "z":
        return "A"
    if ch in numerals:
        return "N"
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    return "P"


def _mark_spans(items: list[list[str]], spans: Iterable[tuple[str, int, int]], prefix: str) -> None:
    """Add B/I/E/S features of each ``(kind, start, end)`` span to the items it covers."""
    seen: set[str] = set()
    for kind, start, end in spans:
        key = f"{kind}{start}:{end}"
        if key in seen:
            continue
        seen.add(key)
        tag = prefix + kind
        if end - start == 1:
            items[start].append(tag + "S")
            continue
        items[start].append(tag + "B")
        items[end - 1].append(tag + "E")
        for k in range(start + 1, end - 1):
            items[k].append(tag + "I")


def sequence_features(
    text: str,
    context: FeatureContext,
    gazetteer_spans: Iterable[tuple[str, int, int]] = (),
    lexicon_spans: Iterable[tuple[str, int, int]] = (),
) -> list[list[str]]:
    """The feature strings of every character of ``text`` (already folded)."""
    padded = PAD + text + END
    numerals = context.numeral_chars
    classes = "".join([_char_class(ch, numerals) for ch in padded])
    uni = [_unigrams(ch) for ch in padded]
    items: list[list[str]] = []
    for j in range(WINDOW, len(text) + WINDOW):
        items.append(
            [
                uni[j][0],
                uni[j - 1][1],
                uni[j + 1][2],
                uni[j - 2][3],
                uni[j + 2][4],
                uni[j - 3][5],
                uni[j + 3][6],
                "b-2=" + padded[j - 2 : j],
                "b-1=" + padded[j - 1 : j + 1],
                "b0=" + padded[j : j + 2],
                "b1=" + padded[j + 1 : j + 3],
                "t=" + padded[j - 1 : j + 2],
                "k=" + classes[j - 1 : j + 2],
                "k2=" + classes[j - 2 : j + 3],
            ]
        )
    words = ((context.word_kinds[m.group()], m.start(), m.end()) for m in context.word_pattern.finditer(text))
    _mark_spans(items, words, "W")
    _mark_spans(items, gazetteer_spans, "G")
    _mark_spans(items, lexicon_spans, "L")
    return items
