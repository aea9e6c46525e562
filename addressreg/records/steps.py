"""The registry of noise steps: stable name → step, in two stages (parts, then text).

Names are stable: records list the steps applied to them by these names, and the matching
benchmark reports per name. ``noise.yaml`` orders the steps and gives their probabilities;
this module only says which names exist and how each step is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from addressreg.records import admin_steps, clutter_steps, local_steps, place_steps, text_steps
from addressreg.records.step_types import PartsStep, PartsStepFactory, TextStep, TextStepFactory
from addressreg.records.vocabulary import NoiseVocabulary


def _fixed(step: PartsStep) -> PartsStepFactory:
    """A factory for a parts step that needs no vocabulary."""
    return lambda vocabulary: step


PARTS_STEP_FACTORIES: Mapping[str, PartsStepFactory] = {
    "drop_city": _fixed(admin_steps.drop_city),
    "add_province": admin_steps.create_add_province,
    "drop_district": _fixed(admin_steps.drop_district),
    "old_district_name": _fixed(admin_steps.old_district_name),
    "drop_street": _fixed(admin_steps.drop_street),
    "drop_community": _fixed(admin_steps.drop_community),
    "road_instead_of_complex": _fixed(place_steps.road_instead_of_complex),
    "complex_instead_of_road": _fixed(place_steps.complex_instead_of_road),
    "colloquial_complex": _fixed(place_steps.colloquial_complex),
    "typo": place_steps.create_typo,
    "drop_room": _fixed(local_steps.drop_room),
    "dash_shorthand": _fixed(local_steps.dash_shorthand),
    "chinese_numerals": _fixed(local_steps.chinese_numerals),
    "building_marker_variant": local_steps.create_building_marker_variant,
    "room_marker_variant": local_steps.create_room_marker_variant,
    "bracket_note": clutter_steps.create_bracket_note,
    "phone_noise": clutter_steps.create_phone_noise,
    "spaces_and_punctuation": clutter_steps.create_spaces_and_punctuation,
}
"""Steps on the address parts, by name."""

TEXT_STEP_FACTORIES: Mapping[str, TextStepFactory] = {
    "traditional_chars": text_steps.create_traditional_chars,
    "fullwidth_digits": lambda vocabulary: text_steps.fullwidth_digits,
}
"""Steps on the finished text, by name; they run after every parts step."""

STEP_NAMES: tuple[str, ...] = (*PARTS_STEP_FACTORIES, *TEXT_STEP_FACTORIES)
"""Every noise step name."""


@dataclass(frozen=True)
class NoiseSteps:
    """The steps made for one vocabulary: parts steps and text steps by name."""

    parts: Mapping[str, PartsStep]
    text: Mapping[str, TextStep]


def build_steps(vocabulary: NoiseVocabulary, names: tuple[str, ...] = STEP_NAMES) -> NoiseSteps:
    """Make the named steps (default: all) from ``vocabulary``.

    Raises:
        KeyError: a name is not a registered step.
    """
    unknown = [name for name in names if name not in STEP_NAMES]
    if unknown:
        raise KeyError(f"unknown noise steps: {', '.join(unknown)}; known: {', '.join(STEP_NAMES)}")
    return NoiseSteps(
        parts={
            name: PARTS_STEP_FACTORIES[name](vocabulary) for name in names if name in PARTS_STEP_FACTORIES
        },
        text={name: TEXT_STEP_FACTORIES[name](vocabulary) for name in names if name in TEXT_STEP_FACTORIES},
    )
