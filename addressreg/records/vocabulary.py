"""The words the noise steps write, as loaded from the standard's ``noise.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NoiseVocabulary:
    """Markers, notes and tables the noise steps draw from.

    A building label is split into its number and the longest of the ``building_markers``
    that ends it; ``note_brackets`` are (open, close) pairs; ``typos`` maps a character to
    plausible slips for it; ``complex_heads`` and ``complex_suffixes`` build fabricated
    complex names for records with no true match.
    """

    province: str
    city: str
    door_marker: str
    unit_marker: str
    building_markers: tuple[str, ...]
    room_markers: tuple[str, ...]
    notes: tuple[str, ...]
    note_brackets: tuple[tuple[str, str], ...]
    phone_prefixes: tuple[str, ...]
    separators: tuple[str, ...]
    typos: Mapping[str, tuple[str, ...]]
    complex_heads: tuple[str, ...]
    complex_suffixes: tuple[str, ...]

    def split_building_label(self, label: str) -> tuple[str, str]:
        """Split a building label into (number, marker): ``12号楼`` → (``12``, ``号楼``).

        A label that ends in no known marker is all number (``B3`` → (``B3``, ``""``)).
        """
        found = ""
        for marker in self.building_markers:
            if len(found) < len(marker) < len(label) and label.endswith(marker):
                found = marker
        return (label[: -len(found)], found) if found else (label, "")
