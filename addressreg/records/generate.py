"""Generate department-style records of registry addresses, with their truth.

For each record the generator draws (from one ``random.Random(seed)``, so the output
depends only on the facts' order, ``n``, ``seed`` and the mix) a fact, a department
style, and whether the record has no true match; it then writes the fact's full standard
form as parts, fabricates an absent address for a no-match record, tries each step of the
style with its probability, joins the parts, and tries the text steps. The truth follows
the text: the room code while the text still carries the room, else the building code.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from random import Random

from addressreg.model import AddressFacts
from addressreg.records.fabricate import NAME_CHANGING_STEPS, FactsIndex, fabricate_no_match, index_facts
from addressreg.records.facts_check import InvalidFacts, check_facts
from addressreg.records.mix import DepartmentStyle, NoiseMix
from addressreg.records.parts import AddressParts, parts_from_facts, render_parts
from addressreg.records.step_types import PartsStep, TextStep
from addressreg.records.steps import NoiseSteps, build_steps

NO_MATCH_LEVEL = "none"
"""``truth_level`` of a record that names no registry address (its ``truth_code`` is empty)."""


@dataclass(frozen=True, slots=True)
class GeneratedRecord:
    """One generated department record and its truth.

    ``truth_level`` is ``room``, ``building`` or ``none`` (then ``truth_code`` is empty);
    ``noise`` lists the applied steps in order (a no-match record starts with
    ``no_match_<method>``); ``style`` is the department style's name.
    """

    record_id: str
    text: str
    truth_code: str
    truth_level: str
    noise: tuple[str, ...]
    style: str


def generate_records(
    facts: Sequence[AddressFacts], n: int, seed: int, mix: NoiseMix, *, known: FactsIndex | None = None
) -> Iterator[GeneratedRecord]:
    """Stream ``n`` records of ``facts`` written in the mix's department styles.

    Facts are drawn without replacement when ``n <= len(facts)``, else with replacement.
    The facts are checked before the first record is made.

    Args:
        facts: the registry addresses to write.
        n: how many records.
        seed: the random seed; with the facts' order, ``n`` and ``mix`` it fixes the output.
        mix: styles, step probabilities, no-match share and vocabulary.
        known: what exists in the whole registry, when ``facts`` is only a sample of it, so
            that no-match records are absent from the registry and not just from the sample
            (see :func:`~addressreg.records.fabricate.index_registry`). Default: the facts.

    Raises:
        InvalidFacts: a fact cannot be written (bad level, code or label), or no no-match
            method applies to a drawn fact; naming the fact's index.
        ValueError: ``n`` is negative, or records are asked of no facts.
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    if n and not facts:
        raise ValueError("cannot generate records from no facts")
    check_facts(facts, mix.building_code_length, mix.room_code_length)
    return _RecordMaker(facts, seed, mix, known).stream(n)


@dataclass(frozen=True)
class _CompiledStyle:
    """A style with its steps made and paired with their probabilities, in step order."""

    name: str
    parts_steps: tuple[tuple[str, float, PartsStep], ...]
    no_match_parts_steps: tuple[tuple[str, float, PartsStep], ...]
    text_steps: tuple[tuple[str, float, TextStep], ...]


def _compile_style(style: DepartmentStyle, steps: NoiseSteps) -> _CompiledStyle:
    """Keep the style's steps with a positive probability, ready to call."""
    parts = tuple(
        (name, p, steps.parts[name]) for name, p in style.probabilities if p > 0 and name in steps.parts
    )
    text = tuple(
        (name, p, steps.text[name]) for name, p in style.probabilities if p > 0 and name in steps.text
    )
    safe = tuple(step for step in parts if step[0] not in NAME_CHANGING_STEPS)
    return _CompiledStyle(style.name, parts, safe, text)


class _RecordMaker:
    """Makes records one by one from one random stream; holds what is built once per run."""

    def __init__(
        self, facts: Sequence[AddressFacts], seed: int, mix: NoiseMix, known: FactsIndex | None
    ) -> None:
        self.facts = facts
        self.mix = mix
        self.rng = Random(seed)
        steps = build_steps(mix.vocabulary, mix.step_order)
        self.styles = [_compile_style(style, steps) for style in mix.styles]
        self.style_bounds = list(accumulate(style.weight for style in mix.styles))
        methods = [(name, weight) for name, weight in mix.no_match_methods if weight > 0]
        self.method_names = [name for name, _ in methods]
        self.method_bounds = list(accumulate(weight for _, weight in methods))
        if known is None and mix.no_match_share > 0:
            known = index_facts(facts, mix.vocabulary)
        self.index = known

    def stream(self, n: int) -> Iterator[GeneratedRecord]:
        """Yield ``n`` records, numbered ``R0000001`` on."""
        rng, count = self.rng, len(self.facts)
        if n <= count:
            for number, k in enumerate(rng.sample(range(count), n), start=1):
                yield self.make(number, k)
        else:
            for number in range(1, n + 1):
                yield self.make(number, rng.randrange(count))

    def make(self, number: int, k: int) -> GeneratedRecord:
        """Make record ``number`` from fact ``k``."""
        random = self.rng.random
        style = self.styles[bisect(self.style_bounds, random() * self.style_bounds[-1])]
        fact = self.facts[k]
        parts = parts_from_facts(fact, self.mix.vocabulary)
        noise: list[str] = []
        no_match = random() < self.mix.no_match_share
        if no_match:
            parts = self._fabricate(parts, k, noise)
        for name, probability, step in style.no_match_parts_steps if no_match else style.parts_steps:
            if random() < probability and (changed := step(parts, self.rng)) is not None:
                parts = changed
                noise.append(name)
        text = render_parts(parts)
        for name, probability, text_step in style.text_steps:
            if random() < probability and (rewritten := text_step(text, self.rng)) is not None:
                text = rewritten
                noise.append(name)
        code, level = self._truth(fact, parts, no_match)
        return GeneratedRecord(f"R{number:07d}", text, code, level, tuple(noise), style.name)

    def _fabricate(self, parts: AddressParts, k: int, noise: list[str]) -> AddressParts:
        """Fabricate an absent address from fact ``k`` by the drawn method, else the next that applies."""
        assert self.index is not None  # built whenever the no-match share is positive
        first = bisect(self.method_bounds, self.rng.random() * self.method_bounds[-1])
        order = self.method_names[first:] + self.method_names[:first]
        for method in order:
            fabricated = fabricate_no_match(parts, method, self.index, self.mix.vocabulary, self.rng)
            if fabricated is not None:
                noise.append(f"no_match_{method}")
                return fabricated
        raise InvalidFacts(
            f"facts[{k}] (code {self.facts[k].code}): no no-match method applies "
            f"({', '.join(order)}); add fabricated complex heads/suffixes or method weights to noise.yaml"
        )

    def _truth(self, fact: AddressFacts, parts: AddressParts, no_match: bool) -> tuple[str, str]:
        """The code and level the text supports."""
        if no_match:
            return "", NO_MATCH_LEVEL
        if fact.level == "room" and parts.room:
            return fact.code, "room"
        return fact.code[: self.mix.building_code_length], "building"
