"""Each noise step alone: facts in, a property of the written text out (table-driven)."""

from __future__ import annotations

import re
from random import Random
from typing import Any

import pytest
from records_facts import standard_room_fact

from addressreg.records import STEP_NAMES, build_steps
from addressreg.records.parts import parts_from_facts, render_parts
from addressreg.records.vocabulary import NoiseVocabulary

STANDARD = "深圳市龙华区民治街道上芬社区民治大道12号翠景花园5栋2单元1203"

# (step, overrides of the standard room fact, regex the noisy text must match, substrings it must lack)
STEP_CASES: list[tuple[str, dict[str, Any], str, tuple[str, ...]]] = [
    ("add_province", {}, r"^广东省深圳市龙华区", ()),
    ("drop_city", {}, r"^龙华区民治街道", ("深圳市",)),
    ("drop_district", {}, r"^深圳市民治街道", ("龙华区",)),
    ("old_district_name", {}, r"^深圳市龙华新区民治街道", ("龙华区",)),
    ("drop_street", {}, r"龙华区上芬社区民治大道", ("民治街道",)),
    ("drop_community", {}, r"民治街道民治大道12号", ("上芬社区",)),
    ("road_instead_of_complex", {}, r"民治大道12号5栋2单元1203$", ("翠景花园",)),
    ("complex_instead_of_road", {}, r"上芬社区翠景花园5栋", ("民治大道", "12号")),
    ("colloquial_complex", {}, r"12号翠景5栋", ("翠景花园",)),
    ("typo", {"road": None}, r"上芬社区..花.5栋|上芬社区翠景..5栋", ("翠景花园",)),
    ("drop_room", {}, r"翠景花园5栋$", ("单元", "1203")),
    ("dash_shorthand", {}, r"翠景花园5-2-1203$", ("栋", "单元")),
    ("chinese_numerals", {"building_label": "12栋", "unit": 3}, r"翠景花园十二栋三单元1203$", ("12栋",)),
    ("building_marker_variant", {}, r"翠景花园5(号楼|座|幢|棟)2单元1203$", ("5栋",)),
    ("room_marker_variant", {}, r"2单元1203[室房号]$", ()),
    ("bracket_note", {}, r"翠景花园[（(【\[][^）)】\]]+[）)】\]]5栋", ()),
    ("phone_noise", {}, r"(^\D*1[3-9]\d{9}深圳市)|(1203\D*1[3-9]\d{9}$)", ()),
    ("spaces_and_punctuation", {}, r"^深圳市([ ，,、]+)龙华区\1民治街道", ()),
    ("traditional_chars", {}, r"深圳市龍華區民治街道上芬社區.*翠景花園5棟2單元1203", ("区", "栋")),
    ("fullwidth_digits", {}, r"民治大道１２号翠景花园５栋２单元１２０３$", ("1203", "12号")),
]

# (step, overrides) where the step cannot apply and must say so with None
NOT_APPLICABLE_CASES: list[tuple[str, dict[str, Any]]] = [
    ("old_district_name", {"district_aliases": ()}),
    ("colloquial_complex", {"complex_aliases": ()}),
    ("road_instead_of_complex", {"road": None}),
    ("complex_instead_of_road", {"complex_name": None}),
    ("complex_instead_of_road", {"building_label": ""}),
    ("typo", {"road": None, "complex_name": "星河丹堤"}),
    ("drop_room", {"level": "building", "code": "4403090030020400005", "room": None, "unit": None}),
    ("dash_shorthand", {"level": "building", "code": "4403090030020400005", "room": None, "unit": None}),
    ("chinese_numerals", {"building_label": "A座", "unit": None}),
    ("building_marker_variant", {"building_label": "B3"}),
    ("room_marker_variant", {"level": "building", "code": "4403090030020400005", "room": None}),
]


def _noisy_text(step: str, overrides: dict[str, Any], vocabulary: NoiseVocabulary, seed: int) -> str | None:
    """Apply one step to the standard form of the fact and return the text (None if not applied)."""
    steps = build_steps(vocabulary, (step,))
    parts = parts_from_facts(standard_room_fact(**overrides), vocabulary)
    if step in steps.text:
        return steps.text[step](render_parts(parts), Random(seed))
    noisy = steps.parts[step](parts, Random(seed))
    return None if noisy is None else render_parts(noisy)


def test_the_standard_form_is_the_full_address(vocabulary: NoiseVocabulary) -> None:
    assert render_parts(parts_from_facts(standard_room_fact(), vocabulary)) == STANDARD


def test_every_registered_step_has_a_case() -> None:
    assert {case[0] for case in STEP_CASES} == set(STEP_NAMES)


@pytest.mark.parametrize(
    ("step", "overrides", "pattern", "absent"), STEP_CASES, ids=[c[0] for c in STEP_CASES]
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_step_writes_its_kind_of_noise(
    vocabulary: NoiseVocabulary,
    step: str,
    overrides: dict[str, Any],
    pattern: str,
    absent: tuple[str, ...],
    seed: int,
) -> None:
    text = _noisy_text(step, overrides, vocabulary, seed)
    assert text is not None, f"{step} did not apply"
    assert re.search(pattern, text), f"{step}: {text!r} does not match {pattern!r}"
    for fragment in absent:
        assert fragment not in text, f"{step}: {text!r} still contains {fragment!r}"


@pytest.mark.parametrize(
    ("step", "overrides"), NOT_APPLICABLE_CASES, ids=[c[0] for c in NOT_APPLICABLE_CASES]
)
def test_step_that_cannot_apply_returns_none(
    vocabulary: NoiseVocabulary, step: str, overrides: dict[str, Any]
) -> None:
    assert _noisy_text(step, overrides, vocabulary, 0) is None


@pytest.mark.parametrize("seed", range(20))
def test_typo_changes_one_character_of_a_local_name_to_a_listed_slip(
    vocabulary: NoiseVocabulary, seed: int
) -> None:
    text = _noisy_text("typo", {}, vocabulary, seed)
    assert text is not None and len(text) == len(STANDARD)
    changed = [i for i, (a, b) in enumerate(zip(STANDARD, text, strict=True)) if a != b]
    assert len(changed) == 1
    (i,) = changed
    assert text[i] in vocabulary.typos[STANDARD[i]]
    # only the road (民治大道) or the complex (翠景花园) may change, never the admin prefix or numbers
    local_spans = [
        (m.start(), m.end()) for name in ("民治大道", "翠景花园") for m in re.finditer(name, STANDARD)
    ]
    assert any(start <= i < end for start, end in local_spans)


def test_chinese_numerals_write_tens_and_hundreds(vocabulary: NoiseVocabulary) -> None:
    cases = {"10栋": "十栋", "20栋": "二十栋", "105栋": "一百零五栋", "110栋": "一百一十栋"}
    for label, expected in cases.items():
        text = _noisy_text("chinese_numerals", {"building_label": label}, vocabulary, 0)
        assert text is not None and expected in text, (label, text)


def test_unknown_step_name_is_refused(vocabulary: NoiseVocabulary) -> None:
    with pytest.raises(KeyError, match="drop_everything"):
        build_steps(vocabulary, ("drop_everything",))
