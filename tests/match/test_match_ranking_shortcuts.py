"""The engine's shortcuts change nothing: duplicate strict candidates, equal comparisons,
and a fuzzy look-up whose ties come out in one order in every process."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOMS, XIANGSHAN_2

from addressreg.match.compare import compare, comparison
from addressreg.match.engine import MatchingEngine, _identity, _same_facts
from addressreg.match.names import NameTable

FULL = "深圳市南山区沙河街道高发社区泉园一路64号世界花园香山居2栋2单元1203"
# Sixteen names, each sharing one gram with the written name and all equally similar: which
# of them survive the look-up's cut-off used to depend on the order of a set of strings.
TIES = """
from addressreg.match.names import NameTable
table = NameTable()
fillers = "子丑寅卯辰巳午未申酉戌亥"
for g, gram in enumerate(["甲乙", "乙丙", "丙丁"]):
    for j in range(4):
        table.add(gram + fillers[g * 4 + j] * 2, "complex", g * 10 + j, "exact")
for j in range(4):
    table.add("甲" + fillers[j] * 2 + "丁", "complex", 30 + j, "exact")
print([(h.key, h.form) for h in table.similar("甲乙丙丁", ("complex",), 0.0, 1)])
"""


def test_a_room_found_twice_by_strict_queries_compares_alike(small_engine: MatchingEngine) -> None:
    reading = small_engine.read(FULL)
    candidates = small_engine._candidates(reading)
    room = ROOMS[(XIANGSHAN_2, 2, "1203")]
    found = [c for c in candidates if _identity(c) == room]
    assert len(found) == 2 and {c.matched_by for c in found} == {"complex", "door_plate"}
    assert _same_facts(found[0], found[1])
    assert compare(reading, found[0]) == compare(reading, found[1])
    assert small_engine.resolve(FULL).code == room


def test_a_similar_name_candidate_is_never_skipped(small_engine: MatchingEngine) -> None:
    candidate = small_engine._candidates(small_engine.read(FULL))[0]
    similar = candidate._replace(matched_by="similar_complex")
    assert not _same_facts(candidate, similar) and not _same_facts(similar, candidate)
    assert not _same_facts(candidate, candidate._replace(room_found=not candidate.room_found))


def test_equal_comparisons_are_equal_and_hash_alike() -> None:
    first = comparison("room", "exact", "1203", "1203", 1.0)
    again = comparison("room", "exact", "1203", "1203", 1.0)
    assert first == again and hash(first) == hash(again)
    assert comparison("room", "exact", "1204", "1204", 1.0) != first


def test_fuzzy_ties_come_out_in_the_same_order_under_any_hash_seed() -> None:
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", TIES], capture_output=True, text=True, env=env, check=True, timeout=60
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert NameTable().similar("甲乙", ("complex",), 0.0, 3) == []
