"""Splink baseline: link generated records to the registry's buildings (DuckDB backend).

    .venv/bin/python benchmarks/splink_baseline.py --records FILE [--threshold 0.5]

The model (our own, reasonable, not tuned on the truth):

* both sides are normalised by ``addressreg.normalise`` (NFKC, Chinese numerals to
  digits, marker variants such as 幢/座 to 栋) and split into tokens by simple regexes
  (not by our parser): district (the registry's district names), street (…街道),
  community (…社区), road + door (…路/大道/街/巷 + N号), building (N栋, or the first
  number of a ``2-1-801`` shorthand), unit (N单元), room (the last 3–4 digit number),
  and ``place``: what is left once those are removed (the complex name, mostly);
* the right side is the registry's standard building addresses (read from the database);
* comparisons: district / street / community / door / building exact; road and place by
  Jaro-Winkler (0.9; 0.95 / 0.85); blocking for prediction on road+door, on
  place+building, and on district+building+the place's first two characters;
* training: u by random sampling (1e6 pairs), m by EM on two blocking rules;
* the best building per record above the match-probability threshold wins; the room code
  is then looked up from the record's unit and room tokens in the building's rooms.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyarrow as pa
from sqlalchemy import text

from addressreg.config import settings_from_env
from addressreg.normalise import normalise
from addressreg.standard import load_standard
from addressreg.store.engine import make_engine

_STREET = re.compile(r"([\u4e00-\u9fff]{2,4}街道)")
_COMMUNITY = re.compile(r"([\u4e00-\u9fff]{2,5}社区)")
_ROAD_DOOR = re.compile(r"([\u4e00-\u9fff]{1,8}?(?:大道|路|街|巷))(\d+)号")
_BUILDING = re.compile(r"([0-9A-Z]+)栋")
_UNIT = re.compile(r"(\d+)单元")
_DASHED = re.compile(r"(\d+)-(\d+)(?:-(\d+))?")
_ROOM = re.compile(r"(\d{3,4})(?!\d)")
_ADMIN_PREFIX = re.compile(r"^(广东省)?(深圳市)?")
TOKENS = ("district", "street", "community", "road", "door", "building", "unit", "room", "place")


@dataclass(frozen=True)
class SplinkRun:
    """What the baseline predicted and how long it took."""

    predicted: dict[str, str]  # record id -> predicted code
    seconds: float
    load_seconds: float


def tokens(text_: str, districts: list[str], fold: Callable[[str], str]) -> dict[str, str | None]:
    """The regex tokens of one address (see the module docstring)."""
    folded = fold(text_)
    out: dict[str, str | None] = dict.fromkeys(TOKENS)
    rest = _ADMIN_PREFIX.sub("", folded)
    for name in districts:
        for form in (name, name[:-1]):
            if rest.startswith(form):
                out["district"], rest = name, rest[len(form) :]
                break
        if out["district"]:
            break
    for key, pattern in (("street", _STREET), ("community", _COMMUNITY)):
        if match := pattern.search(rest):
            out[key], rest = match.group(1), rest.replace(match.group(0), "", 1)
    if match := _ROAD_DOOR.search(rest):
        out["road"], out["door"] = match.group(1), match.group(2)
        rest = rest.replace(match.group(0), "", 1)
    _fine_tokens(rest, out)
    return out


def _fine_tokens(rest: str, out: dict[str, str | None]) -> None:
    """Building, unit, room and the leftover place name."""
    if match := _BUILDING.search(rest):
        out["building"] = match.group(1).lstrip("0") or "0"
        tail = rest[match.end() :]
        place = rest[: match.start()]
    elif match := _DASHED.search(rest):
        out["building"] = match.group(1)
        out["unit"], out["room"] = (
            (match.group(2), match.group(3)) if match.group(3) else (None, match.group(2))
        )
        out["place"] = re.sub(r"[^\u4e00-\u9fffA-Z]", "", rest[: match.start()]) or None
        return
    else:
        tail, place = rest, rest
    if match := _UNIT.search(tail):
        out["unit"] = match.group(1).lstrip("0")
    rooms = _ROOM.findall(tail)
    out["room"] = rooms[-1] if rooms and tail else None
    out["place"] = re.sub(r"[^\u4e00-\u9fffA-Z]", "", _ROOM.sub("", place)) or None


def load_registry(
    url: str,
) -> tuple[list[dict[str, str]], list[str], dict[tuple[str, str], list[tuple[int | None, str]]]]:
    """Standard building addresses, district names, and rooms by (building code, number)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        buildings = [
            {"code": code, "text": address}
            for code, address in conn.execute(
                text("SELECT code, text FROM address WHERE kind = 'standard' AND length(code) = 19")
            )
        ]
        districts = [
            name for (name,) in conn.execute(text("SELECT name FROM admin_unit WHERE level = 'district'"))
        ]
        rooms: dict[tuple[str, str], list[tuple[int | None, str]]] = {}
        for code, building, unit, number in conn.execute(
            text("SELECT code, building_code, unit, number FROM room")
        ):
            rooms.setdefault((building, number.lstrip("0")), []).append((unit, code))
    engine.dispose()
    return buildings, districts, rooms


