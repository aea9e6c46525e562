"""Pair comparison: element agreement, the score, the labels, and the rules file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from addressreg.compare import EXACT, NOT_MATCH, PARTIAL, compare_parsed, load_compare_rules
from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.parse import Element, ParsedAddress
from addressreg.standard import InvalidStandard

RULES = load_compare_rules(DEFAULT_STANDARD_DIR)


def _parsed(**values: str) -> ParsedAddress:
    text = "".join(values.values())
    return ParsedAddress(text, text, tuple(Element(label, v, v, 0, len(v)) for label, v in values.items()))


def test_the_same_address_is_an_exact_match_with_score_one() -> None:
    a = _parsed(district="南山区", road="科苑路", door_number="15号", building="1栋", room="101")
    verdict = compare_parsed(a, a, RULES)
    assert verdict.label == EXACT and verdict.score == 1.0
    assert {e.status for e in verdict.elements} == {"agree"}


def test_a_coarser_address_of_the_same_place_is_a_partial_match() -> None:
    a = _parsed(district="南山区", complex="科技园", building="1栋", room="101")
    b = _parsed(district="南山区", complex="科技园")
    verdict = compare_parsed(a, b, RULES)
    assert verdict.label == PARTIAL
    assert [e.status for e in verdict.elements if e.element == "room"] == ["only_a"]


def test_numbers_differ_however_alike_and_leading_zeros_do_not_matter() -> None:
    a = _parsed(complex="花园", building="03栋")
    assert compare_parsed(a, _parsed(complex="花园", building="3栋"), RULES).label == EXACT
    verdict = compare_parsed(a, _parsed(complex="花园", building="8栋"), RULES)
    assert verdict.label != EXACT
    assert [e.status for e in verdict.elements if e.element == "building"] == ["conflict"]


def test_no_agreeing_place_is_not_a_match() -> None:
    a = _parsed(district="南山区", road="科苑路", door_number="15号")
    b = _parsed(district="南山区", road="深南大道", door_number="9号")
    assert compare_parsed(a, b, RULES).label == NOT_MATCH


def test_a_name_found_verbatim_in_the_other_text_agrees_whatever_its_label() -> None:
    a = _parsed(complex="万兴家居", building="D栋")
    b = _parsed(road="玉泉营桥", sub_complex="西万兴家居", building="D栋")
    statuses = {e.element: e.status for e in compare_parsed(a, b, RULES).elements}
    assert statuses["complex"] == "agree"


def test_thresholds_move_the_label() -> None:
    a = _parsed(district="南山区", complex="科技园", building="1栋")
    b = _parsed(district="福田区", complex="科技园", building="1栋")
    strict = replace(RULES, exact_min_score=1.0, partial_min_score=0.99)
    assert compare_parsed(a, b, RULES).label == PARTIAL
    assert compare_parsed(a, b, strict).label == NOT_MATCH


def test_a_missing_compare_section_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "matching.yaml").write_text("version: x\n", encoding="utf-8")
    with pytest.raises(InvalidStandard, match="compare"):
        load_compare_rules(tmp_path)


def test_an_unweighted_place_element_is_refused(tmp_path: Path) -> None:
    (tmp_path / "matching.yaml").write_text(
        "compare:\n  weights: {road: 1}\n  place_elements: [complex]\n  fine_elements: []\n"
        "  numbered_elements: []\n  fuzzy_threshold: 0.8\n  exact_min_score: 0.8\n  partial_min_score: 0.5\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidStandard, match="place_elements"):
        load_compare_rules(tmp_path)
