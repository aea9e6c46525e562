"""The standard's data files load, and each kind of mistake names its file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.standard import InvalidStandard, load_code_layout, load_standard


@pytest.fixture()
def standard_copy(tmp_path: Path) -> Path:
    target = tmp_path / "standard"
    shutil.copytree(DEFAULT_STANDARD_DIR, target)
    return target


def edit(directory: Path, name: str, change: object) -> None:
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_shipped_standard_covers_every_element_level_in_order() -> None:
    standard = load_standard(DEFAULT_STANDARD_DIR)
    levels = [e.level for e in standard.standard_elements]
    assert levels == [
        "省",
        "市",
        "区",
        "街道",
        "社区",
        "网格",
        "路街巷",
        "门牌号",
        "小区",
        "楼栋",
        "单元",
        "楼层",
        "房号",
    ]
    assert standard.version == load_code_layout(DEFAULT_STANDARD_DIR).version


def test_crosswalk_to_code_segments_and_ccks_labels() -> None:
    standard = load_standard(DEFAULT_STANDARD_DIR)
    segments = {e.name: e.code_segment for e in standard.standard_elements if e.code_segment}
    assert segments == {
        "province": "province",
        "city": "city",
        "district": "district",
        "street": "street",
        "community": "community",
        "grid": "grid",
        "building": "building",
        "room": "room",
    }
    assert standard.to_ccks()["street"] == "town"
    assert standard.from_ccks()["houseno"] == "building"
    assert standard.from_ccks()["poi"] == "complex"


def test_names_rules_are_loaded() -> None:
    standard = load_standard(DEFAULT_STANDARD_DIR)
    community = standard.suffix("community")
    assert community is not None and "社区居委会" in community.variants and community.canonical == "社区"
    aliases = {a.alias: a for a in standard.district_aliases}
    assert aliases["龙华新区"].district == "龙华区"
    assert aliases["大鹏新区"].district == "龙岗区"
    assert set(aliases["大鹏新区"].streets) == {"葵涌街道", "大鹏街道", "南澳街道"}
    assert standard.community_key == ("street", "community")


@pytest.mark.parametrize(
    ("file", "change", "key"),
    [
        ("elements.yaml", lambda d: d.update(version="other"), "version"),
        ("elements.yaml", lambda d: d["elements"][3].update(code_segment="nowhere"), "street.code_segment"),
        ("elements.yaml", lambda d: d["elements"][3].update(level="镇"), "street.level"),
        ("elements.yaml", lambda d: d["elements"].reverse(), "elements"),
        ("elements.yaml", lambda d: d["elements"][0].update(ccks="city"), "ccks"),
        ("elements.yaml", lambda d: d.pop("extra_labels"), "extra_labels"),
        ("names.yaml", lambda d: d["suffixes"][0].update(level="village"), "suffixes.village"),
        ("names.yaml", lambda d: d["district_aliases"][0].pop("district"), "district"),
        ("markers.yaml", lambda d: d["markers"][0].update(variants=[]), "variants"),
        ("markers.yaml", lambda d: d.update(floor_after_number=["座"]), "floor_after_number"),
        ("numerals.yaml", lambda d: d["digits"].update({"十一": 11}), "digits.十一"),
        ("numerals.yaml", lambda d: d.update(digits=[1, 2]), "digits"),
        ("normalisation.yaml", lambda d: d["noise"][0].update(pattern="(unclosed"), "noise[0].pattern"),
        ("normalisation.yaml", lambda d: d["noise"][0].update(pattern="x*"), "noise[0].pattern"),
        ("normalisation.yaml", lambda d: d.update(unicode_form="NFD"), "unicode_form"),
        ("normalisation.yaml", lambda d: d.update(drop_whitespace="yes"), "drop_whitespace"),
    ],
)
def test_a_broken_file_names_file_and_key(standard_copy: Path, file: str, change: object, key: str) -> None:
    edit(standard_copy, file, change)
    with pytest.raises(InvalidStandard) as caught:
        load_standard(standard_copy)
    assert caught.value.file.endswith(file)
    assert caught.value.key == key


def test_a_missing_file_is_named(standard_copy: Path) -> None:
    (standard_copy / "markers.yaml").unlink()
    with pytest.raises(InvalidStandard) as caught:
        load_standard(standard_copy)
    assert caught.value.file.endswith("markers.yaml") and "not found" in caught.value.problem
