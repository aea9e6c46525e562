"""Ranking names by shared grams: the dict counter and the numpy path give one answer, the
order a counting dict fills in (most shared first, then first counted)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from addressreg.match.gram_ranking import (
    FEW_POSTINGS,
    posting_array,
    rank_by_shared_grams,
    rank_counted,
    rank_vectorised,
)

SIZE = 60
posting_lists = st.lists(st.sets(st.integers(0, SIZE - 1)).map(sorted), max_size=8)


def _reference(postings: list[list[int]], top: int) -> list[int]:
    """Counter.most_common: by count, ties in the order first counted."""
    counted: Counter[int] = Counter()
    for indexes in postings:
        counted.update(indexes)
    return [index for index, _ in counted.most_common(top)]


@settings(max_examples=300, deadline=None)
@given(posting_lists, st.integers(0, 70))
def test_both_paths_give_the_order_of_a_counting_dict(postings: list[list[int]], top: int) -> None:
    arrays = [posting_array(indexes) for indexes in postings]
    expected = _reference(postings, top)
    assert rank_counted(arrays, top) == expected
    assert rank_vectorised(arrays, SIZE, top) == expected
    assert rank_by_shared_grams(arrays, SIZE, top) == expected


def test_a_name_sharing_more_grams_wins_and_ties_keep_the_first_counted() -> None:
    postings = [posting_array([5, 9]), posting_array([1, 9]), posting_array([0, 1])]
    # 9 and 1 share two grams; 9 was counted first. 5 came before 0.
    assert rank_vectorised(postings, 10, 3) == [9, 1, 5]
    assert rank_counted(postings, 4) == [9, 1, 5, 0]


def test_many_postings_take_the_numpy_path_with_the_same_answer() -> None:
    size = 5000
    postings = [list(range(g, size, g + 2)) for g in range(6)]
    assert sum(len(p) for p in postings) > FEW_POSTINGS
    arrays = [posting_array(p) for p in postings]
    assert rank_by_shared_grams(arrays, size, 64) == _reference(postings, 64)
