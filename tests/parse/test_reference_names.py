"""The default gazetteer comes from the reference data shipped inside the package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.normalise import fold
from addressreg.parse.gazetteer import Gazetteer
from addressreg.parse.reference_names import reference_gazetteer, shipped_gazetteer
from addressreg.reference import DEFAULT_DATA_DIR, ReferenceDataError, load_reference
from addressreg.standard import AddressStandard


def test_shipped_data_lives_inside_the_package() -> None:
    package = Path(__file__).resolve().parents[2] / "addressreg"
    assert DEFAULT_DATA_DIR.resolve().is_relative_to(package)


def test_admin_names_keep_their_parents(gazetteer: Gazetteer) -> None:
    reference = load_reference()
    street = reference.streets[0]
    district = next(d for d in reference.districts if d.code == street.parent_code)
    places = gazetteer.lookup(street.name, "street")
    assert [p.parent for p in places] == [district.name]
    community = reference.communities[0]
    parent = next(s for s in reference.streets if s.code == community.parent_code)
    assert parent.name in {p.parent for p in gazetteer.lookup(community.name, "community")}


def test_short_former_and_variant_names_are_found(gazetteer: Gazetteer) -> None:
    reference = load_reference()
    for district in reference.districts:
        short = reference.short_names[district.code]
        assert [p.name for p in gazetteer.lookup(short, "district")] == [district.name]
        for former in reference.former_names[district.code]:
            assert district.name in {p.name for p in gazetteer.lookup(former, "district")}
    road = next(r for r in reference.roads if r.variants)
    assert [p.name for p in gazetteer.lookup(road.variants[0], "road")] == [road.name]
    complex_ = next(c for c in reference.complexes if c.aliases)
    assert complex_.name in {p.name for p in gazetteer.lookup(complex_.aliases[0], "complex")}


def test_every_reference_name_is_in_the_gazetteer(gazetteer: Gazetteer, standard: AddressStandard) -> None:
    reference = load_reference()
    rebuilt = reference_gazetteer(reference, standard)
    assert rebuilt.surfaces.keys() == gazetteer.surfaces.keys()
    rules = standard.normalisation
    missing = [
        c.name for c in reference.complexes if not gazetteer.lookup(fold(c.name, rules).text, "complex")
    ]
    assert missing == []


def test_shipped_gazetteer_is_built_once() -> None:
    assert shipped_gazetteer(DEFAULT_STANDARD_DIR) is shipped_gazetteer(DEFAULT_STANDARD_DIR)


def test_a_broken_reference_folder_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "reference"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    (folder / "roads.csv").write_text("road_name,variants\n深南大道,\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"roads\.csv"):
        shipped_gazetteer(DEFAULT_STANDARD_DIR, folder)
