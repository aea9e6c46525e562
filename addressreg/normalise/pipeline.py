"""The normalisation pipeline: the steps of the standard, in order, until nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.normalise.offset_text import OffsetText
from addressreg.normalise.steps import (
    CompiledRules,
    arabic_numbers,
    canonical_markers,
    canonical_suffixes,
    compile_rules,
    convert_script,
    drop_invisible,
    may_rewrite,
    strip_noise,
    unicode_fold,
    upper_letters,
)
from addressreg.normalise.text_steps import normalise_text
from addressreg.standard.rules import NormalisationRules
from addressreg.standard.rules_loading import cached_standard

Step = Callable[[OffsetText, CompiledRules], OffsetText]

# Character-level steps: they never remove content, only fold how it is written.
FOLDING_STEPS: tuple[Step, ...] = (unicode_fold, drop_invisible, convert_script, upper_letters)
# All steps of the standard, in order.
ALL_STEPS: tuple[Step, ...] = (
    *FOLDING_STEPS,
    strip_noise,
    canonical_suffixes,
    arabic_numbers,
    canonical_markers,
)
# The steps that rewrite words; on folded text they are all a pass can change.
REWRITING_STEPS: tuple[Step, ...] = ALL_STEPS[len(FOLDING_STEPS) :]
# Each pass applies every step; passes repeat until the text is stable. Real addresses
# settle in one or two passes; the bound only guards against a rule set that cycles.
MAX_PASSES = 6


def shipped_rules(standard_dir: Path = DEFAULT_STANDARD_DIR) -> NormalisationRules:
    """The normalisation rules of a standard directory (loaded once per directory)."""
    return cached_standard(standard_dir).normalisation


def _run(
    text: OffsetText, steps: tuple[Step, ...], compiled: CompiledRules, passes: int = MAX_PASSES
) -> OffsetText:
    for _ in range(passes):
        before = text.text
        for step in steps:
            text = step(text, compiled)
        if text.text == before:
            break
    return text


def normalise_with_offsets(text: str, rules: NormalisationRules | None = None) -> OffsetText:
    """Normalise ``text`` and keep, for each output character, its span in ``text``.

    Without ``rules`` the shipped standard's rules are used. Never raises on any string.
    """
    compiled = compile_rules(rules if rules is not None else shipped_rules())
    return _run(OffsetText.identity(text), ALL_STEPS, compiled)


def _apply(text: OffsetText, steps: tuple[Step, ...], compiled: CompiledRules) -> OffsetText:
    for step in steps:
        text = step(text, compiled)
    return text


def normalise_folded(folded: OffsetText, rules: NormalisationRules) -> OffsetText:
    """Finish normalising a :func:`fold` result (offsets still point into the original input).

    The same passes as :func:`normalise_with_offsets`, skipping only steps that cannot
    change anything: the folding steps while the text is known to be stable under them
    (a fold result is), the rewriting steps where their patterns match nowhere. Most
    addresses are already clean and cost one regex scan.
    """
    compiled = compile_rules(rules)
    text, fold_stable = folded, True
    for _ in range(MAX_PASSES):
        before = text.text
        if not fold_stable:
            text = _apply(text, FOLDING_STEPS, compiled)
            fold_stable = text.text == before
        if may_rewrite(text.text, compiled):
            rewritten = _apply(text, REWRITING_STEPS, compiled)
            fold_stable = fold_stable and rewritten.text == text.text
            text = rewritten
        if text.text == before:
            break
    return text


def normalise(text: str, rules: NormalisationRules | None = None) -> str:
    """The standard's normal form of an address text.

    Folds Unicode (NFKC), traditional → simplified, ASCII letters to upper case; removes
    whitespace, control characters and noise (phone numbers, bracketed notes, 附近);
    rewrites name suffixes (社区居委会 → 社区), Chinese numerals inside number tokens
    (十二栋 → 12栋) and marker variants (5号楼 → 5栋, 5楼 → 5层). Idempotent; pure.
    Without ``rules`` the shipped standard's rules are used (loaded once, then cached).
    Gives exactly ``normalise_with_offsets(text, rules).text``, on plain strings.
    """
    return normalise_text(text, compile_rules(rules if rules is not None else shipped_rules()), MAX_PASSES)


def fold(text: str, rules: NormalisationRules | None = None) -> OffsetText:
    """Only the character-level steps (no removal or rewriting of words), with offsets.

    This is the parser's view of the input: every written part is still there.
    """
    compiled = compile_rules(rules if rules is not None else shipped_rules())
    return _run(OffsetText.identity(text), FOLDING_STEPS, compiled)
