"""Derive the compact reference data that addressreg ships, from ``../shared/data/``.

Usage::

    .venv/bin/python scripts/derive_reference.py --shared /work/shared/data --out addressreg/reference/data

Deterministic and idempotent: the same inputs give byte-identical outputs (sorted rows,
coordinates rounded to 7 decimals, no timestamps). Writes ``admin_units.csv``,
``street_polygons.geojson``, ``district_polygons.geojson``, ``complexes.csv``,
``complex_listings.csv``, ``roads.csv`` and ``derivation_counts.json``; every decision it
takes is counted there and explained in the folder's ``README.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.prepared
from pyproj import Geod
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from addressreg.geo import (
    bd09_to_wgs84_array,
    gcj02_to_wgs84_array,
    transform_geometry,
    wgs84_to_cgcs2000,
)

DECIMALS = 7
GEOD = Geod(ellps="GRS80")
MERGE_DISTANCE_M = 1000.0  # rows of one normalised name closer than this are one complex
NEAR_SHENZHEN_M = 1000.0  # complex points this close to a street polygon count as in Shenzhen
FORMER_DISTRICT_NAMES = {"440309": "龙华新区", "440311": "光明新区", "440310": "坪山新区"}
DAPENG_STREETS = ("440307009", "440307010", "440307011")  # 大鹏新区: 葵涌, 大鹏, 南澳
DISTRICT_HINTS = {"龙华新区": "440309", "光明新区": "440311", "坪山新区": "440310", "大鹏新区": "440307"}
# Special units and the polygons that stand for them (see README.md).
FUBAO = "440304010"
SPECIAL_POLYGONS = {
    FUBAO: ("福田保税区",),
    "440308403": ("市保税区（沙头角）", "市保税区（盐田港）"),
    "440310401": ("深圳市大工业区",),
}
# Area (板块) and artefact prefixes seen glued to road names; stripped only when what remains is
# itself a road name of the list. Admin short names are added at run time.
ROAD_PREFIXES = (
    "上梅林", "下梅林", "下沙", "口岸", "地块", "三期", "三号门", "东角头", "宝城", "罗岗",
    "白石厦", "观澜富士康总部", "长坑地段", "五联", "中信高尔夫", "爱联",
)  # fmt: skip
ROAD_FRAGMENT = re.compile(r"^[一二三四五六七八九十0-9]+[巷街路]$")  # 一巷, 十六巷: cut off their road
DECISION_COUNTS = (
    "listings_without_coordinates", "listings_outside_shenzhen", "unlocated_listings_merged_by_name",
    "unlocated_listings_kept_unlocated", "unlocated_listings_name_ambiguous", "roads_dropped_non_shenzhen",
    "roads_dropped_fragment", "roads_prefix_merged",
)  # fmt: skip
NON_SHENZHEN = ("东莞", "惠州", "广州", "香港", "珠海")  # a road name starting with another city


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    data = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4490"}}}
    data["features"] = features
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def feature(geometry: BaseGeometry, properties: dict[str, Any]) -> dict[str, Any]:
    geometry = shapely.set_precision(geometry, 10**-DECIMALS)
    return {"type": "Feature", "properties": properties, "geometry": mapping(geometry)}


# ---- admin units ---------------------------------------------------------------------------


def standard_community_name(nbs_name: str) -> str:
    """NBS community-committee name → standard community name (see README §Names)."""
    name = nbs_name
    for suffix in ("居民委员会", "居委会", "居委"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name.endswith("虚拟社区") or name.endswith("社区") or "社区" in name:
        return name
    return name + "社区"


def short_name(level: str, name: str) -> str:
    for suffix in {"district": ("区",), "street": ("街道",), "community": ("社区",)}[level]:
        if name.endswith(suffix) and len(name) > len(suffix) + 1 and not name.endswith("虚拟社区"):
            return name[: -len(suffix)]
    return name


def derive_admin_units(rows: list[dict[str, str]]) -> list[list[str]]:
    out = []
    for row in sorted(rows, key=lambda r: r["code"]):
        level = row["level"]
        if level == "city":
            continue
        name = standard_community_name(row["name"]) if level == "community" else row["name"]
        former = FORMER_DISTRICT_NAMES.get(row["code"], "")
        other = "大鹏新区" if row["code"] in DAPENG_STREETS else ""
        out.append([row["code"], level, name, short_name(level, name), row["name"], row["parent_code"]])
        out[-1] += [former, other]
    return out


# ---- polygons --------------------------------------------------------------------------------


def derive_street_polygons(
    streets: dict[str, Any], counts: Counter[str]
) -> dict[str, tuple[BaseGeometry, str]]:
    """Street code → (EPSG:4490 polygon, provenance note)."""
    by_name = {f["properties"]["name"]: f for f in streets["features"]}
    out: dict[str, tuple[BaseGeometry, str]] = {}
    for f in streets["features"]:
        code = f["properties"]["street_code"]
        if code and code != "440304400":
            out[code] = (shape(f["geometry"]), "source polygon")
    for code, names in SPECIAL_POLYGONS.items():
        parts = [shape(by_name[n]["geometry"]) for n in names]
        out[code] = (shapely.union_all(parts), "derived from source feature(s) " + " + ".join(names))
    counts["street_polygons_source"] = sum(1 for _, note in out.values() if note == "source polygon")
    counts["street_polygons_derived"] = len(out) - counts["street_polygons_source"]
    return {code: (wgs84_to_cgcs2000(g, DECIMALS), note) for code, (g, note) in sorted(out.items())}


def district_check(datav: dict[str, Any], districts: dict[str, BaseGeometry]) -> dict[str, float]:
    """IoU of each district (union of streets) with the DataV outline converted GCJ-02 → WGS84."""
    iou = {}
    for f in datav["features"]:
        code = str(f["properties"]["adcode"])
        outline = transform_geometry(shape(f["geometry"]), gcj02_to_wgs84_array)
        mine = districts[code]
        iou[code] = round(mine.intersection(outline).area / mine.union(outline).area, 3)
    return iou


# ---- complexes -------------------------------------------------------------------------------


def normalised_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[\s·•\-_()（）\[\]【】,，.。、\"“”'’]", "", text)


@dataclass
class Listing:
    row: int
    source: str
    name: str
    address: str
    district_hint: str
    lon_bd09: str
    lat_bd09: str
    year: str
    buildings: str
    households: str
    kind: str
    point: tuple[float, float] | None = None


@dataclass
class Cluster:
    key: str
    listings: list[Listing] = field(default_factory=list)
    placement: str = "coordinates"


def parse_listings(rows: list[dict[str, str]]) -> list[Listing]:
    out = []
    for i, r in enumerate(rows, start=2):
        out.append(
            Listing(i, r["source"], r["name"].strip(), r["address_raw"].strip(), r["district_hint"],
                    r["lon_bd09"], r["lat_bd09"], r["year_built_raw"], r["building_count_raw"],
                    r["household_count_raw"], r["property_type_raw"])
        )  # fmt: skip
    located = [x for x in out if x.lon_bd09 and x.lat_bd09]
    lon, lat = bd09_to_wgs84_array([float(x.lon_bd09) for x in located], [float(x.lat_bd09) for x in located])
    for x, a, b in zip(located, lon, lat, strict=True):
        x.point = (round(float(a), DECIMALS), round(float(b), DECIMALS))
    return out


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(GEOD.inv(a[0], a[1], b[0], b[1])[2])


def cluster_located(listings: list[Listing]) -> list[Cluster]:
    """Single-linkage clusters of one normalised name within MERGE_DISTANCE_M."""
    groups: dict[str, list[Listing]] = defaultdict(list)
    for x in listings:
        groups[normalised_name(x.name)].append(x)
    clusters: list[Cluster] = []
    for key in sorted(groups):
        mine: list[Cluster] = []
        for x in groups[key]:
            joined = [c for c in mine if any(metres(x.point, y.point) < MERGE_DISTANCE_M  # type: ignore[arg-type]
                                             for y in c.listings)]  # fmt: skip
            if not joined:
                mine.append(Cluster(key, [x]))
                continue
            for other in joined[1:]:
                joined[0].listings.extend(other.listings)
                mine.remove(other)
            joined[0].listings.append(x)
        clusters.extend(mine)
    return clusters


def merge_complexes(listings: list[Listing], shenzhen: BaseGeometry, counts: Counter[str]) -> list[Cluster]:
    inside = shapely.prepared.prep(shenzhen.buffer(NEAR_SHENZHEN_M / 100_000))
    located, unlocated = [], []
    for x in listings:
        if x.point is None:
            counts["listings_without_coordinates"] += 1
            unlocated.append(x)
        elif not inside.contains(Point(x.point)):
            counts["listings_outside_shenzhen"] += 1
            unlocated.append(x)
        else:
            located.append(x)
    clusters = cluster_located(sorted(located, key=lambda x: x.row))
    by_key: dict[str, list[Cluster]] = defaultdict(list)
    for c in clusters:
        by_key[c.key].append(c)
    for x in unlocated:
        key = normalised_name(x.name)
        if len(by_key.get(key, [])) == 1:
            by_key[key][0].listings.append(x)
            counts["unlocated_listings_merged_by_name"] += 1
            continue
        counts["unlocated_listings_kept_unlocated"] += 1
        if len(by_key.get(key, [])) > 1:
            counts["unlocated_listings_name_ambiguous"] += 1
        cluster = Cluster(key, [x], "none")
        clusters.append(cluster)
        if key not in by_key:
            by_key[key] = []
    return clusters


def first_int(text: str) -> str:
    match = re.search(r"\d+", text)
    return match.group(0) if match else ""


def first_number(items: list[Listing], attr: str) -> str:
    """The first integer in ``attr`` of the first listing that has one, else ""."""
    return next((first_int(getattr(x, attr)) for x in items if first_int(getattr(x, attr))), "")


def complex_rows(clusters: list[Cluster], codes: dict[str, str]) -> tuple[list[list[Any]], list[list[Any]]]:
    source_rank = {"lianjia": 0, "fccs": 1, "ke": 2}
    clusters.sort(key=lambda c: min(x.row for x in c.listings))
    main_rows, listing_rows = [], []
    for cid, c in enumerate(clusters, start=1):
        items = sorted(c.listings, key=lambda x: (source_rank.get(x.source, 9), x.row))
        pts = [x.point for x in items if x.point is not None and c.placement == "coordinates"]
        lon = round(float(np.median([p[0] for p in pts])), DECIMALS) if pts else ""
        lat = round(float(np.median([p[1] for p in pts])), DECIMALS) if pts else ""
        hints = [codes[x.district_hint] for x in items if x.district_hint in codes]
        year = first_number(items, "year")
        kind = next((x.kind for x in items if x.kind), "")
        counts = [first_number(items, "buildings"), first_number(items, "households")]
        district = hints[0] if hints else ""
        main_rows.append([cid, items[0].name, lon, lat, c.placement, district, year, *counts, kind])
        for x in items:
            listing_rows.append(
                [cid, x.source, x.row, x.name, x.address, x.district_hint, x.lon_bd09, x.lat_bd09]
            )
    return main_rows, listing_rows


def district_name_codes(admin: list[list[str]]) -> dict[str, str]:
    names = {}
    for code, level, name, short, *_ in admin:
        if level == "district":
            names[name] = code
            names[short] = code
    names.update(DISTRICT_HINTS)
    return names


# ---- roads -----------------------------------------------------------------------------------


def clean_roads(
    rows: list[dict[str, str]], admin: list[list[str]], counts: Counter[str]
) -> dict[str, list[str]]:
    """Road name → variants merged into it (prefixed spellings). Fragments/non-Shenzhen dropped."""
    names = [r["road_name"].strip() for r in rows]
    known = set(names)
    prefixes = set(ROAD_PREFIXES) | {row[3] for row in admin if len(row[3]) >= 2}
    kept: dict[str, list[str]] = {}
    for name in names:
        if name.startswith(NON_SHENZHEN):
            counts["roads_dropped_non_shenzhen"] += 1
            continue
        if ROAD_FRAGMENT.match(name):
            counts["roads_dropped_fragment"] += 1
            continue
        base = next((name[len(p):] for p in sorted(prefixes, key=lambda p: (-len(p), p))
                     if name.startswith(p) and len(name) - len(p) >= 3 and name[len(p):] in known),
                    None)  # fmt: skip
        if base is not None:
            counts["roads_prefix_merged"] += 1
            kept.setdefault(base, []).append(name)
            continue
        kept.setdefault(name, [])
    counts["roads_kept"] = len(kept)
    return kept


def road_districts(
    roads: dict[str, list[str]], shared: Path, admin: list[list[str]]
) -> dict[str, Counter[str]]:
    """Road name → districts of the addresses it appears in (complexes, POIs, registered)."""
    codes = district_name_codes(admin)
    texts: list[tuple[str, str]] = []
    for r in read_csv(shared / "shenzhen_residential_complexes.csv"):
        texts.append((r["address_raw"], codes.get(r["district_hint"], "")))
    for r in read_csv(shared / "shenzhen_poi_samples_gcj02.csv"):
        texts.append((r["address_raw"], codes.get(r["district"], "")))
    for r in read_csv(shared / "shenzhen_registered_addresses.csv"):
        found = next((c for n, c in sorted(codes.items()) if len(n) > 2 and n in r["address_raw"]), "")
        texts.append((r["address_raw"], found))
    seen: dict[str, Counter[str]] = {}
    for road, variants in roads.items():
        counter: Counter[str] = Counter()
        for text, code in texts:
            if code and any(v in text for v in [road, *variants]):
                counter[code] += 1
        seen[road] = counter
    return seen


def road_rows(
    rows: list[dict[str, str]], roads: dict[str, list[str]], seen: dict[str, Counter[str]]
) -> list[list[Any]]:
    info = {r["road_name"].strip(): r for r in rows}
    out = []
    for name in sorted(roads):
        districts = ";".join(c for c, _ in sorted(seen[name].items(), key=lambda kv: (-kv[1], kv[0])))
        occurrences = int(info[name]["occurrences"]) + sum(int(info[v]["occurrences"]) for v in roads[name])
        out.append([name, ";".join(sorted(roads[name])), occurrences, info[name]["seen_in"], districts])
    return out


# ---- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared/data folder")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args()
    shared, out = args.shared, args.out
    out.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter({key: 0 for key in DECISION_COUNTS})

    admin = derive_admin_units(read_csv(shared / "shenzhen_admin_divisions.csv"))
    header = ["code", "level", "name", "short_name", "nbs_name", "parent_code", "former_names", "other_names"]
    write_csv(out / "admin_units.csv", header, admin)
    counts.update(f"admin_{row[1]}" for row in admin)

    streets_raw = json.loads((shared / "shenzhen_street_boundaries.geojson").read_text(encoding="utf-8"))
    streets = derive_street_polygons(streets_raw, counts)
    parents = {row[0]: row[5] for row in admin}
    names = {row[0]: row[2] for row in admin}
    write_geojson(out / "street_polygons.geojson", [
        feature(g, {"code": c, "name": names[c], "district_code": parents[c],
                    "derived": note != "source polygon", "note": note})
        for c, (g, note) in streets.items()])  # fmt: skip
    districts = {}
    for code in sorted({parents[c] for c in streets}):
        districts[code] = shapely.union_all([g for c, (g, _) in streets.items() if parents[c] == code])
    write_geojson(out / "district_polygons.geojson", [
        feature(g, {"code": c, "name": names[c], "derived": True, "note": "union of its street polygons"})
        for c, g in districts.items()])  # fmt: skip
    datav = json.loads((shared / "shenzhen_districts_datav_gcj02.geojson").read_text(encoding="utf-8"))
    iou = district_check(datav, districts)

    listings = parse_listings(read_csv(shared / "shenzhen_residential_complexes.csv"))
    counts["complex_listings"] = len(listings)
    clusters = merge_complexes(listings, shapely.union_all(list(districts.values())), counts)
    main_rows, listing_rows = complex_rows(clusters, district_name_codes(admin))
    counts["complexes"] = len(main_rows)
    counts["complexes_located"] = sum(1 for r in main_rows if r[4] == "coordinates")
    counts["complexes_multi_source"] = sum(1 for c in clusters if len({x.source for x in c.listings}) > 1)
    write_csv(out / "complexes.csv", ["complex_id", "name", "lon", "lat", "placement", "district_code",
              "year_built", "building_count", "household_count", "property_type"], main_rows)  # fmt: skip
    write_csv(out / "complex_listings.csv", ["complex_id", "source", "source_row", "name", "address",
              "district_hint", "lon_bd09", "lat_bd09"], listing_rows)  # fmt: skip

    road_source = read_csv(shared / "shenzhen_road_names_derived.csv")
    counts["roads_in_source"] = len(road_source)
    roads = clean_roads(road_source, admin, counts)
    seen = road_districts(roads, shared, admin)
    counts["roads_with_district"] = sum(1 for r in roads if seen[r])
    header = ["road_name", "variants", "occurrences", "seen_in", "district_codes"]
    write_csv(out / "roads.csv", header, road_rows(road_source, roads, seen))

    summary = {"counts": dict(sorted(counts.items())), "district_iou_vs_datav": iou}
    text = json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (out / "derivation_counts.json").write_text(text, encoding="utf-8")
    print(text)  # noqa: T201


if __name__ == "__main__":
    main()
