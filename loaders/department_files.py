"""Sample department files drawn from the registry, each in its department's own style.

For each spec: records of registry rooms written as the department writes them — one
address column through the noise steps of ``standards/<version>/noise.yaml`` with the
spec's probabilities (``sample.noise``), or the spec's split columns filled from the
address's elements — with points in the department's CRS (a ``sample.off_share`` of them
moved ``off_distance_m`` away on purpose) and truth columns: ``truth_code``,
``truth_lvl`` (room / building / none), ``truth_off`` (1: the point was moved) and
``noise`` (the steps applied). Output depends only on the registry, the specs and the seed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from random import Random

import numpy as np

from addressreg.model import AddressFacts
from addressreg.records import DepartmentStyle, FactsIndex, NoiseMix, generate_records
from loaders.coordinates import from_cgcs2000, from_metres, to_metres
from loaders.spec import DepartmentSpec
from loaders.writers import write_table

TRUTH_COLUMNS = ("truth_code", "truth_lvl", "truth_off", "noise")
BUILDING_CODE_LENGTH = 19


@dataclass(frozen=True)
class SampleRecords:
    """A department's sample records before they get points: columns and truth, row by row."""

    columns: dict[str, list[str]]
    truth_codes: list[str]


def _element(fact: AddressFacts, element: str) -> str:
    values = {
        "district": fact.district,
        "street": fact.street,
        "community": fact.community,
        "road": fact.road,
        "door_number": fact.door_number,
        "complex": fact.complex_name,
        "building": fact.building_label,
        "unit": str(fact.unit) if fact.unit else None,
        "room": fact.room,
    }
    return values[element] or ""


def _substitute(spec: DepartmentSpec, value: str) -> str:
    for old, new in spec.sample.substitutions:
        value = value.replace(old, new)
    return value


def split_records(spec: DepartmentSpec, facts: Sequence[AddressFacts], n: int, seed: int) -> SampleRecords:
    """``n`` records of ``facts`` in the spec's split columns (markers the spec appends are left out)."""
    rng = Random(seed)
    count = len(facts)
    picks = rng.sample(range(count), n) if n <= count else [rng.randrange(count) for _ in range(n)]
    has_room = any(part.element == "room" for part in spec.parts)
    columns: dict[str, list[str]] = {spec.record_id: [], **{p.column: [] for p in spec.parts}}
    columns.update({name: [] for name in TRUTH_COLUMNS})
    for number, k in enumerate(picks, start=1):
        fact = facts[k]
        columns[spec.record_id].append(spec.sample.id_format.format(n=number))
        for part in spec.parts:
            value = _element(fact, part.element)
            value = value.removesuffix(part.suffix) if part.suffix else value
            columns[part.column].append(_substitute(spec, value))
        room = has_room and bool(fact.room)
        columns["truth_code"].append(fact.code if room else fact.code[:BUILDING_CODE_LENGTH])
        columns["truth_lvl"].append("room" if room else "building")
        columns["noise"].append("")
    return SampleRecords(columns, columns["truth_code"])


def text_records(
    spec: DepartmentSpec,
    facts: Sequence[AddressFacts],
    n: int,
    seed: int,
    mix: NoiseMix,
    known: FactsIndex | None,
) -> SampleRecords:
    """``n`` records of ``facts`` in one address column, written through the spec's noise."""
    order = {step: i for i, step in enumerate(mix.step_order)}
    steps = tuple(sorted(spec.sample.noise, key=lambda pair: order[pair[0]]))
    style_mix = replace(mix, styles=(DepartmentStyle(spec.code, spec.name, 1.0, steps),))
    assert spec.address_column is not None
    columns: dict[str, list[str]] = {spec.record_id: [], spec.address_column: []}
    columns.update({name: [] for name in TRUTH_COLUMNS})
    for number, record in enumerate(generate_records(facts, n, seed, style_mix, known=known), start=1):
        columns[spec.record_id].append(spec.sample.id_format.format(n=number))
        columns[spec.address_column].append(_substitute(spec, record.text))
        columns["truth_code"].append(record.truth_code)
        columns["truth_lvl"].append(record.truth_level)
        columns["noise"].append("|".join(record.noise))
    return SampleRecords(columns, columns["truth_code"])


def sample_points(
    spec: DepartmentSpec, truth_codes: Sequence[str], buildings: dict[str, tuple[float, float]], seed: int
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Points (EPSG:4490, NaN: none) of the truth buildings, some moved away; and the ``truth_off`` flags."""
    rng = Random(seed)
    lon, lat = np.full(len(truth_codes), np.nan), np.full(len(truth_codes), np.nan)
    moved = ["0"] * len(truth_codes)
    for i, code in enumerate(truth_codes):
        point = buildings.get(code[:BUILDING_CODE_LENGTH])
        if point is None or rng.random() >= spec.sample.coordinate_share:
            continue
        lon[i], lat[i] = point
        if rng.random() < spec.sample.off_share:
            angle = rng.random() * 2 * math.pi
            x, y = to_metres(np.array([point[0]]), np.array([point[1]]))
            away = spec.sample.off_distance_m
            new_lon, new_lat = from_metres(x + away * math.cos(angle), y + away * math.sin(angle))
            lon[i], lat[i], moved[i] = float(new_lon[0]), float(new_lat[0]), "1"
    return lon, lat, moved


def write_department_file(
    spec: DepartmentSpec,
    facts: Sequence[AddressFacts],
    n: int,
    seed: int,
    mix: NoiseMix,
    known: FactsIndex | None,
    buildings: dict[str, tuple[float, float]],
    directory: Path,
) -> Path:
    """Write ``n`` sample records of the department into ``directory``; returns the file."""
    records = (
        split_records(spec, facts, n, seed) if spec.parts else text_records(spec, facts, n, seed, mix, known)
    )
    lon, lat, moved = sample_points(spec, records.truth_codes, buildings, seed)
    columns = {**records.columns, "truth_off": moved}
    if spec.coordinates is None:
        return write_table(spec, columns, lon, lat, directory)
    x, y = from_cgcs2000(spec.coordinates.crs, lon, lat)
    return write_table(spec, columns, x, y, directory)
