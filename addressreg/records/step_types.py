"""The two shapes of a noise step: on the address parts, or on the finished text.

A step returns its result, or None when it cannot apply to its input; a step that does
not apply is not listed among the record's noise.
"""

from __future__ import annotations

from collections.abc import Callable
from random import Random
from typing import TypeAlias

from addressreg.records.parts import AddressParts
from addressreg.records.vocabulary import NoiseVocabulary

PartsStep: TypeAlias = Callable[[AddressParts, Random], AddressParts | None]
"""A step that rewrites the parts of an address (drop an element, change a marker)."""

TextStep: TypeAlias = Callable[[str, Random], str | None]
"""A step that rewrites the finished text (traditional characters, full-width digits)."""

PartsStepFactory: TypeAlias = Callable[[NoiseVocabulary], PartsStep]
"""Makes a parts step from the vocabulary it writes from."""

TextStepFactory: TypeAlias = Callable[[NoiseVocabulary], TextStep]
"""Makes a text step from the vocabulary (and builds any converter it needs, once)."""
