"""Context labels after the CRF: complex or sub-complex by what came before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from addressreg.parse.context_labels import ContextLabels, learn_context_labels
from addressreg.parse.model import META_FILE, SHIPPED_MODEL_DIR, ModelError, load_model

GROUP = ("poi", "subpoi")
# Gold rows: a sub-complex follows a complex and a floor; a lone first name is a complex.
ROWS = [
    [("road", 0, 3), ("poi", 3, 7), ("floorno", 7, 9), ("subpoi", 9, 12)],
    [("road", 0, 3), ("poi", 3, 7), ("floorno", 7, 9), ("subpoi", 9, 12)],
    [("road", 0, 3), ("poi", 3, 7), ("floorno", 7, 9), ("poi", 9, 12)],
    [("town", 0, 3), ("poi", 3, 7)],
]


def test_the_majority_label_of_each_context_is_learned() -> None:
    learned = learn_context_labels(ROWS, GROUP, min_support=1)
    assert learned.choice[(True, "floorno")] == "subpoi"
    assert learned.choice[(False, "road")] == "poi"
    assert learned.choice[(False, "town")] == "poi"


def test_rare_contexts_get_no_choice() -> None:
    learned = learn_context_labels(ROWS, GROUP, min_support=3)
    assert (True, "floorno") in learned.choice
    assert (False, "town") not in learned.choice


def test_ties_do_not_depend_on_row_order() -> None:
    rows = [[("poi", 0, 2)], [("subpoi", 0, 2)]]
    assert learn_context_labels(rows, GROUP, 1) == learn_context_labels(rows[::-1], GROUP, 1)


def test_spans_of_the_group_are_relabelled_by_context_and_keep_offsets() -> None:
    learned = learn_context_labels(ROWS, GROUP, min_support=1)
    crf = [("road", 0, 3), ("subpoi", 3, 7), ("floorno", 7, 9), ("poi", 9, 12), ("roomno", 12, 15)]
    assert learned.apply(crf) == [
        ("road", 0, 3),
        ("poi", 3, 7),
        ("floorno", 7, 9),
        ("subpoi", 9, 12),
        ("roomno", 12, 15),
    ]


def test_a_context_without_a_choice_keeps_the_crf_label() -> None:
    learned = learn_context_labels(ROWS, GROUP, min_support=1)
    assert learned.apply([("person", 0, 2), ("subpoi", 2, 5)]) == [("person", 0, 2), ("subpoi", 2, 5)]
    assert ContextLabels().apply([("subpoi", 0, 2)]) == [("subpoi", 0, 2)]


def test_json_round_trip() -> None:
    learned = learn_context_labels(ROWS, GROUP, min_support=1)
    data = json.loads(json.dumps(learned.to_json()))
    assert ContextLabels.from_json(data) == learned


@pytest.mark.parametrize(
    ("data", "where"),
    [({"choice": []}, "group"), ({"group": ["poi"], "choice": [["yes", "road", "poi"]]}, r"choice\[0\]")],
)
def test_malformed_json_is_refused_with_its_place(data: object, where: str) -> None:
    with pytest.raises(ValueError, match=where):
        ContextLabels.from_json(data)


def test_a_model_with_a_malformed_table_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(SHIPPED_MODEL_DIR, folder)
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    meta["context_labels"] = {"group": ["poi"], "choice": [[1, 2]]}
    (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="context_labels"):
        load_model(folder)
