"""The unified address code: its segments, and how codes are split, built and checked.

The layout is data (``standards/<version>/code.yaml``); this module only interprets it.
A code is a string of digits made of consecutive segments (province, city, district,
street, community, grid, building, room for Shenzhen). A prefix of the code that ends
on a segment boundary names a unit of that level: the first 19 digits name a building.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from addressreg.standard.errors import InvalidCode


@dataclass(frozen=True)
class Segment:
    """One segment of the code: its name, the element level it codes, its width."""

    name: str
    level: str
    width: int


@dataclass(frozen=True)
class CodeLayout:
    """The code layout of one version of the standard.

    ``nonzero`` names the segments that an issued code may not fill with zeros;
    ``prefix`` fixes the value of leading segments (44 03 for Shenzhen).
    """

    version: str
    segments: tuple[Segment, ...]
    nonzero: frozenset[str]
    prefix: Mapping[str, str]

    @property
    def length(self) -> int:
        """Number of digits of a full (room-level) code."""
        return sum(s.width for s in self.segments)

    def end_of(self, name: str) -> int:
        """Number of digits of a code that ends with segment ``name``."""
        end = 0
        for segment in self.segments:
            end += segment.width
            if segment.name == name:
                return end
        raise KeyError(name)

    def level_of_length(self, length: int) -> str | None:
        """The segment name a code of ``length`` digits ends on, or None."""
        end = 0
        for segment in self.segments:
            end += segment.width
            if end == length:
                return segment.name
        return None

    def split(self, code: str) -> dict[str, str]:
        """Split a code (full or a prefix ending on a segment) into named segments.

        Raises:
            InvalidCode: the code has non-digits or ends inside a segment.
        """
        if not code.isascii() or not code.isdigit():
            raise InvalidCode(f"code {code!r} must be ASCII digits only")
        if self.level_of_length(len(code)) is None:
            raise InvalidCode(
                f"code {code!r} has {len(code)} digits; a code ends on a segment "
                f"boundary ({', '.join(str(self.end_of(s.name)) for s in self.segments)})"
            )
        parts: dict[str, str] = {}
        start = 0
        for segment in self.segments:
            if start >= len(code):
                break
            parts[segment.name] = code[start : start + segment.width]
            start += segment.width
        return parts

    def validate(self, code: str, *, level: str | None = None) -> dict[str, str]:
        """Check a code against the layout and return its segments.

        Args:
            code: the code to check.
            level: when given, the segment the code must end on (``building``: 19 digits).

        Raises:
            InvalidCode: naming the segment that is wrong and why.
        """
        parts = self.split(code)
        if level is not None and len(code) != self.end_of(level):
            raise InvalidCode(
                f"code {code!r} has {len(code)} digits; a {level} code has {self.end_of(level)}"
            )
        for name, value in self.prefix.items():
            if name in parts and parts[name] != value:
                raise InvalidCode(f"code {code!r}: segment {name} is {parts[name]}, must be {value}")
        for name, value in parts.items():
            if name in self.nonzero and set(value) == {"0"}:
                raise InvalidCode(f"code {code!r}: segment {name} may not be all zeros")
        return parts

    def parent(self, code: str) -> str | None:
        """The code of the unit one level up, or None for the first segment."""
        ends = [self.end_of(s.name) for s in self.segments]
        shorter = [end for end in ends if end < len(code)]
        return code[: shorter[-1]] if shorter else None

    def join(self, parts: Mapping[str, str | int]) -> str:
        """Build a code from segment values (ints are zero-padded to width).

        Segments are taken in order until the first one missing from ``parts``.

        Raises:
            InvalidCode: a value does not fit its segment's width.
        """
        out = []
        for segment in self.segments:
            if segment.name not in parts:
                break
            value = parts[segment.name]
            text = f"{value:0{segment.width}d}" if isinstance(value, int) else value
            if len(text) != segment.width or not text.isdigit():
                raise InvalidCode(f"segment {segment.name}={value!r} does not fit {segment.width} digits")
            out.append(text)
        return "".join(out)
