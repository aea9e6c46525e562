"""The normal-form value of a parsed element.

The value is the part of the normalised input that came from the element's span
(``五栋`` → ``5栋``, ``5楼`` → ``5层``), and for named places the gazetteer's canonical name
(``宝安`` → ``宝安区``, ``龙华新区`` → ``龙华区``). A community name is resolved with the
street found before it, because community names repeat across streets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping

from addressreg.normalise.offset_text import OffsetText
from addressreg.parse.gazetteer import Gazetteer

# Element labels whose value is a gazetteer name, and the gazetteer kind they look up.
NAMED_KINDS = {
    "district": "district",
    "street": "street",
    "community": "community",
    "road": "road",
    "complex": "complex",
}
# The element whose value disambiguates a community name.
COMMUNITY_PARENT = "street"


def normalised_piece(normal: OffsetText, source: tuple[int, int]) -> str:
    """The characters of the normalised text whose source lies inside ``source``.

    Source spans never decrease along the text, so those characters are one run: the
    first whose span starts at or after ``source`` up to the last that ends inside it.
    """
    first = bisect_left(normal.starts, source[0])
    stop = bisect_right(normal.ends, source[1])
    return normal.text[first:stop] if first < stop else ""


def element_value(
    label: str,
    folded: str,
    source: tuple[int, int],
    normal: OffsetText,
    gazetteer: Gazetteer,
    found: Mapping[str, str],
    piece: str | None = None,
) -> str:
    """The value of an element: its normal form, or its place's canonical name.

    ``folded`` is the element's folded text; ``found`` the values of earlier elements;
    ``piece``, when the caller knows it, is :func:`normalised_piece` of ``source``.
    Text removed as noise (a bracketed note) keeps its folded form as value.
    """
    value = (normalised_piece(normal, source) if piece is None else piece) or folded
    kind = NAMED_KINDS.get(label)
    if kind is None:
        return value
    places = gazetteer.lookup(value, kind) or (gazetteer.lookup(folded, kind) if folded != value else ())
    if kind == "community" and len(places) > 1 and COMMUNITY_PARENT in found:
        places = tuple(p for p in places if p.parent == found[COMMUNITY_PARENT]) or places
    names = {p.name for p in places}
    return names.pop() if len(names) == 1 else value