def _table(rows: Iterable[dict[str, str | None]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows))


def _linker(left: pa.Table, right: pa.Table):  # type: ignore[no-untyped-def]
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    db = DuckDBAPI()
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.ExactMatch("district"),
            cl.ExactMatch("street"),
            cl.ExactMatch("community"),
            cl.JaroWinklerAtThresholds("road", [0.9]),
            cl.ExactMatch("door"),
            cl.JaroWinklerAtThresholds("place", [0.95, 0.85]),
            cl.ExactMatch("building"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("road", "door"),
            block_on("place", "building"),
            block_on("district", "building", "substr(place, 1, 2)"),
        ],
        retain_matching_columns=False,
    )
    frames = [db.register(left, table_name="records"), db.register(right, table_name="registry")]
    return Linker(frames, settings, log_level=40)


def link(records: list[dict[str, str]], url: str, threshold: float) -> SplinkRun:
    """Run the baseline over ``records`` (dicts with ``record_id`` and ``address``)."""
    from splink import block_on

    started = time.perf_counter()
    buildings, districts, rooms = load_registry(url)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    fold = partial(normalise, rules=load_standard(settings_from_env().standard_dir).normalisation)
    districts.sort(key=len, reverse=True)
    left_tokens = {r["record_id"]: tokens(r["address"], districts, fold) for r in records}
    left = _table({"unique_id": rid, **t} for rid, t in left_tokens.items())
    right = _table({"unique_id": b["code"], **tokens(b["text"], districts, fold)} for b in buildings)
    linker = _linker(left, right)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("road", "door"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("place", "building"))
    scored = linker.inference.predict(threshold_match_probability=threshold)
    best = (
        scored.as_duckdbpyrelation()
        .query(
            "p",
            "SELECT unique_id_l, arg_max(unique_id_r, match_probability) AS code FROM p GROUP BY unique_id_l",
        )
        .fetchall()
    )
    predicted = {rid: _room_code(code, left_tokens[rid], rooms) for rid, code in best}
    return SplinkRun(predicted, time.perf_counter() - started, loaded)


def _room_code(
    building: str, found: dict[str, str | None], rooms: dict[tuple[str, str], list[tuple[int | None, str]]]
) -> str:
    """The room code when the record's room (and unit) name one room of the building, else the building."""
    room = found["room"]
    if not room:
        return building
    options = rooms.get((building, room.lstrip("0")), [])
    if found["unit"]:
        options = [o for o in options if o[0] == int(found["unit"])]
    return options[0][1] if len(options) == 1 else building


def main() -> None:
    """Run the baseline alone and print its precision and recall."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    with args.records.open(encoding="utf-8", newline="") as stream:
        records = list(csv.DictReader(stream))
    run = link(records, settings_from_env().require_database_url(), args.threshold)
    truth = {r["record_id"]: r["truth_code"] for r in records}
    correct = sum(truth[rid] == code for rid, code in run.predicted.items())
    matchable = sum(1 for code in truth.values() if code)
    sys.stdout.write(
        f"splink: {len(records):,} records in {run.seconds:.1f} s "
        f"(+{run.load_seconds:.1f} s reading the registry); "
        f"linked {len(run.predicted):,}; precision {correct / max(len(run.predicted), 1):.4f}; "
        f"recall {correct / max(matchable, 1):.4f}\n"
    )


if __name__ == "__main__":
    main()
