"""The standard address text of a code, written from the standard's template (``address_format.yaml``).

The template and the decorations (号, 单元, …) are data; this module only fills them in.
``standard_text`` is pure; ``load_address_format`` is the one function that reads a file.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from addressreg.model import AddressFacts
from addressreg.standard.errors import InvalidStandard
from addressreg.standard.loading import read_yaml, require

ELEMENTS = ("city", "district", "street", "community", "road", "door", "complex", "building", "unit", "room")
LEVELS = ("building", "room")
FORMAT_FILE = "address_format.yaml"


@dataclass(frozen=True)
class AddressFormat:
    """How the standard writes an address: the city name, one template per level, decorations."""

    version: str
    city: str
    templates: Mapping[str, tuple[str, ...]]  # level → element names in order
    decorations: Mapping[str, str]  # element → "{}号"-style pattern


def standard_text(parts: Mapping[str, str | int | None], level: str, fmt: AddressFormat) -> str:
    """The standard address of ``parts`` (element → value) at ``level`` (building or room).

    ``city`` defaults to the format's city. Elements without a value are left out with
    their decoration.

    Raises:
        KeyError: ``level`` has no template in ``fmt``.
    """
    values = {"city": fmt.city, **parts}
    out = []
    for element in fmt.templates[level]:
        value = values.get(element)
        if value is None or value == "":
            continue
        pattern = fmt.decorations.get(element, "{}")
        affixes = _affixes(pattern)
        if affixes is None:
            out.append(pattern.format(value))
        else:
            out.extend((affixes[0], str(value), affixes[1]))
    return "".join(out)


_AFFIX_CACHE: dict[str, tuple[str, str] | None] = {}


def _affixes(pattern: str) -> tuple[str, str] | None:
    """(before, after) the ``{}`` of a decoration with no other brace, else None. Joining
    them around ``str(value)`` is what ``pattern.format(value)`` gives for a str or int
    value, without parsing the pattern on every call (an address has ten decorations)."""
    if pattern in _AFFIX_CACHE:
        return _AFFIX_CACHE[pattern]
    before, _, after = pattern.partition("{}")
    plain = pattern.count("{") == pattern.count("}") == 1
    found = _AFFIX_CACHE[pattern] = (before, after) if plain else None
    return found


def facts_parts(facts: AddressFacts) -> dict[str, str | int | None]:
    """The template elements of an :class:`AddressFacts`."""
    return {
        "district": facts.district,
        "street": facts.street,
        "community": facts.community,
        "road": facts.road,
        "door": facts.door_number,
        "complex": facts.complex_name,
        "building": facts.building_label,
        "unit": facts.unit,
        "room": facts.room,
    }


def facts_text(facts: AddressFacts, fmt: AddressFormat) -> str:
    """The standard address of ``facts`` at its own level."""
    return standard_text(facts_parts(facts), facts.level, fmt)


def load_address_format(standard_dir: Path) -> AddressFormat:
    """Load ``address_format.yaml`` of a standard directory.

    Raises:
        InvalidStandard: the file is missing or malformed, a template is missing, or a
            template or decoration is not well formed (unknown element, no ``{}``).
    """
    file = standard_dir / FORMAT_FILE
    data = read_yaml(file)
    raw_templates = require(data, "templates", dict, file)
    templates = {level: _template(raw_templates, level, file) for level in LEVELS}
    decorations = {str(k): str(v) for k, v in require(data, "decorations", dict, file).items()}
    for element, pattern in decorations.items():
        if element not in ELEMENTS:
            raise InvalidStandard(str(file), f"decorations.{element}", "unknown element")
        if "{}" not in pattern:
            raise InvalidStandard(str(file), f"decorations.{element}", "must contain {} for the value")
    return AddressFormat(
        version=require(data, "version", str, file),
        city=require(data, "city", str, file),
        templates=templates,
        decorations=decorations,
    )


def _template(raw: dict[str, object], level: str, file: Path) -> tuple[str, ...]:
    text = require(raw, level, str, file)
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise InvalidStandard(str(file), f"templates.{level}", f"malformed template: {exc}") from None
    names = []
    for literal, name, spec, conversion in pieces:
        if literal:
            raise InvalidStandard(
                str(file), f"templates.{level}", f"text {literal!r} outside {{}}: use decorations"
            )
        if name is None:
            continue
        if name not in ELEMENTS or spec or conversion:
            raise InvalidStandard(str(file), f"templates.{level}", f"unknown element {{{name}}}")
        names.append(name)
    return tuple(names)
