"""noise.yaml: the shipped mix loads; a malformed one fails naming the file and key."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.records import STEP_NAMES, NoiseMix, load_noise_mix
from addressreg.records.mix_loading import noise_mix_from_mapping
from addressreg.standard.errors import InvalidStandard

SHIPPED = yaml.safe_load((DEFAULT_STANDARD_DIR / "noise.yaml").read_text(encoding="utf-8"))


def test_shipped_mix_lists_every_step_and_four_departments(noise_mix: NoiseMix) -> None:
    assert set(noise_mix.step_order) == set(STEP_NAMES)
    assert [s.name for s in noise_mix.styles] == [
        "public_security",
        "market_regulation",
        "social_security",
        "property_management",
    ]
    assert noise_mix.no_match_share == pytest.approx(0.05)
    assert (noise_mix.building_code_length, noise_mix.room_code_length) == (19, 25)
    assert noise_mix.style("social_security").probability("drop_street") > 0.5
    assert noise_mix.style("public_security").probability("dash_shorthand") == 0.0


def test_every_step_is_likely_in_some_style(noise_mix: NoiseMix) -> None:
    for step in STEP_NAMES:
        assert any(style.probability(step) > 0 for style in noise_mix.styles), step


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets a dotted path of the YAML data (``None`` deletes it)."""

    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        for key in parents:
            data = data[key]
        if value is None:
            del data[last]
        else:
            data[last] = value

    return mutate


SOCIAL = "styles.social_security"
BAD_FILES = [
    (_set("steps", [*SHIPPED["steps"], "drop_everything"]), "steps[20]", "unknown step"),
    (_set("steps", [*SHIPPED["steps"], "drop_city"]), "steps[20]", "listed twice"),
    (_set("steps", ["fullwidth_digits", "drop_city"]), "steps[1]", "before the text steps"),
    (_set(f"{SOCIAL}.steps.drop_town", 0.5), f"{SOCIAL}.steps.drop_town", "not a step"),
    (_set(f"{SOCIAL}.steps.drop_street", 1.5), f"{SOCIAL}.steps.drop_street", "between"),
    (_set("styles.social_security.weight", "heavy"), "styles.social_security.weight", "non-negative number"),
    (_set("styles.social_security.label", None), "styles.social_security.label", "missing"),
    (_set("styles", {"only": {"label": "x", "weight": 0, "steps": {}}}), "styles", "positive weight"),
    (_set("no_match.share", -0.1), "no_match.share", "non-negative"),
    (_set("no_match.methods", {"teleport": 1}), "no_match.methods.teleport", "unknown"),
    (_set("no_match.methods", {"unknown_complex": 0}), "no_match.methods", "positive weight"),
    (_set("vocabulary.city", None), "vocabulary.city", "missing"),
    (_set("vocabulary.room_markers", []), "vocabulary.room_markers", "non-empty list"),
    (_set("vocabulary.note_brackets", ["（）", "((("]), "vocabulary.note_brackets[1]", "not 2 characters"),
    (_set("vocabulary.typos", {"花园": ["化圆"]}), "vocabulary.typos.花园", "one character"),
    (_set("vocabulary.fabricated_complex.heads", [1, 2]), "vocabulary.fabricated_complex.heads[0]", "string"),
    (_set("version", None), "version", "missing"),
]


@pytest.mark.parametrize(("mutate", "key", "problem"), BAD_FILES, ids=[case[1] for case in BAD_FILES])
def test_malformed_mix_names_file_and_key(
    mutate: Callable[[dict[str, Any]], None], key: str, problem: str
) -> None:
    data = copy.deepcopy(SHIPPED)
    mutate(data)
    with pytest.raises(InvalidStandard) as caught:
        noise_mix_from_mapping(data, Path("standards/x/noise.yaml"), 19, 25)
    assert caught.value.file == "standards/x/noise.yaml"
    assert caught.value.key == key
    assert problem in caught.value.problem


def test_missing_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "code.yaml").write_text((DEFAULT_STANDARD_DIR / "code.yaml").read_text(encoding="utf-8"))
    with pytest.raises(InvalidStandard, match=r"noise.yaml: \(file\): file not found"):
        load_noise_mix(tmp_path)
