"""The parser's output: an address split into the standard's elements, with offsets."""

from __future__ import annotations

from dataclasses import dataclass

from addressreg.standard.rules import AddressStandard


@dataclass(frozen=True, slots=True)
class Element:
    """One labelled part of an input address.

    ``label`` is an element name of the standard (``street``, ``building``) or one of its
    extra labels (``sub_complex``, ``assist``); ``text`` is ``input[start:end]`` exactly as
    written; ``value`` is its normal form (``五栋`` → ``5栋``, ``宝安`` → ``宝安区``).
    """

    label: str
    text: str
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    """An input address, its normal form and its elements in input order."""

    text: str
    normalised: str
    elements: tuple[Element, ...]

    def first(self, label: str) -> Element | None:
        """The first element with ``label``, or None."""
        return next((e for e in self.elements if e.label == label), None)

    def values(self) -> dict[str, str]:
        """Element values by label; a repeated label keeps its first value."""
        out: dict[str, str] = {}
        for element in self.elements:
            out.setdefault(element.label, element.value)
        return out


def to_ccks(parsed: ParsedAddress, standard: AddressStandard) -> list[dict[str, str | int]]:
    """The elements as CCKS 2021 dicts ``{"label", "text", "start", "end"}``.

    Labels go through the standard's crosswalk; an element without a CCKS label becomes
    ``otherinfo``'s counterpart in the standard (``other``) rather than being dropped.
    """
    crosswalk = standard.to_ccks()
    fallback = crosswalk.get("other", "otherinfo")
    return [
        {"label": crosswalk.get(e.label, fallback), "text": e.text, "start": e.start, "end": e.end}
        for e in parsed.elements
    ]
