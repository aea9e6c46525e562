"""Read ``noise.yaml`` into a :class:`NoiseMix`, failing with the file and key that are wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from addressreg.records.fabricate import NO_MATCH_METHODS
from addressreg.records.mix import DepartmentStyle, NoiseMix
from addressreg.records.steps import STEP_NAMES, TEXT_STEP_FACTORIES
from addressreg.records.vocabulary import NoiseVocabulary
from addressreg.standard.errors import InvalidStandard
from addressreg.standard.loading import load_code_layout, read_yaml, require

NOISE_FILE = "noise.yaml"


def load_noise_mix(standard_dir: Path) -> NoiseMix:
    """Load ``noise.yaml`` (and the code lengths from ``code.yaml``) of a standard.

    Raises:
        InvalidStandard: naming the file and the key that is missing or wrong.
    """
    layout = load_code_layout(standard_dir)
    file = standard_dir / NOISE_FILE
    return noise_mix_from_mapping(read_yaml(file), file, layout.end_of("building"), layout.length)


def noise_mix_from_mapping(
    data: dict[str, Any], file: Path, building_code_length: int, room_code_length: int
) -> NoiseMix:
    """Validate the parsed contents of a noise file; ``file`` is named in errors.

    The code lengths come from the standard's code layout (19 and 25 for Shenzhen).
    """
    steps = _step_order(require(data, "steps", list, file), file)
    no_match = require(data, "no_match", dict, file)
    methods = _nested(no_match, "methods", dict, "no_match", file)
    return NoiseMix(
        version=require(data, "version", str, file),
        step_order=steps,
        styles=_styles(require(data, "styles", dict, file), steps, file),
        no_match_share=_fraction(no_match, "share", "no_match.share", file),
        no_match_methods=_weights(methods, NO_MATCH_METHODS, "no_match.methods", file),
        vocabulary=_vocabulary(require(data, "vocabulary", dict, file), file),
        building_code_length=building_code_length,
        room_code_length=room_code_length,
    )


def _step_order(raw: list[Any], file: Path) -> tuple[str, ...]:
    """Check step names: known, each once, parts steps before text steps."""
    seen_text = False
    for i, name in enumerate(raw):
        key = f"steps[{i}]"
        if name not in STEP_NAMES:
            raise InvalidStandard(str(file), key, f"unknown step {name!r}; known: {', '.join(STEP_NAMES)}")
        if name in raw[:i]:
            raise InvalidStandard(str(file), key, f"step {name!r} is listed twice")
        if seen_text and name not in TEXT_STEP_FACTORIES:
            raise InvalidStandard(str(file), key, f"parts step {name!r} must come before the text steps")
        seen_text = seen_text or name in TEXT_STEP_FACTORIES
    return tuple(raw)


def _styles(raw: dict[str, Any], steps: tuple[str, ...], file: Path) -> tuple[DepartmentStyle, ...]:
    """Read each department style; its step names must be in the step order."""
    styles = []
    for name, body in raw.items():
        key = f"styles.{name}"
        if not isinstance(body, dict):
            raise InvalidStandard(str(file), key, "must be a mapping")
        probabilities = _nested(body, "steps", dict, key, file)
        for step in probabilities:
            if step not in steps:
                raise InvalidStandard(str(file), f"{key}.steps.{step}", "not a step listed under `steps`")
        ordered = tuple(
            (step, _fraction(probabilities, step, f"{key}.steps.{step}", file))
            for step in steps
            if step in probabilities
        )
        weight = _number(body, "weight", f"{key}.weight", file)
        styles.append(DepartmentStyle(str(name), _nested(body, "label", str, key, file), weight, ordered))
    if not styles or sum(style.weight for style in styles) <= 0:
        raise InvalidStandard(str(file), "styles", "needs at least one style with a positive weight")
    return tuple(styles)


def _weights(
    raw: dict[str, Any], known: tuple[str, ...], key: str, file: Path
) -> tuple[tuple[str, float], ...]:
    """Read relative weights keyed by known names; at least one must be positive."""
    for name in raw:
        if name not in known:
            raise InvalidStandard(str(file), f"{key}.{name}", f"unknown; known: {', '.join(known)}")
    weights = tuple((name, _number(raw, name, f"{key}.{name}", file)) for name in known if name in raw)
    if sum(weight for _, weight in weights) <= 0:
        raise InvalidStandard(str(file), key, "needs at least one positive weight")
    return weights


def _nested(data: dict[str, Any], name: str, kind: type, parent: str, file: Path) -> Any:
    """``data[name]`` of ``kind``, else InvalidStandard naming the key as ``parent.name``."""
    value = data.get(name)
    if value is None:
        raise InvalidStandard(str(file), f"{parent}.{name}", "missing")
    if not isinstance(value, kind):
        raise InvalidStandard(
            str(file), f"{parent}.{name}", f"must be {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _number(data: dict[str, Any], name: str, key: str, file: Path) -> float:
    """A non-negative number (int or float, not bool)."""
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InvalidStandard(str(file), key, f"must be a non-negative number, got {value!r}")
    return float(value)


def _fraction(data: dict[str, Any], name: str, key: str, file: Path) -> float:
    """A number from 0 to 1."""
    value = _number(data, name, key, file)
    if value > 1:
        raise InvalidStandard(str(file), key, f"must be between 0 and 1, got {value!r}")
    return value


def _vocabulary(raw: dict[str, Any], file: Path) -> NoiseVocabulary:
    """Read the words the steps write; every list must be non-empty strings."""
    fabricated = _nested(raw, "fabricated_complex", dict, "vocabulary", file)
    return NoiseVocabulary(
        province=_nested(raw, "province", str, "vocabulary", file),
        city=_nested(raw, "city", str, "vocabulary", file),
        door_marker=_nested(raw, "door_marker", str, "vocabulary", file),
        unit_marker=_nested(raw, "unit_marker", str, "vocabulary", file),
        building_markers=_words(raw, "building_markers", "vocabulary", file),
        room_markers=_words(raw, "room_markers", "vocabulary", file),
        notes=_words(raw, "notes", "vocabulary", file),
        note_brackets=_brackets(raw, file),
        phone_prefixes=_words(raw, "phone_prefixes", "vocabulary", file, allow_empty_word=True),
        separators=_words(raw, "separators", "vocabulary", file),
        typos=_typos(_nested(raw, "typos", dict, "vocabulary", file), file),
        complex_heads=_words(fabricated, "heads", "vocabulary.fabricated_complex", file),
        complex_suffixes=_words(fabricated, "suffixes", "vocabulary.fabricated_complex", file),
    )


def _words(
    data: dict[str, Any], name: str, parent: str, file: Path, *, allow_empty_word: bool = False
) -> tuple[str, ...]:
    """A non-empty list of strings (non-empty strings unless ``allow_empty_word``)."""
    key = f"{parent}.{name}"
    values = data.get(name)
    if not isinstance(values, list) or not values:
        raise InvalidStandard(str(file), key, "must be a non-empty list")
    for i, value in enumerate(values):
        if not isinstance(value, str) or (not value and not allow_empty_word):
            raise InvalidStandard(str(file), f"{key}[{i}]", f"must be a non-empty string, got {value!r}")
    return tuple(values)


def _brackets(raw: dict[str, Any], file: Path) -> tuple[tuple[str, str], ...]:
    """Bracket pairs written as two characters, opening then closing (``（）``)."""
    pairs = _words(raw, "note_brackets", "vocabulary", file)
    for i, pair in enumerate(pairs):
        if len(pair) != 2:
            raise InvalidStandard(
                str(file), f"vocabulary.note_brackets[{i}]", f"{pair!r} is not 2 characters"
            )
    return tuple((pair[0], pair[1]) for pair in pairs)


def _typos(raw: dict[str, Any], file: Path) -> dict[str, tuple[str, ...]]:
    """The typo table: one character → a non-empty list of slips."""
    table = {}
    for char in raw:
        if not isinstance(char, str) or len(char) != 1:
            raise InvalidStandard(str(file), f"vocabulary.typos.{char}", "key must be one character")
        table[char] = _words(raw, char, "vocabulary.typos", file)
    if not table:
        raise InvalidStandard(str(file), "vocabulary.typos", "must not be empty")
    return table
