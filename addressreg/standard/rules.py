"""The address standard's rules as immutable values.

:func:`addressreg.standard.load_standard` builds an :class:`AddressStandard` from the data
files of a standard directory; the normaliser and the parser only read these values.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields
from typing import Literal

from addressreg.standard.code_layout import CodeLayout


@dataclass(frozen=True)
class ElementLevel:
    """One label of a parsed address.

    ``name`` is the label in code (``street``); ``level`` its Chinese name (``街道``);
    ``code_segment`` the code segment it fills (None if the code does not carry it);
    ``ccks`` the matching CCKS 2021 label (None if that scheme has none). ``standard`` is
    False for the extra labels that name parts of written addresses outside the standard.
    """

    name: str
    level: str
    code_segment: str | None
    ccks: str | None
    standard: bool = True


@dataclass(frozen=True)
class SuffixRule:
    """Variants of a level's name suffix and the canonical suffix they become."""

    level: str
    canonical: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class DistrictAlias:
    """A former or informal district name, the district it belongs to and, if it covers
    only part of that district, the streets it covers."""

    alias: str
    district: str
    streets: tuple[str, ...] = ()


@dataclass(frozen=True)
class MarkerRule:
    """The written variants of one element's marker (栋 棟 幢 座 号楼 楼 → 栋)."""

    element: str
    canonical: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class NumeralRules:
    """Where and how Chinese numerals become Arabic ones.

    A run of characters from ``digits`` and ``multipliers`` (character, value pairs) is
    converted only when one of ``number_markers`` follows it, and that marker is not
    followed by one of ``not_before``. All fields are hashable, so compiled forms can be cached.
    """

    digits: tuple[tuple[str, int], ...]
    multipliers: tuple[tuple[str, int], ...]
    number_markers: tuple[str, ...]
    not_before: tuple[str, ...]


@dataclass(frozen=True)
class NoiseRule:
    """A named pattern of noise removed from addresses (phone numbers, notes, 附近)."""

    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class NormalisationRules:
    """Everything :func:`addressreg.normalise.normalise` applies, in its order."""

    unicode_form: Literal["NFC", "NFKC"]
    script_conversion: str
    ascii_upper: bool
    drop_whitespace: bool
    noise: tuple[NoiseRule, ...]
    suffixes: tuple[SuffixRule, ...]
    numerals: NumeralRules
    markers: tuple[MarkerRule, ...]
    floor_after_number: tuple[str, ...]

    @functools.cached_property
    def _hash(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in fields(self)))

    def __hash__(self) -> int:
        """Hash computed once: the rules key the caches of compiled forms on every call."""
        return self._hash


@dataclass(frozen=True)
class AddressStandard:
    """One version of the address standard: code layout, elements and normalisation rules."""

    version: str
    code_layout: CodeLayout
    elements: tuple[ElementLevel, ...]
    district_aliases: tuple[DistrictAlias, ...]
    community_key: tuple[str, ...]
    normalisation: NormalisationRules

    @property
    def standard_elements(self) -> tuple[ElementLevel, ...]:
        """The standard's element levels in order (without the extra labels)."""
        return tuple(e for e in self.elements if e.standard)

    def element(self, name: str) -> ElementLevel:
        """The element or extra label called ``name``; KeyError if there is none."""
        for element in self.elements:
            if element.name == name:
                return element
        raise KeyError(name)

    def to_ccks(self) -> dict[str, str]:
        """Crosswalk from element names to CCKS labels (elements without one are absent)."""
        return {e.name: e.ccks for e in self.elements if e.ccks is not None}

    def from_ccks(self) -> dict[str, str]:
        """Crosswalk from CCKS labels to element names."""
        return {e.ccks: e.name for e in self.elements if e.ccks is not None}

    def suffix(self, level: str) -> SuffixRule | None:
        """The suffix rule of an administrative level, if the standard has one."""
        for rule in self.normalisation.suffixes:
            if rule.level == level:
                return rule
        return None
