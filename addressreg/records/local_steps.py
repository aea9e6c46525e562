"""Noise steps on the local part: building, unit and room (楼栋, 单元, 房号).

``drop_room`` is the one step that changes what the text can name: without unit and room
the record names the building, and the generator's truth follows the text.
"""

from __future__ import annotations

from random import Random

from addressreg.records.parts import AddressParts
from addressreg.records.step_types import PartsStep
from addressreg.records.vocabulary import NoiseVocabulary

_CHINESE_DIGITS = "零一二三四五六七八九"
_CHINESE_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


def chinese_numeral(value: int) -> str:
    """Write 1–9999 in Chinese numerals as addresses do: 12 → 十二, 105 → 一百零五.

    Raises:
        ValueError: ``value`` is outside 1–9999.
    """
    if not 0 < value < 10000:
        raise ValueError(f"chinese_numeral: {value} is outside 1–9999")
    if 10 <= value < 20:
        return "十" + (_CHINESE_DIGITS[value - 10] if value > 10 else "")
    text, zero_pending = "", False
    for place, name in _CHINESE_PLACES:
        digit = value // place % 10
        if digit == 0:
            zero_pending = bool(text)
            continue
        text += ("零" if zero_pending else "") + _CHINESE_DIGITS[digit] + name
        zero_pending = False
    return text


def _arabic_to_chinese(number: str) -> str | None:
    """The Chinese numeral for an ASCII number string, or None if it has none."""
    if not (number.isascii() and number.isdigit()) or not 0 < int(number) < 10000:
        return None
    return chinese_numeral(int(number))


def drop_room(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Omit unit and room, so the record names only the building."""
    if not parts.room:
        return None
    return parts.changed(unit="", room="", room_marker="")


def dash_shorthand(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Write building, unit and room as numbers joined by dashes: 5栋2单元1203 → 5-2-1203."""
    if parts.shorthand or not parts.building_number or not parts.room:
        return None
    return parts.changed(shorthand=True)


def chinese_numerals(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Write the building and unit numbers in Chinese numerals: 12栋 → 十二栋, 3单元 → 三单元."""
    if parts.shorthand:
        return None
    building = _arabic_to_chinese(parts.building_number)
    unit = _arabic_to_chinese(parts.unit)
    if building is None and unit is None:
        return None
    return parts.changed(building_number=building or parts.building_number, unit=unit or parts.unit)


def create_building_marker_variant(vocabulary: NoiseVocabulary) -> PartsStep:
    """Make the step that writes another building marker: 栋 → 号楼 / 座 / 幢 / 棟."""

    def building_marker_variant(parts: AddressParts, rng: Random) -> AddressParts | None:
        choices = [marker for marker in vocabulary.building_markers if marker != parts.building_marker]
        if parts.shorthand or not parts.building_marker or not choices:
            return None
        return parts.changed(building_marker=rng.choice(choices))

    return building_marker_variant


def create_room_marker_variant(vocabulary: NoiseVocabulary) -> PartsStep:
    """Make the step that writes a room marker after the room: 1203 → 1203室 / 1203房 / 1203号."""

    def room_marker_variant(parts: AddressParts, rng: Random) -> AddressParts | None:
        choices = [marker for marker in vocabulary.room_markers if marker != parts.room_marker]
        if not parts.room or not choices:
            return None
        return parts.changed(room_marker=rng.choice(choices))

    return room_marker_variant
