"""The shipped reference data loads with the real counts; damaged copies fail naming file, row, column."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from addressreg.reference import Reference, ReferenceDataError, default_data_dir, load_reference

SPECIAL_UNITS = {"440304400", "440305400", "440306400", "440308403", "440310401"}


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


def test_the_real_admin_units_are_all_there(reference: Reference) -> None:
    assert len(reference.districts) == 9
    assert len(reference.streets) == 74 + len(SPECIAL_UNITS)
    assert SPECIAL_UNITS <= {s.code for s in reference.streets}
    virtual = [c for c in reference.communities if c.code.endswith("498")]
    assert len(reference.communities) - len(virtual) == 783 and len(virtual) == 5
    for unit in (*reference.streets, *reference.communities):
        assert unit.parent_code is not None and unit.code.startswith(unit.parent_code)
        assert unit.stats_code == unit.code


def test_names_are_standard_and_aliases_carry_old_and_area_names(reference: Reference) -> None:
    by_code = {u.code: u for u in (*reference.districts, *reference.streets, *reference.communities)}
    assert "龙华新区" in by_code["440309"].aliases and reference.former_names["440309"] == ("龙华新区",)
    assert all("大鹏新区" in by_code[c].aliases for c in ("440307009", "440307010", "440307011"))
    assert "大鹏新区" not in by_code["440307013"].aliases
    assert reference.short_names["440306017"] == "新安"
    assert all(c.name.endswith("社区") or "社区" in c.name for c in reference.communities)
    assert not any(c.name.endswith(("居委会", "委员会")) for c in reference.communities)


def test_polygons_are_cgcs2000_in_shenzhen(reference: Reference) -> None:
    polygons = reference.street_polygons
    assert set(polygons) == {s.code for s in reference.streets} - {"440304400", "440306400"}
    for code, polygon in polygons.items():
        minx, miny, maxx, maxy = polygon.bounds
        assert 113.7 < minx < maxx < 114.7 and 22.35 < miny < maxy < 22.9, code
        assert polygon.is_valid
    districts = reference.district_polygons
    assert len(districts) == 9
    assert districts["440304"].contains(polygons["440304010"].representative_point())


def test_every_source_row_of_the_complexes_is_kept(reference: Reference) -> None:
    listings = [x for c in reference.complexes for x in c.listings]
    assert len(listings) == 12_240  # all rows of shenzhen_residential_complexes.csv
    assert {x.source for x in listings} == {"lianjia", "ke", "fccs"}
    assert len({(x.source, x.source_row) for x in listings}) == len(listings)
    merged = [c for c in reference.complexes if len({x.source for x in c.listings}) > 1]
    assert merged and all(c.point is None or 113.7 < c.point.x < 114.7 for c in reference.complexes)


def test_roads_have_names_and_known_districts(reference: Reference) -> None:
    districts = {d.code for d in reference.districts}
    assert len(reference.roads) > 1000
    assert all(set(r.district_codes) <= districts for r in reference.roads)
    assert len({r.name for r in reference.roads}) == len(reference.roads)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def _rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "roads.csv").unlink()
    with pytest.raises(ReferenceDataError, match=r"roads\.csv: file not found"):
        load_reference(data_copy)


def test_an_unreadable_file_is_named(data_copy: Path) -> None:
    (data_copy / "complexes.csv").write_bytes(b"\xff\xfe\x00garbage,\n\x81\x82")
    with pytest.raises(ReferenceDataError, match=r"complexes\.csv.*cannot read"):
        load_reference(data_copy)


def test_a_missing_column_is_named(data_copy: Path) -> None:
    _rewrite(data_copy / "admin_units.csv", "code,level,name,", "code,level,label,")
    with pytest.raises(ReferenceDataError, match=r"admin_units\.csv, row 1, column 'name': missing column"):
        load_reference(data_copy)


def test_a_broken_row_names_row_and_column(data_copy: Path) -> None:
    path = data_copy / "complexes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[2] = "东经114度"
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        ReferenceDataError, match=r"complexes\.csv, row 3, column 'lon': '东经114度' is not a number"
    ):
        load_reference(data_copy)


def test_a_row_with_missing_cells_is_named(data_copy: Path) -> None:
    path = data_copy / "roads.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].rsplit(",", 2)[0]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"roads\.csv, row 6: has 3 cells, header has 5"):
        load_reference(data_copy)


def test_an_unknown_parent_is_named(data_copy: Path) -> None:
    _rewrite(data_copy / "admin_units.csv", "440306017001,community,", "440399017001,community,")
    _rewrite(data_copy / "admin_units.csv", ",440306017,,", ",440399017,,", count=-1)
    with pytest.raises(ReferenceDataError, match=r"admin_units\.csv, row \d+, column 'parent_code'"):
        load_reference(data_copy)


def test_a_bad_geometry_is_named(data_copy: Path) -> None:
    path = data_copy / "street_polygons.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    bowtie = [[[114.0, 22.5], [114.1, 22.6], [114.1, 22.5], [114.0, 22.6], [114.0, 22.5]]]
    data["features"][3]["geometry"] = {"type": "Polygon", "coordinates": bowtie}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        ReferenceDataError, match=r"street_polygons\.geojson, row 4, column 'geometry': is invalid"
    ):
        load_reference(data_copy)
