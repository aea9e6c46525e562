"""Result lines: the CSV lines workers send and the journal stores read back as their cells."""

from __future__ import annotations

import csv
import io

from addressreg.clean.result_cells import RESULT_COLUMNS, encoded_lines


def test_result_lines_read_back_as_their_cells() -> None:
    rows = [
        tuple(f"v{i}" for i in range(len(RESULT_COLUMNS))),
        ("", "none", "U", "0.0000", 'a "quoted", text', "", "", "", "第 2 行\n换行", *("",) * 6),
    ]
    lines = encoded_lines(rows)
    assert len(lines) == 2 and all(line.endswith("\n") for line in lines)
    assert [tuple(r) for r in csv.reader(io.StringIO("".join(lines), newline=""))] == rows
