"""Result cells: the journal's partial lines read back as the cells that were appended."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from addressreg.clean.journal import Journal, encoded_lines, fingerprint
from addressreg.clean.result_cells import RESULT_COLUMNS

ROWS = [
    tuple(f"v{i}" for i in range(len(RESULT_COLUMNS))),
    ("", "none", "U", "0.0000", 'a "quoted", text', "", "", "", "第 2 行\n换行", *("",) * 6),
]


def test_encoded_lines_read_back_as_their_cells() -> None:
    text = encoded_lines(ROWS)
    assert text.endswith("\n")
    assert [tuple(r) for r in csv.reader(io.StringIO(text, newline=""))] == ROWS


def test_journalled_cells_read_back_in_order(tmp_path: Path) -> None:
    journal = Journal.start(tmp_path / "out.csv", fingerprint(b"input", "地址", None))
    journal.append(ROWS[:1])
    journal.append(ROWS[1:])
    assert journal.rows_done == 2
    assert list(journal.finished_rows()) == ROWS
