"""generate_records: truth follows the text, determinism, no-match records, coverage of every step."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from itertools import islice
from pathlib import Path

import pytest
from records_facts import standard_room_fact

from addressreg.model import AddressFacts
from addressreg.records import (
    NO_MATCH_METHODS,
    STEP_NAMES,
    DepartmentStyle,
    GeneratedRecord,
    InvalidFacts,
    NoiseMix,
    generate_records,
    index_registry,
)
from addressreg.records.steps import TEXT_STEP_FACTORIES

FULLWIDTH_TO_ASCII = str.maketrans({chr(ord(c) + 0xFEE0): c for c in "0123456789-"})


def single_style_mix(mix: NoiseMix, probabilities: dict[str, float], no_match_share: float = 0.0) -> NoiseMix:
    """The shipped mix reduced to one style with the given step probabilities."""
    ordered = tuple((name, probabilities[name]) for name in mix.step_order if name in probabilities)
    style = DepartmentStyle("test_style", "测试", 1.0, ordered)
    return replace(mix, styles=(style,), no_match_share=no_match_share)


def facts_by_code(facts: list[AddressFacts]) -> dict[str, AddressFacts]:
    return {fact.code: fact for fact in facts}


def test_dropping_the_room_makes_the_truth_the_building(noise_mix: NoiseMix) -> None:
    mix = single_style_mix(noise_mix, {"drop_room": 1.0})
    fact = standard_room_fact()
    records = list(generate_records([fact], 5, 3, mix))
    assert len(records) == 5
    for record in records:
        assert record.noise == ("drop_room",)
        assert record.truth_level == "building"
        assert record.truth_code == fact.code[:19]
        assert "1203" not in record.text and "单元" not in record.text


def test_truth_is_what_the_text_can_support(noise_mix: NoiseMix, registry_facts: list[AddressFacts]) -> None:
    by_code = facts_by_code(registry_facts)
    records = list(generate_records(registry_facts, 3000, 11, replace(noise_mix, no_match_share=0.0)))
    levels = Counter(record.truth_level for record in records)
    assert levels["room"] > 0 and levels["building"] > 0 and levels["none"] == 0
    for record in records:
        if record.truth_level == "room":
            assert "drop_room" not in record.noise
            assert by_code[record.truth_code].room in record.text.translate(FULLWIDTH_TO_ASCII), record
        elif "drop_room" in record.noise:
            assert any(code.startswith(record.truth_code) and len(code) == 25 for code in by_code), record
        else:
            assert by_code[record.truth_code].level == "building", record


def test_same_seed_same_records_other_seed_other_records(
    noise_mix: NoiseMix, registry_facts: list[AddressFacts]
) -> None:
    first = list(generate_records(registry_facts, 500, 42, noise_mix))
    again = list(generate_records(registry_facts, 500, 42, noise_mix))
    other = list(generate_records(registry_facts, 500, 43, noise_mix))
    assert first == again
    assert [r.text for r in first] != [r.text for r in other]


_DIGEST_SCRIPT = """
import hashlib, sys
sys.path.insert(0, {tests_dir!r})
from records_facts import small_registry
from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.records import generate_records, load_noise_mix
records = generate_records(small_registry(), 400, 7, load_noise_mix(DEFAULT_STANDARD_DIR))
print(hashlib.sha256(repr(list(records)).encode()).hexdigest())
"""


def test_output_does_not_depend_on_the_hash_seed(noise_mix: NoiseMix) -> None:
    script = _DIGEST_SCRIPT.format(tests_dir=str(Path(__file__).parent))
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        command = [sys.executable, "-c", script]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        digests.add(result.stdout.strip())
    assert len(digests) == 1
    records = generate_records(__import__("records_facts").small_registry(), 400, 7, noise_mix)
    assert digests == {hashlib.sha256(repr(list(records)).encode()).hexdigest()}


def test_every_step_and_no_match_method_appears_in_a_large_sample(
    noise_mix: NoiseMix, registry_facts: list[AddressFacts]
) -> None:
    seen = Counter(step for r in generate_records(registry_facts, 20000, 5, noise_mix) for step in r.noise)
    assert set(STEP_NAMES) <= set(seen), set(STEP_NAMES) - set(seen)
    assert {f"no_match_{method}" for method in NO_MATCH_METHODS} <= set(seen)


def test_noise_lists_steps_in_pipeline_order(noise_mix: NoiseMix, registry_facts: list[AddressFacts]) -> None:
    position = {name: i for i, name in enumerate(noise_mix.step_order)}
    for record in generate_records(registry_facts, 2000, 8, noise_mix):
        steps = [name for name in record.noise if not name.startswith("no_match_")]
        assert steps == sorted(steps, key=position.__getitem__)
        assert record.style in {style.name for style in noise_mix.styles}


def _no_match_mix(noise_mix: NoiseMix) -> NoiseMix:
    """Every record without a match; every parts step likely, except Chinese numerals (kept parseable)."""
    kept = [name for name in noise_mix.step_order if name not in TEXT_STEP_FACTORIES]
    probabilities = {name: 0.3 for name in kept if name != "chinese_numerals"}
    return single_style_mix(noise_mix, probabilities, no_match_share=1.0)


def _highest(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Highest leading number per name over (name, numbered label) pairs."""
    highest: dict[str, int] = {}
    for name, label in pairs:
        number = re.match(r"\d+", label)
        if number:
            highest[name] = max(highest.get(name, 0), int(number.group()))
    return highest


