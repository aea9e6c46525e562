"""The fast constructors of parse results build the same immutable objects."""

from __future__ import annotations

import dataclasses

import pytest

from addressreg.parse.parsed import Element, ParsedAddress, new_element, new_parsed


def test_new_element_equals_the_dataclass_constructor() -> None:
    built = new_element("building", "五栋", "5栋", 4, 6)
    assert built == Element("building", "五栋", "5栋", 4, 6)
    assert hash(built) == hash(Element("building", "五栋", "5栋", 4, 6))
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.label = "room"  # type: ignore[misc]


def test_new_parsed_equals_the_dataclass_constructor() -> None:
    element = new_element("district", "宝安", "宝安区", 0, 2)
    built = new_parsed("宝安", "宝安", (element,))
    assert built == ParsedAddress("宝安", "宝安", (element,))
    assert built.first("district") == element
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.text = "x"  # type: ignore[misc]
