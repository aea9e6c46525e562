"""The normalisation steps on plain strings: the twins of :mod:`addressreg.normalise.steps`.

Each function here gives exactly the ``text`` of its :class:`OffsetText` twin's result,
without keeping offsets: matching only needs the normal form, and building the offset
tuples costs more than the rewriting itself. The property tests check the twins against
each other (``normalise(t) == normalise_with_offsets(t).text``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from addressreg.normalise.numerals import numeral_value
from addressreg.normalise.steps import DROPPED_CATEGORIES, LOWER_ASCII, CompiledRules, may_rewrite

TextStep = Callable[[str, CompiledRules], str]
UPPER_ASCII = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def unicode_fold_text(text: str, rules: CompiledRules) -> str:
    """NFKC character by character (see ``steps.unicode_fold``)."""
    form = rules.rules.unicode_form
    if text.isascii() or unicodedata.is_normalized(form, text):
        return text
    return "".join([unicodedata.normalize(form, ch) for ch in text])


def drop_invisible_text(text: str, rules: CompiledRules) -> str:
    """Control and format characters, and whitespace if the rules say so, removed."""
    drop_space = rules.rules.drop_whitespace
    if text.isprintable() and not (drop_space and " " in text):
        return text
    return "".join(
        [
            ch
            for ch in text
            if not (unicodedata.category(ch) in DROPPED_CATEGORIES or (drop_space and ch.isspace()))
        ]
    )


def convert_script_text(text: str, rules: CompiledRules) -> str:
    """Traditional → simplified, kept character for character (see ``steps.convert_script``)."""
    if text.isascii():
        return text
    converted: str = rules.converter.convert(text)
    if converted == text or len(converted) == len(text):
        return converted
    converted = "".join([rules.converter.convert(ch) or ch for ch in text])
    return converted if len(converted) == len(text) else text


def upper_letters_text(text: str, rules: CompiledRules) -> str:
    """ASCII letters to upper case when the rules say so."""
    if not rules.rules.ascii_upper or LOWER_ASCII.search(text) is None:
        return text
    return text.translate(UPPER_ASCII)


def strip_noise_text(text: str, rules: CompiledRules) -> str:
    """Every noise match removed, repeatedly, until none is left."""
    noise = rules.rules.noise
    if not any(rule.pattern.search(text) for rule in noise):
        return text
    while True:
        before = text
        for rule in noise:
            text = rule.pattern.sub("", text)
        if text == before:
            return text


def canonical_suffixes_text(text: str, rules: CompiledRules) -> str:
    """Official name suffixes to the standard's."""
    if rules.suffix_pattern is None:
        return text
    canonical = rules.suffix_canonical
    return rules.suffix_pattern.sub(lambda m: canonical[m.group()], text)


def arabic_numbers_text(text: str, rules: CompiledRules) -> str:
    """Chinese numerals inside number tokens to Arabic (the match is the numeral run)."""
    digits, multipliers = rules.numeral_digits, rules.numeral_multipliers
    return rules.number_pattern.sub(lambda m: str(numeral_value(m.group("run"), digits, multipliers)), text)


def canonical_markers_text(text: str, rules: CompiledRules) -> str:
    """Marker variants after a number to the canonical marker (5号楼 → 5栋, 5楼 → 5层).

    Skipped where no marker would change: a change needs a match of a changing marker, and
    wherever the marker pattern matches one, the changing pattern matches too.
    """
    changing = rules.changing_marker_pattern
    if changing is None or changing.search(text) is None:
        return text
    return rules.marker_pattern.sub(lambda m: _canonical_marker(m, rules), text)


def _canonical_marker(match: re.Match[str], rules: CompiledRules) -> str:
    word = match.group()
    if word in rules.rules.floor_after_number and match.string[match.start() - 1].isdigit():
        return rules.floor_canonical
    return rules.marker_canonical[word]


FOLDING_TEXT_STEPS: tuple[TextStep, ...] = (
    unicode_fold_text,
    drop_invisible_text,
    convert_script_text,
    upper_letters_text,
)
REWRITING_TEXT_STEPS: tuple[TextStep, ...] = (
    strip_noise_text,
    canonical_suffixes_text,
    arabic_numbers_text,
    canonical_markers_text,
)


def fold_text(text: str, rules: CompiledRules) -> str:
    """The folding steps (character level), in the standard's order."""
    for step in FOLDING_TEXT_STEPS:
        text = step(text, rules)
    return text


def rewrite_text(text: str, rules: CompiledRules) -> str:
    """The rewriting steps (words: noise, suffixes, numerals, markers), in order."""
    for step in REWRITING_TEXT_STEPS:
        text = step(text, rules)
    return text


def normalise_text(text: str, rules: CompiledRules, max_passes: int) -> str:
    """Fold, then pass over the text until it is stable, as ``normalise_folded`` does: a
    fold result is stable under folding, so the folding steps run again only after a
    rewriting step changed the text, and the rewriting steps only where a pattern matches."""
    text = fold_text(text, rules)
    fold_stable = True
    for _ in range(max_passes):
        before = text
        if not fold_stable:
            text = fold_text(text, rules)
            fold_stable = text == before
        if may_rewrite(text, rules):
            rewritten = rewrite_text(text, rules)
            fold_stable = fold_stable and rewritten == text
            text = rewritten
        if text == before:
            break
    return text
