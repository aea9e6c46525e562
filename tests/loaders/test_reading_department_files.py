"""Reading department files by their spec: formats, encodings, split columns, cleaning, bad files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import geopandas
import numpy as np
import pytest
import shapely
from openpyxl import Workbook

from addressreg.clean.tables import CELL_LIMIT
from loaders.errors import BadDepartmentFile
from loaders.records import source_records
from loaders.spec import (
    AddressPart,
    CleaningKind,
    CleaningStep,
    CoordinateSpec,
    DepartmentSpec,
    FileFormat,
    SampleStyle,
    SourceCrs,
)
from loaders.spec_loading import load_region
from loaders.tables import read_table

REGION = load_region()
SPEC = DepartmentSpec(
    code="demo",
    name="演示",
    file_format=FileFormat.CSV,
    encoding="gbk",
    delimiter=",",
    sheet=None,
    layer=None,
    record_id="编号",
    address_column="地址",
    parts=(),
    separator="",
    cleaning=(),
    coordinates=CoordinateSpec(SourceCrs.GCJ02, "经度", "纬度", 50.0),
    sample=SampleStyle((), "D{n}", 0.0, 0.0, 0.0),
    source=Path("demo.yaml"),
)
ROWS = [
    ("A1", "深圳市福田区福强路2023号嘉福花园1栋", "114.0612", "22.5301"),
    ("A2", "南山区科技中三路5号", "", ""),
]


def _csv(path: Path, header: str, rows: list[tuple[str, ...]], encoding: str = "gbk") -> Path:
    lines = [header] + [",".join(row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _load(spec: DepartmentSpec, path: Path):  # type: ignore[no-untyped-def]
    return source_records(spec, read_table(spec, path), REGION)


def test_a_gbk_csv_reads_with_its_points_converted(tmp_path: Path) -> None:
    records = _load(SPEC, _csv(tmp_path / "d.csv", "编号,地址,经度,纬度", ROWS))
    assert records.record_ids == ["A1", "A2"] and records.texts[0] == ROWS[0][1]
    assert records.rows == [2, 3]
    assert 0.004 < 114.0612 - records.lon[0] < 0.007  # GCJ-02 lies east of WGS84 in Shenzhen
    assert np.isnan(records.lon[1])
    assert len(set(records.hashes)) == 2


def test_a_hash_changes_with_the_text_or_the_point_only(tmp_path: Path) -> None:
    first = _load(SPEC, _csv(tmp_path / "a.csv", "编号,地址,经度,纬度,备注", [(*ROWS[0], "x")]))
    same = _load(SPEC, _csv(tmp_path / "b.csv", "编号,地址,经度,纬度,备注", [(*ROWS[0], "y")]))
    moved = _load(
        SPEC, _csv(tmp_path / "c.csv", "编号,地址,经度,纬度", [(*ROWS[0][:2], "114.0613", "22.5301")])
    )
    assert first.hashes == same.hashes and first.hashes != moved.hashes


def test_utf8_read_as_gbk_stops_naming_the_row(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "d.csv", "编号,地址,经度,纬度", [("A1", "x", "", ""), ("A2", "福田区", "", "")], "utf-8"
    )
    with pytest.raises(BadDepartmentFile, match="gbk") as caught:
        _load(SPEC, path)
    assert caught.value.row == 1  # the header is already UTF-8


def test_a_cell_beyond_the_csv_modules_default_limit_is_read(tmp_path: Path) -> None:
    huge = "福田区" + "香" * 200_000
    records = _load(SPEC, _csv(tmp_path / "d.csv", "编号,地址,经度,纬度", [("A1", huge, "", ""), ROWS[1]]))
    assert records.texts == [huge, ROWS[1][1]]


def test_a_cell_beyond_any_address_stops_the_read_naming_the_row(tmp_path: Path) -> None:
    rows = [ROWS[1], ("A3", "x" * (CELL_LIMIT + 1), "", "")]
    with pytest.raises(BadDepartmentFile, match="broken CSV: field larger") as caught:
        _load(SPEC, _csv(tmp_path / "d.csv", "编号,地址,经度,纬度", rows))
    assert caught.value.row == 3


@pytest.mark.parametrize(
    ("header", "rows", "row", "column", "words"),
    [
        ("编号,住址,经度,纬度", ROWS, 1, None, "missing column"),
        ("编号,地址,经度,纬度", [ROWS[0], ("", "福田区", "", "")], 3, "编号", "empty record id"),
        ("编号,地址,经度,纬度", [ROWS[0], ROWS[0]], 3, "编号", "repeats"),
        ("编号,地址,经度,纬度", [ROWS[0], ("A1", "福田区", "114,0612", "22.53")], 3, None, "5 fields"),
        ("编号,地址,经度,纬度", [("A1", "福田区", "东经114度", "22.53")], 2, "经度", "unreadable"),
        ("编号,地址,经度,纬度", [("A1", "福田区", "114.06", "")], 2, "纬度", "one of the two"),
        ("编号,地址,经度,纬度", [("A1", "福田区", "22.53", "114.06")], 2, "经度,纬度", "outside the region"),
    ],
)
def test_a_bad_row_stops_the_read_naming_row_and_column(
    tmp_path: Path, header: str, rows: list[tuple[str, ...]], row: int | None, column: str | None, words: str
) -> None:
    with pytest.raises(BadDepartmentFile, match=words) as caught:
        _load(SPEC, _csv(tmp_path / "d.csv", header, rows))
    if row is not None:
        assert caught.value.row == row
    assert caught.value.column == column
    assert "d.csv" in str(caught.value)


def test_split_columns_are_joined_with_their_markers_and_cleaned(tmp_path: Path) -> None:
    parts = (
        AddressPart("区", "district"),
        AddressPart("路", "road"),
        AddressPart("号", "door_number", "号"),
        AddressPart("楼栋", "building"),
        AddressPart("房", "room"),
    )
    cleaning = (
        CleaningStep(CleaningKind.REPLACE, "#", "号"),
        CleaningStep(CleaningKind.PREPEND_IF_MISSING, "深圳市"),
        CleaningStep(CleaningKind.REMOVE_PATTERN, r"（[^）]*）"),
    )
    spec = replace(
        SPEC, address_column=None, parts=parts, cleaning=cleaning, coordinates=None, encoding="utf-8"
    )
    rows = [("B1", "福田区", "福强路", "2023", "1#", "（旧）301"), ("B2", "深圳市南山区", "", "5号", "", "")]
    records = _load(spec, _csv(tmp_path / "s.csv", "编号,区,路,号,楼栋,房", rows, "utf-8"))
    assert records.texts == ["深圳市福田区福强路2023号1号301", "深圳市南山区5号"]


def test_an_xlsx_keeps_numeric_ids_whole(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "地址", "经度", "纬度"])
    sheet.append([440300123, "福田区福强路2023号", 114.0612, 22.5301])
    sheet.append([None, None, None, None])  # blank rows at the end are not records
    book.save(tmp_path / "d.xlsx")
    records = _load(replace(SPEC, file_format=FileFormat.XLSX), tmp_path / "d.xlsx")
    assert records.record_ids == ["440300123"] and records.texts == ["福田区福强路2023号"]


@pytest.mark.parametrize(
    ("file_format", "name", "driver"),
    [
        (FileFormat.GEOJSON, "d.geojson", "GeoJSON"),
        (FileFormat.GEOPACKAGE, "d.gpkg", "GPKG"),
        (FileFormat.SHAPEFILE, "d.shp", "ESRI Shapefile"),
    ],
)
def test_spatial_files_give_their_geometry_as_the_point(
    tmp_path: Path, file_format: FileFormat, name: str, driver: str
) -> None:
    second = shapely.box(505_000, 2_494_000, 505_010, 2_494_010)  # a footprint gives a point inside it
    if file_format is FileFormat.SHAPEFILE:  # one geometry type per shapefile
        second = shapely.Point(505_005, 2_494_005)
    frame = geopandas.GeoDataFrame(
        {"ID": ["S1", "S2"], "ADDR": ["福田区福强路2023号", "南山区"]},
        geometry=[shapely.Point(505_000, 2_494_700), second],
        crs="EPSG:4547",
    )
    frame.to_file(tmp_path / name, driver=driver, engine="pyogrio")
    spec = replace(
        SPEC,
        file_format=file_format,
        record_id="ID",
        address_column="ADDR",
        encoding="utf-8",
        coordinates=CoordinateSpec(SourceCrs.EPSG4547, None, None, 10.0),
    )
    records = _load(spec, tmp_path / name)
    assert records.record_ids == ["S1", "S2"] and records.rows == [1, 2]
    assert 114.0 < records.lon[0] < 114.1 and 22.5 < records.lat[0] < 22.6
    wrong = replace(spec, coordinates=CoordinateSpec(SourceCrs.WGS84, None, None, 10.0))
    with pytest.raises(BadDepartmentFile, match="EPSG:4547"):
        _load(wrong, tmp_path / name)


def test_a_file_that_is_not_its_format_stops_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    path.write_text("编号,地址\n", encoding="utf-8")
    with pytest.raises(BadDepartmentFile, match="cannot read as xlsx"):
        _load(replace(SPEC, file_format=FileFormat.XLSX), path)
