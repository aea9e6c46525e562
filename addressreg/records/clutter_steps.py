"""Noise steps that add clutter around the address: notes, phone numbers, separators."""

from __future__ import annotations

from random import Random

from addressreg.records.parts import AddressParts
from addressreg.records.step_types import PartsStep
from addressreg.records.vocabulary import NoiseVocabulary

_MOBILE_SECOND_DIGITS = "3456789"


def create_bracket_note(vocabulary: NoiseVocabulary) -> PartsStep:
    """Make the step that adds a note in brackets, e.g. （门口） or (近地铁站).

    The note is written after the complex (or the road, or the building when neither is
    written); one note per record.
    """

    def bracket_note(parts: AddressParts, rng: Random) -> AddressParts | None:
        if parts.note:
            return None
        opening, closing = rng.choice(vocabulary.note_brackets)
        return parts.changed(note=opening + rng.choice(vocabulary.notes) + closing)

    return bracket_note


def create_phone_noise(vocabulary: NoiseVocabulary) -> PartsStep:
    """Make the step that writes a mobile number (1[3-9]x xxxx xxxx) before or after the address.

    Before and after are equally likely; the number follows one of the vocabulary's prefixes.
    """

    def phone_noise(parts: AddressParts, rng: Random) -> AddressParts | None:
        if parts.lead or parts.tail:
            return None
        number = "1" + rng.choice(_MOBILE_SECOND_DIGITS) + f"{rng.randrange(10**9):09d}"
        phone = rng.choice(vocabulary.phone_prefixes) + number
        if rng.random() < 0.5:
            return parts.changed(lead=phone)
        return parts.changed(tail=phone)

    return phone_noise


def create_spaces_and_punctuation(vocabulary: NoiseVocabulary) -> PartsStep:
    """Make the step that separates the elements by a space, comma or 、 instead of nothing."""

    def spaces_and_punctuation(parts: AddressParts, rng: Random) -> AddressParts | None:
        choices = [separator for separator in vocabulary.separators if separator != parts.separator]
        if not choices:
            return None
        return parts.changed(separator=rng.choice(choices))

    return spaces_and_punctuation
