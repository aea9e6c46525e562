"""normalise() works on plain strings; it must give exactly the text of the offsets path."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addressreg.normalise import normalise, normalise_with_offsets
from addressreg.normalise.offset_text import OffsetText
from addressreg.normalise.pipeline import shipped_rules
from addressreg.normalise.steps import (
    arabic_numbers,
    canonical_markers,
    canonical_suffixes,
    compile_rules,
    convert_script,
    drop_invisible,
    strip_noise,
    unicode_fold,
    upper_letters,
)
from addressreg.normalise.text_steps import (
    FOLDING_TEXT_STEPS,
    REWRITING_TEXT_STEPS,
)

RULES = shipped_rules()
ADDRESS_ALPHABET = st.sampled_from(
    list("深圳市寶安區新安街道上川社区居委会民员办事处花园栋棟幢座号楼层单元室房户號电话手机期区")
    + list("零〇一二两三四五六七八九十百千0123456789１２ＡaBbTELtel-:()（）【】[] ")
    + list("附近旁边对面\u3000\x00\u200b")
)
TEXTS = st.one_of(st.text(alphabet=ADDRESS_ALPHABET, max_size=50), st.text(max_size=30))
OFFSET_STEPS = (
    unicode_fold,
    drop_invisible,
    convert_script,
    upper_letters,
    strip_noise,
    canonical_suffixes,
    arabic_numbers,
    canonical_markers,
)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_plain_string_path_equals_offsets_path(text: str) -> None:
    assert normalise(text, RULES) == normalise_with_offsets(text, RULES).text


@pytest.mark.parametrize("index", range(len(OFFSET_STEPS)))
@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_each_text_step_is_its_offset_twin(index: int, text: str) -> None:
    compiled = compile_rules(RULES)
    text_step = (*FOLDING_TEXT_STEPS, *REWRITING_TEXT_STEPS)[index]
    expected = OFFSET_STEPS[index](OffsetText.identity(text), compiled).text
    assert text_step(text, compiled) == expected


@pytest.mark.parametrize(
    "written, expected",
    [
        ("寶安區上合花園5-1203", "宝安区上合花园5-1203"),
        ("上合花园五栋1203房 电话13812345678", "上合花园5栋1203室"),
        ("上川社区居委会(近地铁站)二十三楼", "上川社区23层"),
        ("万科红(三期)a座", "万科红3期A栋"),
    ],
)
def test_known_addresses(written: str, expected: str) -> None:
    assert normalise(written, RULES) == expected
