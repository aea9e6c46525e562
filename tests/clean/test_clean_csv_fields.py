"""CSV fields: the fast join writes exactly what ``csv.writer`` writes, on any Unicode cells."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from addressreg.clean.csv_fields import cells_line, cells_part, csv_line, joined_fields

# Text mixing the characters that decide quoting with arbitrary Unicode (surrogates excluded:
# they cannot be encoded, in the input or the output).
_SPECIAL = st.sampled_from([",", '"', "\r", "\n", "\r\n", " ", "\t", "\x00", "\u2028", "\x85", "'", "#"])
_CELL = st.lists(st.one_of(_SPECIAL, st.text(st.characters(exclude_categories=("Cs",)))), max_size=6).map(
    "".join
)
_CELLS = st.lists(_CELL, min_size=1, max_size=8)


def _written(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


@given(_CELLS)
def test_a_line_is_what_csv_writer_writes(cells: list[str]) -> None:
    assert csv_line(cells) == _written([cells])
    assert joined_fields(cells) + "\r\n" == _written([cells])


@given(_CELLS, _CELLS)
def test_a_part_and_a_line_join_into_csv_writers_line_for_the_whole_row(
    head: list[str], tail: list[str]
) -> None:
    assert cells_part(head) + cells_line(tail) == _written([head + tail]).encode("utf-8")


def test_the_cases_that_need_quoting() -> None:
    assert csv_line([""]) == '""\r\n'
    assert csv_line(["", ""]) == ",\r\n"
    assert csv_line(['a "b"', "c,d", "e\nf", " g "]) == '"a ""b""","c,d","e\nf", g \r\n'
    assert cells_part(["深圳", "x"]) == "深圳,x,".encode()
