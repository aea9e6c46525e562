"""Chinese numerals inside number tokens (十二栋, 三单元, 二十三楼) become Arabic numerals.

Only a run of numeral characters directly followed by a number marker is converted; the
markers and the exceptions come from the standard (``numerals.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from addressreg.standard.rules import NumeralRules


def numeral_value(run: str, digits: Mapping[str, int], multipliers: Mapping[str, int]) -> int:
    """The value of a run of Chinese numeral characters.

    With a multiplier (十 百 千) the run is read positionally (二十三 = 23, 一百零五 = 105,
    十二 = 12); without one it is read digit by digit (一二零三 = 1203).

    Raises:
        KeyError: a character is neither a digit nor a multiplier.
    """
    if not any(ch in multipliers for ch in run):
        return int("".join(str(digits[ch]) for ch in run))
    total = 0
    current: int | None = None
    for ch in run:
        if ch in multipliers:
            total += (1 if current is None else current) * multipliers[ch]
            current = None
        else:
            current = digits[ch]
    return total + (current or 0)


def number_token_pattern(rules: NumeralRules) -> re.Pattern[str]:
    """A regex whose group ``run`` is a numeral run that stands before a number marker."""
    chars = "".join(re.escape(ch) for ch, _ in (*rules.digits, *rules.multipliers))
    markers = "|".join(re.escape(m) for m in sorted(rules.number_markers, key=len, reverse=True))
    guard = "|".join(re.escape(w) for w in rules.not_before)
    not_name = f"(?!{guard})" if guard else ""
    # Only maximal runs (no numeral just before), taken whole (possessive): linear time.
    return re.compile(f"(?<![{chars}])(?P<run>[{chars}]++)(?=(?:{markers}){not_name})")


def numeral_edits(
    text: str, pattern: re.Pattern[str], digits: Mapping[str, int], multipliers: Mapping[str, int]
) -> list[tuple[int, int, str]]:
    """Edits ``(start, end, arabic)`` turning each numeral run before a marker into digits.

    ``pattern`` is :func:`number_token_pattern`; ``digits`` and ``multipliers`` the rules'.
    """
    return [
        (m.start("run"), m.end("run"), str(numeral_value(m.group("run"), digits, multipliers)))
        for m in pattern.finditer(text)
    ]
