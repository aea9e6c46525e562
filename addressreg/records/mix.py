"""The noise mix: which department styles, how likely each step is, how many no-match records.

The mix is data (``standards/<version>/noise.yaml``); :mod:`addressreg.records.mix_loading`
reads and validates it into these values.
"""

from __future__ import annotations

from dataclasses import dataclass

from addressreg.records.vocabulary import NoiseVocabulary


@dataclass(frozen=True)
class DepartmentStyle:
    """How one department writes addresses.

    ``name`` is stable and written to each record (``public_security``); ``label`` is the
    department's Chinese name; ``weight`` is its relative share of the records;
    ``probabilities`` pairs step names with the chance the step is tried, in step order.
    """

    name: str
    label: str
    weight: float
    probabilities: tuple[tuple[str, float], ...]

    def probability(self, step: str) -> float:
        """The chance that ``step`` is tried on a record of this style (0 if not listed)."""
        return dict(self.probabilities).get(step, 0.0)


@dataclass(frozen=True)
class NoiseMix:
    """Everything the record generator draws from, besides the facts and the seed.

    ``step_order`` lists every step that may run, parts steps before text steps;
    ``no_match_share`` is the chance that a record names no registry address, and
    ``no_match_methods`` pairs fabrication methods with relative weights;
    ``building_code_length`` is how many leading digits of a room code name its building,
    ``room_code_length`` how many digits a room code has (both from the code layout).
    """

    version: str
    step_order: tuple[str, ...]
    styles: tuple[DepartmentStyle, ...]
    no_match_share: float
    no_match_methods: tuple[tuple[str, float], ...]
    vocabulary: NoiseVocabulary
    building_code_length: int
    room_code_length: int

    def style(self, name: str) -> DepartmentStyle:
        """The style called ``name``.

        Raises:
            KeyError: no style has that name.
        """
        for style in self.styles:
            if style.name == name:
                return style
        raise KeyError(f"no department style {name!r}; known: {', '.join(s.name for s in self.styles)}")
