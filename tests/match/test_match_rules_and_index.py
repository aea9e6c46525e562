"""Thresholds come from the standard's data; the room book; the engine never raises; pickling."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.match.engine import MatchingEngine
from addressreg.match.resolution import Category
from addressreg.match.rooms import RoomBook, pack_rooms
from addressreg.match.rows import RoomRow
from addressreg.match.rules import MATCHING_FILE, load_matching_rules
from addressreg.standard import InvalidStandard

TYPO = "南山区世界花圆香山居2栋2单元1203"


def _standard_copy(tmp_path: Path, **changes: object) -> Path:
    target = tmp_path / "standard"
    shutil.copytree(DEFAULT_STANDARD_DIR, target)
    data = yaml.safe_load((target / MATCHING_FILE).read_text(encoding="utf-8"))
    data.update(changes)
    (target / MATCHING_FILE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_shipped_rules_load_with_every_weight() -> None:
    rules = load_matching_rules(DEFAULT_STANDARD_DIR)
    assert 0 < rules.accept_score <= 1 and 0 < rules.accept_gap < 1
    assert set(rules.weights) >= {"complex", "building", "room"}


def test_accept_threshold_is_read_from_the_data(small_engine: MatchingEngine, tmp_path: Path) -> None:
    assert small_engine.resolve(TYPO).category is Category.B
    strict = load_matching_rules(_standard_copy(tmp_path, accept_score=0.999))
    assert strict.accept_score == 0.999
    engine = replace(small_engine, rules=strict)
    assert engine.resolve(TYPO).category is Category.C


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"accept_score": 1.5}, "accept_score"),
        ({"accept_gap": "wide"}, "accept_gap"),
        ({"weights": {"complex": 1}}, "weights.district"),
        ({"weights": {"planet": 1}}, "weights"),
        ({"max_candidates": 0}, "max_candidates"),
        ({"ignorable_names": [""]}, "ignorable_names[0]"),
    ],
)
def test_bad_rules_name_the_file_and_key(tmp_path: Path, change: dict[str, object], key: str) -> None:
    with pytest.raises(InvalidStandard) as caught:
        load_matching_rules(_standard_copy(tmp_path, **change))
    assert MATCHING_FILE in str(caught.value) and key in str(caught.value)


def test_missing_rules_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InvalidStandard, match="file not found"):
        load_matching_rules(tmp_path)


def test_room_book_looks_up_codes_from_data() -> None:
    rows = [
        RoomRow("1234567890123456789ZZ0001", "1234567890123456789", 1, "301"),
        RoomRow("1234567890123456789ZZ0002", "1234567890123456789", 2, "301"),
        RoomRow("1234567890123456789ZZ0003", "1234567890123456789", None, "1203"),
    ]
    book = RoomBook.from_rows(rows)
    assert len(book) == 3
    assert book.find("1234567890123456789", "2", "301") == ("1234567890123456789ZZ0002",)
    assert len(book.find("1234567890123456789", None, "301")) == 2
    assert book.find("1234567890123456789", "1", "1203") == ("1234567890123456789ZZ0003",)
    assert book.find("1234567890123456789", "3", "301") == ()
    assert book.find("0000000000000000000", "1", "301") == ()


def test_room_book_refuses_a_foreign_code_or_separator() -> None:
    with pytest.raises(ValueError, match="does not start"):
        pack_rooms(
            "1111111111111111111", [RoomRow("2222222222222222222000001", "1111111111111111111", 1, "1")]
        )
    with pytest.raises(ValueError, match="separator"):
        pack_rooms(
            "1111111111111111111", [RoomRow("1111111111111111111000001", "1111111111111111111", 1, "1|2")]
        )


FRAGMENTS = [
    "南山区",
    "世界花园香山居",
    "2栋",
    "2单元",
    "1203",
    "-",
    "号",
    "泉园一路",
    "（",
    "室",
    "Ａ",
    "龙华新区",
    "電話",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join)))
def test_engine_never_raises(small_engine: MatchingEngine, text: str) -> None:
    resolution = small_engine.resolve(text)
    assert resolution.category in set(Category)
    assert (resolution.code is None) == (
        resolution.category is Category.U or resolution.best is None or resolution.best.code is None
    )
