"""Loading and validating the whole standard (elements, names, markers, numerals, noise).

Every file names the standard's ``version``; all must agree with ``code.yaml``. Each
problem raises :class:`InvalidStandard` naming the file and the key.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Literal

from addressreg.standard.code_layout import CodeLayout
from addressreg.standard.errors import InvalidStandard
from addressreg.standard.loading import load_code_layout, read_yaml, require
from addressreg.standard.rules import (
    AddressStandard,
    DistrictAlias,
    ElementLevel,
    MarkerRule,
    NoiseRule,
    NormalisationRules,
    NumeralRules,
    SuffixRule,
)

UNICODE_FORMS: tuple[Literal["NFC", "NFKC"], ...] = ("NFC", "NFKC")


def _versioned(standard_dir: Path, name: str, version: str) -> tuple[Path, dict[str, Any]]:
    """Read ``name`` and check its ``version`` against the code layout's."""
    file = standard_dir / name
    data = read_yaml(file)
    found = require(data, "version", str, file)
    if found != version:
        raise InvalidStandard(str(file), "version", f"is {found!r}, code.yaml says {version!r}")
    return file, data


def _entries(data: dict[str, Any], key: str, file: Path) -> list[dict[str, Any]]:
    """A list of mappings under ``key``."""
    items: list[dict[str, Any]] = require(data, key, list, file)
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InvalidStandard(str(file), f"{key}[{i}]", "must be a mapping")
    return items


def _strings(data: dict[str, Any], key: str, file: Path, *, empty_ok: bool = False) -> tuple[str, ...]:
    """A list of non-empty strings under ``key``."""
    items = require(data, key, list, file)
    if not items and not empty_ok:
        raise InvalidStandard(str(file), key, "must not be empty")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise InvalidStandard(str(file), f"{key}[{i}]", "must be a non-empty string")
    return tuple(items)


def _optional_str(data: dict[str, Any], key: str, file: Path) -> str | None:
    """``data[key]`` if it is a string, None if it is null; the key must be present."""
    if key not in data:
        raise InvalidStandard(str(file), key, "missing")
    value = data[key]
    if value is not None and not isinstance(value, str):
        raise InvalidStandard(str(file), key, f"must be a string or null, got {type(value).__name__}")
    return value


def _element_levels(standard_dir: Path, layout: CodeLayout) -> tuple[ElementLevel, ...]:
    """Read ``elements.yaml``: segments must exist, in the code's order; labels must be unique."""
    file, data = _versioned(standard_dir, "elements.yaml", layout.version)
    levels = [
        ElementLevel(
            name=require(raw, "name", str, file),
            level=require(raw, "level", str, file),
            code_segment=_optional_str(raw, "code_segment", file),
            ccks=_optional_str(raw, "ccks", file),
        )
        for raw in _entries(data, "elements", file)
    ]
    levels += [
        ElementLevel(
            name=require(raw, "name", str, file),
            level=require(raw, "level", str, file),
            code_segment=None,
            ccks=_optional_str(raw, "ccks", file),
            standard=False,
        )
        for raw in _entries(data, "extra_labels", file)
    ]
    _check_crosswalk(levels, layout, file)
    return tuple(levels)


def _check_crosswalk(levels: list[ElementLevel], layout: CodeLayout, file: Path) -> None:
    """Names and CCKS labels are unique; coded levels follow the code layout, level by level."""
    for key in ("name", "ccks"):
        values = [getattr(e, key) for e in levels if getattr(e, key) is not None]
        for value in {v for v in values if values.count(v) > 1}:
            raise InvalidStandard(str(file), key, f"{value!r} is used more than once")
    segments = {s.name: s for s in layout.segments}
    coded = [e for e in levels if e.code_segment is not None]
    for element in coded:
        segment = segments.get(element.code_segment or "")
        if segment is None:
            raise InvalidStandard(str(file), f"{element.name}.code_segment", "no such segment in code.yaml")
        if segment.level != element.level:
            raise InvalidStandard(
                str(file), f"{element.name}.level", f"is {element.level}, code.yaml says {segment.level}"
            )
    order = [s.name for s in layout.segments]
    if [e.code_segment for e in coded] != [s for s in order if s in {e.code_segment for e in coded}]:
        raise InvalidStandard(str(file), "elements", "coded elements must follow the order of code.yaml")


def _names(standard_dir: Path, version: str, levels: set[str]) -> tuple[Any, ...]:
    """Read ``names.yaml``: suffix rules, the community key and district aliases."""
    file, data = _versioned(standard_dir, "names.yaml", version)
    suffixes = tuple(
        SuffixRule(
            level=require(raw, "level", str, file),
            canonical=require(raw, "canonical", str, file),
            variants=_strings(raw, "variants", file, empty_ok=True),
        )
        for raw in _entries(data, "suffixes", file)
    )
    for rule in suffixes:
        if rule.level not in levels:
            raise InvalidStandard(str(file), f"suffixes.{rule.level}", "not an element of elements.yaml")
    key = _strings(data, "community_key", file)
    for name in set(key) - levels:
        raise InvalidStandard(str(file), "community_key", f"{name!r} is not an element")
    aliases = tuple(
        DistrictAlias(
            alias=require(raw, "alias", str, file),
            district=require(raw, "district", str, file),
            streets=_strings(raw, "streets", file) if "streets" in raw else (),
        )
        for raw in _entries(data, "district_aliases", file)
    )
    return suffixes, key, aliases


