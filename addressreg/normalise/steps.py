"""The normalisation steps, each a pure rewrite of an :class:`OffsetText`.

Steps read their rules from a :class:`CompiledRules`, built once per rule set by
:func:`compile_rules` (cached: the rules are immutable and hashable).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import opencc

from addressreg.normalise.numerals import number_token_pattern, numeral_edits
from addressreg.normalise.offset_text import OffsetText
from addressreg.standard.rules import NormalisationRules

# Characters no address needs: controls, format characters (zero-width joiners) and
# unpaired surrogates, which cannot even be encoded.
DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
LOWER_ASCII = re.compile("[a-z]")


@dataclass(frozen=True)
class CompiledRules:
    """A rule set in the form the steps use: regexes and the script converter."""

    rules: NormalisationRules
    converter: Any
    suffix_pattern: re.Pattern[str] | None
    suffix_canonical: dict[str, str]
    number_pattern: re.Pattern[str]
    marker_pattern: re.Pattern[str]
    marker_canonical: dict[str, str]
    floor_canonical: str
    numeral_digits: dict[str, int]
    numeral_multipliers: dict[str, int]
    # Together they match wherever a rewriting step (noise, suffixes, numerals, markers)
    # could act. Separate patterns, cheapest first: one alternation of them all scans slower.
    rewrite_patterns: tuple[re.Pattern[str], ...]
    # Matches wherever the marker step would change a marker (None: it never does).
    changing_marker_pattern: re.Pattern[str] | None = None


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first so that 号楼 wins over 号."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# The rule set compiled last, checked by identity first: hashing the rules to look them up
# in the cache costs more than a whole pass over a clean address.
_last_compiled: list[tuple[NormalisationRules, CompiledRules]] = []


def compile_rules(rules: NormalisationRules) -> CompiledRules:
    """Compile a rule set (cached per rule set: the rules are immutable)."""
    last = _last_compiled[0] if _last_compiled else None
    if last is not None and last[0] is rules:
        return last[1]
    compiled = _compile_rules(rules)
    _last_compiled[:] = [(rules, compiled)]
    return compiled


@functools.lru_cache(maxsize=8)
def _compile_rules(rules: NormalisationRules) -> CompiledRules:
    suffixes = {v: rule.canonical for rule in rules.suffixes for v in rule.variants}
    markers: dict[str, str] = {}
    for rule in rules.markers:
        for variant in rule.variants:
            markers.setdefault(variant, rule.canonical)
    floor = next((m.canonical for m in rules.markers if m.element == "floor"), "")
    suffix = re.compile(_alternation(list(suffixes))) if suffixes else None
    number = number_token_pattern(rules.numerals)
    marker = re.compile(f"(?<=[0-9A-Za-z])(?:{_alternation(list(markers))})")
    # Markers already canonical (5栋, 5号) are left alone, so only the others count here.
    changing = [v for v, c in markers.items() if v != c or v in rules.floor_after_number]
    changing_marker = re.compile(f"(?<=[0-9A-Za-z])(?:{_alternation(changing)})") if changing else None
    separate = [suffix, changing_marker, number, *(n.pattern for n in rules.noise)]
    rewriting = tuple(p for p in separate if p is not None)
    return CompiledRules(
        rules=rules,
        converter=opencc.OpenCC(rules.script_conversion),
        suffix_pattern=suffix,
        suffix_canonical=suffixes,
        number_pattern=number,
        # A marker counts only right after a number or a letter-number token (5栋, A座).
        marker_pattern=marker,
        marker_canonical=markers,
        floor_canonical=floor,
        numeral_digits=dict(rules.numerals.digits),
        numeral_multipliers=dict(rules.numerals.multipliers),
        rewrite_patterns=rewriting,
        changing_marker_pattern=changing_marker,
    )


def may_rewrite(text: str, rules: CompiledRules) -> bool:
    """Whether any rewriting step could change ``text`` (False: all of them leave it as is)."""
    for pattern in rules.rewrite_patterns:
        if pattern.search(text) is not None:
            return True
    return False


def unicode_fold(text: OffsetText, rules: CompiledRules) -> OffsetText:
    """Unicode normalisation character by character (NFKC: full-width → half-width)."""
    form = rules.rules.unicode_form
    if text.text.isascii() or unicodedata.is_normalized(form, text.text):
        return text
    edits = []
    for i, ch in enumerate(text.text):
        folded = unicodedata.normalize(form, ch)
        if folded != ch:
            edits.append((i, i + 1, folded))
    return text.rewrite(edits)


def drop_invisible(text: OffsetText, rules: CompiledRules) -> OffsetText:
    """Remove control and format characters, and whitespace when the rules say so."""
    drop_space = rules.rules.drop_whitespace
    if text.text.isprintable() and not (drop_space and " " in text.text):
        return text  # fast path: nothing invisible (isprintable is False for Cc, Cf, Cs and Z* but space)
    edits = [
        (i, i + 1, "")
        for i, ch in enumerate(text.text)
        if unicodedata.category(ch) in DROPPED_CATEGORIES or (drop_space and ch.isspace())
    ]
    return text.rewrite(edits)


def convert_script(text: OffsetText, rules: CompiledRules) -> OffsetText:
    """Traditional → simplified with OpenCC, kept character for character."""
    if text.text.isascii():
        return text
    converted: str = rules.converter.convert(text.text)
    if converted == text.text:
        return text
    if len(converted) != len(text.text):
        converted = "".join(rules.converter.convert(ch) or ch for ch in text.text)
        if len(converted) != len(text.text):
            return text
    edits = [
        (i, i + 1, new) for i, (old, new) in enumerate(zip(text.text, converted, strict=True)) if old != new
    ]
    return text.rewrite(edits)


def upper_letters(text: OffsetText, rules: CompiledRules) -> OffsetText:
    """ASCII letters to upper case (a栋 → A栋) when the rules say so."""
    if not rules.rules.ascii_upper or LOWER_ASCII.search(text.text) is None:
        return text
    edits = [(i, i + 1, ch.upper()) for i, ch in enumerate(text.text) if "a" <= ch <= "z"]
    return text.rewrite(edits)


def strip_noise(text: OffsetText, rules: CompiledRules) -> OffsetText:
    """Remove every noise match, repeatedly, until none is left (nested brackets go too)."""
    if not any(noise.pattern.search(text.text) for noise in rules.rules.noise):
        return text  # fast path: no rule matches anywhere
    while True:
        before = text.text
        for noise in rules.rules.noise:
            edits = [
                (m.start(), m.end(), "") for m in noise.pattern.finditer(text.text) if m.end() > m.start()
            ]
            text = text.rewrite(edits)
        if text.text == before:
            return text


def canonical_suffixes(text: OffsetText, rules: CompiledRules) -> OffsetText:
    """Official name suffixes to the standard's (社区居委会 → 社区, 街道办事处 → 街道)."""
    if rules.suffix_pattern is None:
        return text
    edits = [
        (m.start(), m.end(), rules.suffix_canonical[m.group()])
        for m in rules.suffix_pattern.finditer(text.text)
    ]
    return text.rewrite([e for e in edits if text.text[e[0] : e[1]] != e[2]])


def arabic_numbers(text: OffsetText, rules: CompiledRules) -> OffsetText:
    """Chinese numerals inside number tokens to Arabic (十二栋 → 12栋; 一心路 stays)."""
    edits = numeral_edits(text.text, rules.number_pattern, rules.numeral_digits, rules.numeral_multipliers)
    return text.rewrite(edits) if edits else text


def canonical_markers(text: OffsetText, rules: CompiledRules) -> OffsetText:
    """Marker variants after a number to the canonical marker (5号楼 → 5栋, 5楼 → 5层)."""
    edits = []
    for m in rules.marker_pattern.finditer(text.text):
        word = m.group()
        canonical = rules.marker_canonical[word]
        if word in rules.rules.floor_after_number and text.text[m.start() - 1].isdigit():
            canonical = rules.floor_canonical
        if canonical != word:
            edits.append((m.start(), m.end(), canonical))
    return text.rewrite(edits)
