"""Character features: one item per character, digit style, marker words, refusal of old models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from addressreg.parse import features as features_module
from addressreg.parse.features import digit_style, feature_context, sequence_features
from addressreg.parse.model import META_FILE, SHIPPED_MODEL_DIR, ModelError, load_model
from addressreg.standard import AddressStandard


@pytest.mark.parametrize(
    ("text", "style"), [("上合花园5栋", "R"), ("上合花园0栋", "M"), ("上合花园", "N"), ("", "N")]
)
def test_digit_style(text: str, style: str) -> None:
    assert digit_style(text) == style


def test_one_item_per_character_with_words_and_names(standard: AddressStandard) -> None:
    context = feature_context(standard.normalisation)
    text = "宝安区上合花园5栋-1203室"
    items = [
        [f.decode() if isinstance(f, bytes) else f for f in item]
        for item in sequence_features(text, context, [("complex", 3, 7)])
    ]
    assert len(items) == len(text)
    assert "c0=宝" in items[0] and "c0=R-" in items[text.index("-")]
    assert "GcomplexB" in items[3] and "GcomplexE" in items[6] and "GcomplexI" in items[4]
    assert any(f.startswith("WMbuilding") for f in items[text.index("栋")])
    assert all(f.startswith("k=R") for item in items for f in item if f.startswith("k="))


def test_the_same_text_gives_the_same_features(standard: AddressStandard) -> None:
    context = feature_context(standard.normalisation)
    first = sequence_features("深圳市南山区", context)
    assert sequence_features("深圳市南山区", context) == first
    assert sequence_features("", context) == []


def test_a_model_of_other_features_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(SHIPPED_MODEL_DIR, folder)
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    meta["features_version"] = -1
    (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="features_version"):
        load_model(folder)


def test_window_memo_is_bounded_and_changes_nothing(
    standard: AddressStandard, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "深圳市南山区科技园8栋-1203室"
    expected = sequence_features(text, feature_context(standard.normalisation))
    monkeypatch.setattr(features_module, "TABLE_LIMIT", 3)
    context = feature_context(standard.normalisation)
    assert sequence_features(text, context) == expected
    assert all(len(table) <= 3 for table in context.windows.values())


PRUNING_TEXTS = [
    "深圳市宝安区新安街道上川社区上合花园5栋1203",
    "宝安新安上合花园五栋1203室",
    "寶安區上合花園5-1203",
    "广东省深圳市南山区粤海街道科技园南区深圳湾科技生态园10栋B座3楼",
    "龙华区民治街道龙塘社区龙塘新村12号之一⑨",
    "浙江省杭州市西湖区文三路000号0幢0单元000室",
]


def test_features_pruned_to_the_model_tag_alike(standard: AddressStandard) -> None:
    model = load_model(SHIPPED_MODEL_DIR)
    assert model.attributes  # the shipped model knows its attributes
    full, pruned = (
        feature_context(standard.normalisation),
        feature_context(standard.normalisation, model.attributes),
    )
    dropped = 0
    for text in PRUNING_TEXTS:
        every, kept = sequence_features(text, full), sequence_features(text, pruned)
        for whole, part in zip(every, kept, strict=True):
            assert set(part) <= set(whole)
            assert not (set(whole) - set(part)) & model.attributes  # only unknown ones go
            dropped += len(whole) - len(part)
        assert model.tag(list(kept)) == model.tag(list(every))
    assert dropped > 0  # the rare windows of these texts are unknown to the model