def _markers(standard_dir: Path, version: str, levels: set[str]) -> tuple[Any, ...]:
    """Read ``markers.yaml``: each element's marker variants and the floor rule."""
    file, data = _versioned(standard_dir, "markers.yaml", version)
    markers = tuple(
        MarkerRule(
            element=require(raw, "element", str, file),
            canonical=require(raw, "canonical", str, file),
            variants=_strings(raw, "variants", file),
        )
        for raw in _entries(data, "markers", file)
    )
    for rule in markers:
        if rule.element not in levels:
            raise InvalidStandard(str(file), f"markers.{rule.element}", "not an element of elements.yaml")
    floor_words = _strings(data, "floor_after_number", file, empty_ok=True)
    floor_rule = next((m for m in markers if m.element == "floor"), None)
    for word in floor_words:
        if floor_rule is None or word not in floor_rule.variants:
            raise InvalidStandard(str(file), "floor_after_number", f"{word!r} is not a floor marker variant")
    return markers, floor_words


def _numerals(standard_dir: Path, version: str) -> NumeralRules:
    """Read ``numerals.yaml``: digit and multiplier values must be single characters."""
    file, data = _versioned(standard_dir, "numerals.yaml", version)
    tables: dict[str, dict[str, int]] = {}
    for key in ("digits", "multipliers"):
        table = require(data, key, dict, file)
        for char, value in table.items():
            if not isinstance(char, str) or len(char) != 1:
                raise InvalidStandard(str(file), f"{key}.{char}", "must be one character")
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidStandard(str(file), f"{key}.{char}", "must be a non-negative integer")
        tables[key] = dict(table)
    return NumeralRules(
        digits=tuple(tables["digits"].items()),
        multipliers=tuple(tables["multipliers"].items()),
        number_markers=_strings(data, "number_markers", file),
        not_before=_strings(data, "not_before", file, empty_ok=True),
    )


def _noise_rules(file: Path, data: dict[str, Any]) -> tuple[NoiseRule, ...]:
    """Compile the noise patterns; a pattern that matches the empty string is refused."""
    rules = []
    for i, raw in enumerate(_entries(data, "noise", file)):
        name = require(raw, "name", str, file)
        try:
            pattern = re.compile(require(raw, "pattern", str, file))
        except re.error as exc:
            raise InvalidStandard(str(file), f"noise[{i}].pattern", f"not a valid regex: {exc}") from None
        if pattern.fullmatch(""):
            raise InvalidStandard(str(file), f"noise[{i}].pattern", "must not match the empty string")
        rules.append(NoiseRule(name=name, pattern=pattern))
    return tuple(rules)


def load_standard(standard_dir: Path) -> AddressStandard:
    """Load and validate every data file of a standard directory.

    Raises:
        InvalidStandard: a file is missing or malformed, or the files disagree.
    """
    layout = load_code_layout(standard_dir)
    elements = _element_levels(standard_dir, layout)
    names = {e.name for e in elements}
    suffixes, community_key, aliases = _names(standard_dir, layout.version, names)
    markers, floor_words = _markers(standard_dir, layout.version, names)
    file, data = _versioned(standard_dir, "normalisation.yaml", layout.version)
    form = require(data, "unicode_form", str, file)
    if form not in UNICODE_FORMS:
        raise InvalidStandard(str(file), "unicode_form", f"must be one of {', '.join(UNICODE_FORMS)}")
    unicode_form: Literal["NFC", "NFKC"] = "NFKC" if form == "NFKC" else "NFC"
    letters = require(data, "ascii_letters", str, file)
    if letters not in ("upper", "keep"):
        raise InvalidStandard(str(file), "ascii_letters", "must be 'upper' or 'keep'")
    rules = NormalisationRules(
        unicode_form=unicode_form,
        script_conversion=require(data, "script_conversion", str, file),
        ascii_upper=letters == "upper",
        drop_whitespace=require(data, "drop_whitespace", bool, file),
        noise=_noise_rules(file, data),
        suffixes=suffixes,
        numerals=_numerals(standard_dir, layout.version),
        markers=markers,
        floor_after_number=floor_words,
    )
    return AddressStandard(layout.version, layout, elements, aliases, community_key, rules)


@functools.lru_cache(maxsize=8)
def cached_standard(standard_dir: Path) -> AddressStandard:
    """:func:`load_standard`, remembered per directory for the life of the process.

    The convenience behind ``normalise(text)`` and ``parse(text, gazetteer)`` without an
    explicit standard. The cached value is immutable; edits to the files need a new process.
    """
    return load_standard(standard_dir)
