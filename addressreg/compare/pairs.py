"""Comparing two parsed addresses element by element, and labelling the pair.

Each element of the rules is ``agree`` (same value, one containing the other, or similar
above the fuzzy threshold; numbered elements by their numbers only), ``conflict``,
``only_a`` / ``only_b`` (one address gives it), or left out when neither gives it. A
name element that one address gives and the other's normal text contains verbatim also
agrees, whatever label the parser gave it there (parsers mislabel names: a complex read
as a road, a shop as a complex).

The score is ``(agreeing weight − conflicting weight) / weight either address gives``,
mapped from [-1, 1] to [0, 1]. The label:

* ``exact_match``: a place element agrees, nothing conflicts, both give the same fine
  elements (building … room) and the score reaches ``exact_min_score``;
* ``partial_match``: a place element agrees and the score reaches ``partial_min_score``
  (the two agree on a coarser prefix: the same road, door or complex);
* ``not_match`` otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from addressreg.compare.rules import CompareRules
from addressreg.parse import ParsedAddress

EXACT, PARTIAL, NOT_MATCH = "exact_match", "partial_match", "not_match"
LABELS = (EXACT, PARTIAL, NOT_MATCH)
_NUMBERS = re.compile(r"\d+")
MIN_FOUND_LENGTH = 2  # a one-character value is found in too many texts to mean anything


@dataclass(frozen=True, slots=True)
class ElementAgreement:
    """How one element of the two addresses compares."""

    element: str
    status: str  # agree, conflict, only_a, only_b
    a: str | None
    b: str | None


@dataclass(frozen=True, slots=True)
class PairVerdict:
    """The label of a pair, its score, and the element agreements behind it."""

    label: str
    score: float
    elements: tuple[ElementAgreement, ...]


def compare_parsed(a: ParsedAddress, b: ParsedAddress, rules: CompareRules) -> PairVerdict:
    """Label the pair ``(a, b)`` by the rules (see the module docstring)."""
    values_a, values_b = a.values(), b.values()
    elements = tuple(
        _found_in_text(agreement, a.normalised, b.normalised, rules)
        for name, _ in rules.weights
        if (agreement := _agreement(name, values_a.get(name), values_b.get(name), rules)) is not None
    )
    score = _score(elements, dict(rules.weights))
    return PairVerdict(_label(elements, score, rules), score, elements)


def _agreement(name: str, a: str | None, b: str | None, rules: CompareRules) -> ElementAgreement | None:
    if a is None and b is None:
        return None
    if a is None or b is None:
        return ElementAgreement(name, "only_b" if a is None else "only_a", a, b)
    same = _same_numbers(a, b) if name in rules.numbered_elements else _same_name(a, b, rules.fuzzy_threshold)
    return ElementAgreement(name, "agree" if same else "conflict", a, b)


def _found_in_text(
    agreement: ElementAgreement, text_a: str, text_b: str, rules: CompareRules
) -> ElementAgreement:
    """A name element that did not agree, but whose value the other text contains, agrees."""
    if agreement.status == "agree" or agreement.element in rules.numbered_elements:
        return agreement
    for value, other in ((agreement.a, text_b), (agreement.b, text_a)):
        if value is not None and len(value) >= MIN_FOUND_LENGTH and value in other:
            return ElementAgreement(agreement.element, "agree", agreement.a, agreement.b)
    return agreement


def _same_numbers(a: str, b: str) -> bool:
    numbers_a = [int(n) for n in _NUMBERS.findall(a)]
    numbers_b = [int(n) for n in _NUMBERS.findall(b)]
    if numbers_a or numbers_b:
        return numbers_a == numbers_b
    return a == b


def _same_name(a: str, b: str, threshold: float) -> bool:
    if a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a)):
        return True
    return fuzz.ratio(a, b) / 100.0 >= threshold


def _score(elements: tuple[ElementAgreement, ...], weights: dict[str, float]) -> float:
    given = sum(weights[e.element] for e in elements)
    if not given:
        return 0.0
    agreed = sum(weights[e.element] for e in elements if e.status == "agree")
    conflicting = sum(weights[e.element] for e in elements if e.status == "conflict")
    return ((agreed - conflicting) / given + 1.0) / 2.0


def _label(elements: tuple[ElementAgreement, ...], score: float, rules: CompareRules) -> str:
    place_agrees = any(e.status == "agree" for e in elements if e.element in rules.place_elements)
    if not place_agrees:
        return NOT_MATCH
    conflicts = any(e.status == "conflict" for e in elements)
    fine_complete = all(e.status == "agree" for e in elements if e.element in rules.fine_elements)
    if not conflicts and fine_complete and score >= rules.exact_min_score:
        return EXACT
    return PARTIAL if score >= rules.partial_min_score else NOT_MATCH
