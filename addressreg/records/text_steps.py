"""Noise steps on the finished text: traditional characters and full-width forms.

They run after the parts are joined, so they reach every element the record writes
(notes and phone numbers too), as a department's input method or legacy system would.
"""

from __future__ import annotations

from random import Random

import opencc

from addressreg.records.step_types import TextStep
from addressreg.records.vocabulary import NoiseVocabulary

_HALFWIDTH = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-"
_FULLWIDTH = str.maketrans({char: chr(ord(char) + 0xFEE0) for char in _HALFWIDTH})


def create_traditional_chars(vocabulary: NoiseVocabulary) -> TextStep:
    """Make the step that writes the text in traditional characters (OpenCC ``s2t``).

    The OpenCC converter is built here, once per generator, not at import time.
    """
    converter = opencc.OpenCC("s2t")

    def traditional_chars(text: str, rng: Random) -> str | None:
        converted: str = converter.convert(text)
        return converted if converted != text else None

    return traditional_chars


def fullwidth_digits(text: str, rng: Random) -> str | None:
    """Write ASCII digits, letters and ``-`` in their full-width forms (12 → １２)."""
    converted = text.translate(_FULLWIDTH)
    return converted if converted != text else None
