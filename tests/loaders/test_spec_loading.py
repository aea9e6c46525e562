"""The shipped department specs load; malformed specs fail naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from loaders.errors import InvalidSpec
from loaders.spec import FileFormat, SourceCrs
from loaders.spec_loading import SPECS_DIR, load_region, load_spec, load_specs, spec_for

GOOD = {
    "code": "demo",
    "name": "演示部门",
    "file": {"format": "csv", "encoding": "gbk"},
    "record_id": "编号",
    "address": {"column": "地址"},
    "coordinates": {"crs": "gcj02", "x": "经度", "y": "纬度", "tolerance_m": 50},
    "sample": {"id_format": "D{n:05d}", "noise": {"typo": 0.1}},
}


def _write(tmp_path: Path, body: dict[str, object], code: str = "demo") -> Path:
    path = tmp_path / f"{code}.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path


def test_the_41_shipped_specs_load_and_cover_every_format_and_crs() -> None:
    specs = load_specs()
    assert len(specs) == 41
    assert {s.file_format for s in specs.values()} == set(FileFormat)
    assert {s.coordinates.crs for s in specs.values() if s.coordinates} == set(SourceCrs)
    assert {s.encoding for s in specs.values() if s.file_format is FileFormat.CSV} >= {
        "gbk",
        "utf-8",
        "utf-8-sig",
    }
    assert any(s.parts for s in specs.values()) and any(s.address_column for s in specs.values())
    assert len({s.name for s in specs.values()}) == 41


def test_a_good_spec_reads_into_values(tmp_path: Path) -> None:
    spec = load_spec(_write(tmp_path, GOOD))
    assert spec.file_format is FileFormat.CSV and spec.encoding == "gbk"
    assert spec.coordinates is not None and spec.coordinates.crs is SourceCrs.GCJ02
    assert spec.columns == ("编号", "地址", "经度", "纬度")
    assert spec.sample.noise == (("typo", 0.1),)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"file": {"format": "dbf"}}, "file.format"),
        ({"file": {"format": "csv", "encoding": "klingon"}}, "file.encoding"),
        ({"record_id": None}, "record_id"),
        ({"address": {"column": "地址", "parts": [{"column": "区", "element": "district"}]}}, "address"),
        ({"address": {"parts": [{"column": "区", "element": "planet"}]}}, "address.parts[0].element"),
        ({"coordinates": {"crs": "mars2000", "x": "a", "y": "b", "tolerance_m": 1}}, "coordinates.crs"),
        ({"coordinates": {"crs": "wgs84", "x": "a", "tolerance_m": 1}}, "coordinates"),
        ({"cleaning": [{"remove_pattern": "(unclosed"}]}, "cleaning[0].remove_pattern"),
        ({"cleaning": [{"shout": "x"}]}, "cleaning[0]"),
        ({"sample": {"id_format": "D{n:05d}", "noise": {"earthquake": 0.1}}}, "sample.noise.earthquake"),
        ({"sample": {"id_format": "D{n:05d}", "coordinate_share": 1.5}}, "sample.coordinate_share"),
        ({"code": "Demo"}, "code"),
        ({"sample": {"id_format": "D{n}", "substitutions": {"•": 3}}}, "sample.substitutions.•"),
    ],
)
def test_a_bad_spec_names_the_file_and_key(tmp_path: Path, change: dict[str, object], key: str) -> None:
    path = _write(tmp_path, {**GOOD, **change})
    with pytest.raises(InvalidSpec) as caught:
        load_spec(path)
    assert caught.value.key == key
    assert str(path) in str(caught.value)


def test_a_spatial_spec_must_name_its_crs_and_take_the_point_from_geometry(tmp_path: Path) -> None:
    body = {**GOOD, "file": {"format": "geojson"}, "coordinates": None}
    with pytest.raises(InvalidSpec, match="coordinates"):
        load_spec(_write(tmp_path, body))
    body["coordinates"] = {"crs": "wgs84", "x": "经度", "y": "纬度", "tolerance_m": 5}
    with pytest.raises(InvalidSpec, match="geometry"):
        load_spec(_write(tmp_path, body))


def test_an_unknown_department_lists_the_known_ones() -> None:
    with pytest.raises(InvalidSpec, match="gongan_huji"):
        spec_for("nobody", SPECS_DIR)


def test_the_region_holds_shenzhen() -> None:
    region = load_region()
    assert region.lon[0] < 114.05 < region.lon[1] and region.lat[0] < 22.55 < region.lat[1]
    assert region.conflict_distance_m > 0