def _assert_absent(record: GeneratedRecord, facts: list[AddressFacts]) -> None:
    """The element the record's fabrication method changed is absent from the facts."""
    method = record.noise[0].removeprefix("no_match_")
    if method == "unknown_complex":
        names = {f.complex_name for f in facts if f.complex_name}
        names |= {alias for f in facts for alias in f.complex_aliases}
        assert not any(name in record.text for name in names), record
        return
    if method == "door_beyond_range":
        highest = _highest([(f.road, f.door_number) for f in facts if f.road and f.door_number])
        pattern = r"(%s)\W*(\d+)号"
    else:
        highest = _highest([(f.complex_name, f.building_label) for f in facts if f.complex_name])
        pattern = r"(%s)\W*(\d+)"
    without_notes = re.sub(r"[（(【\[][^）)】\]]*[）)】\]]", "", record.text)
    found = re.search(pattern % "|".join(highest), without_notes)
    assert found is not None and int(found.group(2)) > highest[found.group(1)], record


def test_no_match_records_name_nothing_in_the_facts(
    noise_mix: NoiseMix, registry_facts: list[AddressFacts]
) -> None:
    records = list(generate_records(registry_facts, 1500, 9, _no_match_mix(noise_mix)))
    methods = Counter(record.noise[0] for record in records)
    assert set(methods) == {f"no_match_{method}" for method in NO_MATCH_METHODS}
    for record in records:
        assert record.truth_code == "" and record.truth_level == "none"
        assert "typo" not in record.noise and "colloquial_complex" not in record.noise
        _assert_absent(record, registry_facts)


def test_no_match_share_is_about_the_configured_share(
    noise_mix: NoiseMix, registry_facts: list[AddressFacts]
) -> None:
    records = list(generate_records(registry_facts, 10000, 4, noise_mix))
    share = sum(r.truth_level == "none" for r in records) / len(records)
    assert abs(share - noise_mix.no_match_share) < 0.01


def test_without_replacement_when_enough_facts(
    noise_mix: NoiseMix, registry_facts: list[AddressFacts]
) -> None:
    records = list(generate_records(registry_facts, len(registry_facts), 1, single_style_mix(noise_mix, {})))
    assert sorted(r.truth_code for r in records) == sorted(f.code for f in registry_facts)
    assert all(r.noise == () for r in records)


def test_with_replacement_when_more_records_than_facts(noise_mix: NoiseMix) -> None:
    facts = [standard_room_fact(), standard_room_fact(code="4403090030020400005000101", room="101")]
    records = list(generate_records(facts, 50, 2, replace(noise_mix, no_match_share=0.0)))
    assert len(records) == 50
    assert [r.record_id for r in records[:2]] == ["R0000001", "R0000002"]
    assert {r.truth_code for r in records} <= {f.code for f in facts} | {facts[0].code[:19]}


def test_records_stream_lazily(noise_mix: NoiseMix) -> None:
    head = list(islice(generate_records([standard_room_fact()], 10**12, 1, noise_mix), 3))
    assert len(head) == 3


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"level": "floor"}, "level"),
        ({"code": "44030900300204000050012"}, "code"),
        ({"level": "building"}, "code"),
        ({"code": "4403x900300204000050012"}, "code"),
        ({"room": None}, "room"),
        ({"building_label": "", "road": None}, "building_label"),
    ],
)
def test_bad_facts_are_refused_naming_index_and_field(
    noise_mix: NoiseMix, overrides: dict[str, object], field: str
) -> None:
    facts = [standard_room_fact(), standard_room_fact(**overrides)]
    with pytest.raises(InvalidFacts, match=rf"^facts\[1\] .*: {field}: "):
        generate_records(facts, 1, 0, noise_mix)


def test_bad_requests_are_refused(noise_mix: NoiseMix) -> None:
    with pytest.raises(ValueError, match="n must be"):
        generate_records([standard_room_fact()], -1, 0, noise_mix)
    with pytest.raises(ValueError, match="no facts"):
        generate_records([], 1, 0, noise_mix)
    assert list(generate_records([], 0, 0, noise_mix)) == []


def test_no_match_records_use_the_whole_registry_when_facts_are_a_sample(
    noise_mix: NoiseMix, registry_facts: list[AddressFacts]
) -> None:
    mix = replace(single_style_mix(noise_mix, {}, 1.0), no_match_methods=(("door_beyond_range", 1.0),))
    sample = registry_facts[:4]  # buildings 1–2 on 民治大道 100–101; the registry goes to 111
    known = index_registry(
        complex_names=[],
        door_plates=[(f.road, f.door_number) for f in registry_facts if f.road and f.door_number],
        complex_buildings=[],
        vocabulary=noise_mix.vocabulary,
    )
    doors = [
        int(re.search(r"民治大道(\d+)号", r.text).group(1))  # type: ignore[union-attr]
        for r in generate_records(sample, 300, 3, mix, known=known)
    ]
    assert min(doors) > 111
    from_sample_only = [
        int(re.search(r"民治大道(\d+)号", r.text).group(1))  # type: ignore[union-attr]
        for r in generate_records(sample, 300, 3, mix)
    ]
    assert min(from_sample_only) <= 111  # the sample alone does not know the registry's doors
