"""Labelled rows, the fixed dev split, tag conversion and the scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addressreg.parse.evaluation import score
from addressreg.parse.labelled import LabelledAddress, LabelledDataError, is_dev, read_labelled, split
from addressreg.parse.lexicon import NameLexicon
from addressreg.parse.tagging import spans_to_tags, tags_to_spans


def test_dev_split_depends_on_the_id_only() -> None:
    rows = [LabelledAddress(f"r{i}", "x", ()) for i in range(2000)]
    train, dev = split(rows)
    _, dev_reversed = split(reversed(rows))
    assert {r.row_id for r in dev} == {r.row_id for r in dev_reversed}
    assert 150 < len(dev) < 250 and len(train) + len(dev) == 2000
    assert all(is_dev(r.row_id) for r in dev)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "a", "elements": []}', "'text'"),
        (
            '{"id": "a", "text": "ab", "elements": [{"label": "x", "text": "ab", "start": 0, "end": 3}]}',
            "start/end",
        ),
        (
            '{"id": "a", "text": "ab", "elements": [{"label": "x", "text": "b", "start": 0, "end": 1}]}',
            "differs",
        ),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "rows.jsonl"
    good = {"id": "g", "text": "ab", "elements": [{"label": "x", "text": "a", "start": 0, "end": 1}]}
    path.write_text(json.dumps(good) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(LabelledDataError) as caught:
        list(read_labelled(path))
    assert f"{path}:2" in str(caught.value) and problem in str(caught.value)


SPANS = st.lists(st.tuples(st.sampled_from(["poi", "road", "houseno"]), st.integers(1, 4)), max_size=6)


@given(SPANS, st.integers(0, 3))
def test_tags_round_trip_when_repeated_labels_have_begin_tags(parts: list[tuple[str, int]], gap: int) -> None:
    spans, cursor = [], 0
    for label, width in parts:
        spans.append((label, cursor, cursor + width))
        cursor += width + gap
    tags = spans_to_tags(cursor, spans, frozenset({"poi", "road", "houseno"}))
    assert tags_to_spans(tags) == spans


def test_overlapping_spans_are_refused() -> None:
    with pytest.raises(ValueError, match="overlaps"):
        spans_to_tags(5, [("poi", 0, 3), ("road", 2, 4)], frozenset())


def test_scores_count_exact_spans_only() -> None:
    rows = [LabelledAddress("a", "abcdef", (("road", 0, 2), ("poi", 2, 5)))]
    scores = score(rows, lambda text: [("road", 0, 2), ("poi", 2, 4), ("roomno", 5, 6)])
    assert scores.true_positives == {"road": 1}
    assert scores.false_positives == {"poi": 1, "roomno": 1}
    assert scores.false_negatives == {"poi": 1}
    precision, recall, f1 = scores.micro()
    assert (precision, recall) == (1 / 3, 1 / 2) and f1 == pytest.approx(0.4)
    only_roads = score(rows, lambda text: [("road", 0, 2), ("poi", 2, 4)], labels={"road"})
    assert only_roads.micro() == (1.0, 1.0, 1.0)


def test_lexicon_round_trips_through_its_file(tmp_path: Path) -> None:
    lexicon = NameLexicon.from_pairs([("road", "文汇路"), ("poi", "文汇"), ("road", "x")])
    lexicon.save(tmp_path / "lexicon.json")
    loaded = NameLexicon.load(tmp_path / "lexicon.json")
    assert loaded.names == lexicon.names and "x" not in loaded.names
    assert sorted(loaded.spans("在文汇路")) == [("poi", 1, 3), ("road", 1, 4)]
