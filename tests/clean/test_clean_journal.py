"""The version 2 journal: durable partial files, counts kept in the journal, safe resume."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from addressreg.clean.journal import (
    Journal,
    JournalCounts,
    ResumeRefused,
    RunFingerprint,
    journal_path,
    partial_path,
    review_partial_path,
)

RUN = RunFingerprint("0" * 64, "地址", "")


def _counts(rows: int, review_rows: int, category: str) -> JournalCounts:
    return JournalCounts(
        rows_done=rows,
        review_rows=review_rows,
        by_category=Counter({category: rows}),
        by_level=Counter(room=rows),
    )


def test_appended_chunks_and_counts_survive_a_resume(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    journal = Journal.start(output, RUN, b"head\r\n", b"review head\r\n")
    journal.append(b"a,1\r\n", b"", _counts(1, 0, "A"))
    journal.append(b"b,2\r\nc,3\r\n", b"5,c\r\n", _counts(2, 1, "C"))
    journal.close()
    resumed = Journal.resume(output, RUN)
    assert resumed.rows_done == 3
    assert resumed.counts.by_category == Counter(A=1, C=2) and resumed.counts.by_level == Counter(room=3)
    assert resumed.counts.review_rows == 1
    resumed.append(b"d,4\r\n", b"", _counts(1, 0, "A"))
    resumed.close()
    assert partial_path(output).read_bytes() == b"head\r\na,1\r\nb,2\r\nc,3\r\nd,4\r\n"
    assert review_partial_path(output).read_bytes() == b"review head\r\n5,c\r\n"


def test_bytes_after_the_recorded_lengths_are_cut_on_resume(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    journal = Journal.start(output, RUN, b"head\r\n", b"rh\r\n")
    journal.append(b"a\r\n", b"r\r\n", _counts(1, 1, "C"))
    journal.close()
    for path in (partial_path(output), review_partial_path(output)):
        with path.open("ab") as stream:
            stream.write(b"written after the last journal update")
    Journal.resume(output, RUN).close()
    assert partial_path(output).read_bytes() == b"head\r\na\r\n"
    assert review_partial_path(output).read_bytes() == b"rh\r\nr\r\n"


def test_a_version_1_journal_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    record = {"version": 1, "input_sha256": RUN.input_sha256, "column": "地址", "dept": ""}
    journal_path(output).write_text(
        json.dumps({**record, "rows_done": 1, "partial_bytes": 3}), encoding="utf-8"
    )
    partial_path(output).write_bytes(b"x\r\n")
    with pytest.raises(ResumeRefused, match=r"版本 1 不受支持.*去掉 --resume"):
        Journal.resume(output, RUN)


def test_a_truncated_partial_file_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    journal = Journal.start(output, RUN, b"head\r\n", b"rh\r\n")
    journal.append(b"a\r\n", b"", _counts(1, 0, "A"))
    journal.close()
    partial_path(output).write_bytes(b"head")
    with pytest.raises(ResumeRefused, match="已损坏"):
        Journal.resume(output, RUN)


def test_discard_removes_the_journal_and_partials(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    journal = Journal.start(output, RUN, b"h\r\n", b"r\r\n")
    journal.close()
    journal.discard()
    assert list(tmp_path.iterdir()) == []
