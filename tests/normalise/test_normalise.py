"""normalise(): one case per rule of the standard (with its traps), offsets, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.normalise import fold, normalise, normalise_with_offsets
from addressreg.normalise.numerals import numeral_value
from addressreg.normalise.pipeline import normalise_folded, shipped_rules
from addressreg.standard import load_standard

RULES = load_standard(DEFAULT_STANDARD_DIR).normalisation

CASES = [
    # issue examples: three departments, one address
    ("深圳市宝安区新安街道上川社区上合花园5栋1203", "深圳市宝安区新安街道上川社区上合花园5栋1203"),
    ("宝安新安上合花园五栋1203室", "宝安新安上合花园5栋1203室"),
    ("寶安區上合花園5-1203", "宝安区上合花园5-1203"),
    # name suffixes
    ("上川社区居委会", "上川社区"),
    ("上川社区居民委员会", "上川社区"),
    ("上川居民委员会", "上川社区"),
    ("上川居委会", "上川社区"),
    ("上川社区居委", "上川社区"),
    ("新安街道办事处", "新安街道"),
    # building markers
    ("5栋", "5栋"),
    ("5棟", "5栋"),
    ("5幢", "5栋"),
    ("B座", "B栋"),
    ("5号楼", "5栋"),
    ("A楼", "A栋"),
    # 楼 after a number is a floor
    ("5楼", "5层"),
    ("5层", "5层"),
    ("二十三楼", "23层"),
    # unit, room and door-number markers
    ("三单元", "3单元"),
    ("1203房", "1203室"),
    ("1203户", "1203室"),
    ("12號", "12号"),
    # numerals only inside number tokens
    ("十二栋", "12栋"),
    ("十栋", "10栋"),
    ("一百零五号", "105号"),
    ("一二零三室", "1203室"),
    ("两单元", "2单元"),
    ("一心路", "一心路"),
    ("统一", "统一"),
    ("三村", "三村"),
    ("六约", "六约"),
    ("三号路", "三号路"),
    ("地铁一号线", "地铁一号线"),
    # marker words inside names are not markers
    ("酒楼", "酒楼"),
    ("座谈", "座谈"),
    # script, width, case
    ("寶安區", "宝安区"),
    ("１２０３", "1203"),
    ("Ａ座", "A栋"),
    ("b栋", "B栋"),
    # noise
    ("上合花园 5栋", "上合花园5栋"),
    ("上合花园13812345678", "上合花园"),
    ("上合花园0755-26661234", "上合花园"),
    ("上合花园（近地铁站）5栋", "上合花园5栋"),
    ("上合花园【备注】5栋", "上合花园5栋"),
    ("上合花园((套)括号)5栋", "上合花园5栋"),
    ("上合花园附近", "上合花园"),
    ("上合花园旁边", "上合花园"),
    ("上合花园对面", "上合花园"),
    # masked digits (CCKS) are digits like any other
    ("0000号", "0000号"),
    ("00楼", "00层"),
    # edge inputs
    ("", ""),
    ("\u200b\x00\t", ""),
]


@pytest.mark.parametrize(("written", "expected"), CASES)
def test_rule(written: str, expected: str) -> None:
    assert normalise(written, RULES) == expected


def test_default_rules_are_the_shipped_standard() -> None:
    assert normalise("寶安區五棟") == normalise("寶安區五棟", RULES) == "宝安区5栋"


@pytest.mark.parametrize(
    ("run", "value"),
    [("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("一二零三", 1203)],
)
def test_numeral_values(run: str, value: int) -> None:
    digits = dict(RULES.numerals.digits)
    multipliers = dict(RULES.numerals.multipliers)
    assert numeral_value(run, digits, multipliers) == value


def test_offsets_point_into_the_input() -> None:
    written = "寶安區 上合花園十二棟（备注）1203房"
    result = normalise_with_offsets(written, RULES)
    assert result.text == "宝安区上合花园12栋1203室"
    building = result.text.index("12栋")
    start, end = result.source_span(building, building + 3)
    assert written[start:end] == "十二棟"
    room = result.text.index("1203室")
    start, end = result.source_span(room, room + 5)
    assert written[start:end] == "1203房"


def test_fold_keeps_every_word() -> None:
    folded = fold("寶安區附近（备注）ａ座", RULES)
    assert folded.text == "宝安区附近(备注)A座"
    assert len(folded.starts) == len(folded.text)


ADDRESS_ALPHABET = st.sampled_from(
    list("深圳市宝安区新安街道上川社区居委会民员办事处花园栋棟幢座号楼层单元室房户號")
    + list("零〇一二两三四五六七八九十百千0123456789AaBb-()（）【】[] 附近旁边对面\u3000\x00\u200b")
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_idempotent_on_any_text(text: str) -> None:
    once = normalise(text, RULES)
    assert normalise(once, RULES) == once


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ADDRESS_ALPHABET, max_size=40))
def test_idempotent_on_address_like_text(text: str) -> None:
    once = normalise(text, RULES)
    assert normalise(once, RULES) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ADDRESS_ALPHABET, max_size=40))
def test_offsets_are_valid_spans_of_the_input(text: str) -> None:
    result = normalise_with_offsets(text, RULES)
    assert len(result.starts) == len(result.ends) == len(result.text)
    for start, end in zip(result.starts, result.ends, strict=True):
        assert 0 <= start <= end <= len(text)
    assert list(result.starts) == sorted(result.starts)


@pytest.mark.parametrize(
    "text",
    [
        "😀🏠5栋",
        "\x00\x01\x7f",
        "\ud800上合",
        "a" * 10_000,
        "栋" * 10_000,
        "十" * 10_000,
        "(" * 500 + ")" * 500,
    ],
)
def test_never_raises_on_awkward_text(text: str) -> None:
    once = normalise(text, RULES)
    assert normalise(once, RULES) == once


@settings(max_examples=300)
@given(st.one_of(st.text(alphabet=ADDRESS_ALPHABET, max_size=40), st.text(max_size=20)))
def test_finishing_a_fold_equals_normalising(text: str) -> None:
    rules = shipped_rules()
    finished = normalise_folded(fold(text, rules), rules)
    expected = normalise_with_offsets(text, rules)
    assert (finished.text, finished.starts, finished.ends) == (expected.text, expected.starts, expected.ends)
