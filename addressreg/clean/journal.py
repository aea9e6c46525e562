"""The resume journal of a ``clean`` run: finished rows survive a killed process.

Beside ``OUTPUT`` three files exist while a run is unfinished:

* ``OUTPUT.partial``: the output itself as CSV (UTF-8 with BOM, header, one line per
  finished input row in input order), appended chunk by chunk — renamed to ``OUTPUT`` at
  the end (or converted, for xlsx output);
* ``OUTPUT.review.partial``: the review file as CSV, the category C rows appended as
  they finish;
* ``OUTPUT.journal``: JSON (``JOURNAL_VERSION`` 2) with the run's fingerprint (hash of
  the input bytes, address column, department), the number of finished rows, the two
  partial files' lengths then, and the counts the summary needs (rows per category and
  level, review rows), so the end of a run needs no pass over the rows.

After each chunk both partial files are flushed and fsynced *before* the journal is
replaced (write and fsync a temporary file, ``os.replace``), so the journal never counts
rows that are not on disk; bytes after the recorded lengths are cut off on resume. A
version 1 journal (whose partial file held result cells only) is refused.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from addressreg.clean.durable_csv import DurableFile

JOURNAL_VERSION = 2


class ResumeRefused(ValueError):
    """``--resume`` cannot continue: no journal, or the input or options changed."""


@dataclass(frozen=True, slots=True)
class RunFingerprint:
    """What must be unchanged for a run to be resumed: the SHA-256 of the input's bytes,
    the address column's name, the department (empty when none)."""

    input_sha256: str
    column: str
    dept: str


@dataclass
class JournalCounts:
    """What the partial files hold: rows, their lengths, rows per category and level."""

    rows_done: int = 0
    partial_bytes: int = 0
    review_bytes: int = 0
    review_rows: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_level: Counter[str] = field(default_factory=Counter)


def journal_path(output: Path) -> Path:
    """Where the journal of a run writing ``output`` lives."""
    return output.with_name(output.name + ".journal")


def partial_path(output: Path) -> Path:
    """Where the output of a run writing ``output`` grows (as CSV) until it completes."""
    return output.with_name(output.name + ".partial")


def review_partial_path(output: Path) -> Path:
    """Where the review rows of a run writing ``output`` grow (as CSV) until it completes."""
    return output.with_name(output.name + ".review.partial")


class Journal:
    """Appends finished chunks to the partial files and records them in the journal."""

    def __init__(
        self, output: Path, run: RunFingerprint, counts: JournalCounts, files: tuple[DurableFile, DurableFile]
    ) -> None:
        self._output = output
        self._run = run
        self.counts = counts
        self._partial, self._review = files

    @property
    def rows_done(self) -> int:
        """Rows finished and on disk."""
        return self.counts.rows_done

    @classmethod
    def start(cls, output: Path, run: RunFingerprint, head: bytes, review_head: bytes) -> Journal:
        """A fresh journal whose partial files start with ``head`` and ``review_head``
        (BOM and header line); any earlier unfinished run for ``output`` is discarded."""
        partial = DurableFile.create(partial_path(output), head)
        review = DurableFile.create(review_partial_path(output), review_head)
        journal = cls(output, run, JournalCounts(0, partial.length, review.length), (partial, review))
        journal._save()
        return journal

    @classmethod
    def resume(cls, output: Path, run: RunFingerprint) -> Journal:
        """The journal of the unfinished run for ``output``, its partial files cut to what it counts.

        Raises:
            ResumeRefused: no journal or partial files, a journal of another version, a
                different input file, address column or department, or partial files
                shorter than the journal records.
        """
        path = journal_path(output)
        if not path.is_file() or not partial_path(output).is_file():
            raise ResumeRefused(f"{output}: 没有未完成的清洗记录（找不到 {path.name}），无法续跑")
        previous, counts = _read_journal(path)
        _refuse_changes(previous, run)
        try:
            partial = DurableFile.reopen(partial_path(output), counts.partial_bytes)
            review = DurableFile.reopen(review_partial_path(output), counts.review_bytes)
        except (OSError, ValueError) as error:
            raise ResumeRefused(f"{path}: 未完成的输出文件已损坏，不能续跑：{error}") from None
        return cls(output, run, counts, (partial, review))

    def append(self, chunk: bytes, review: bytes, added: JournalCounts) -> None:
        """Make ``chunk`` (the output lines of the next finished rows) and ``review`` (their
        review lines) durable, then count ``added`` (its rows, review rows and counters)."""
        self._partial.write(chunk)
        self._review.write(review)
        self._partial.sync()
        self._review.sync()
        counts = self.counts
        counts.rows_done += added.rows_done
        counts.review_rows += added.review_rows
        counts.partial_bytes, counts.review_bytes = self._partial.length, self._review.length
        counts.by_category.update(added.by_category)
        counts.by_level.update(added.by_level)
        self._save()

    def close(self) -> tuple[Path, Path]:
        """Close the partial files (everything appended is durable); return their paths."""
        self._partial.close()
        self._review.close()
        return self._partial.path, self._review.path

    def discard(self) -> None:
        """Remove the journal and what is left of the partial files once the output is complete."""
        journal_path(self._output).unlink(missing_ok=True)
        partial_path(self._output).unlink(missing_ok=True)
        review_partial_path(self._output).unlink(missing_ok=True)

    def _save(self) -> None:
        counts = self.counts
        record: dict[str, Any] = {
            "version": JOURNAL_VERSION,
            **asdict(self._run),
            "rows_done": counts.rows_done,
            "partial_bytes": counts.partial_bytes,
            "review_bytes": counts.review_bytes,
            "review_rows": counts.review_rows,
            "by_category": dict(counts.by_category),
            "by_level": dict(counts.by_level),
        }
        path = journal_path(self._output)
        temporary = path.with_name(path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as stream:
            stream.write(json.dumps(record, ensure_ascii=False))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)


def _read_journal(path: Path) -> tuple[RunFingerprint, JournalCounts]:
    """The fingerprint and counts a version 2 journal records; ResumeRefused otherwise."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        version = saved["version"]
    except (ValueError, KeyError, TypeError) as error:
        raise ResumeRefused(f"{path}: 续跑记录已损坏：{error}") from None
    if version != JOURNAL_VERSION:
        raise ResumeRefused(
            f"{path}: 续跑记录的版本 {version} 不受支持（由旧版程序生成），无法续跑：请去掉 --resume 重新开始"
        )
    try:
        previous = RunFingerprint(saved["input_sha256"], saved["column"], saved["dept"])
        counts = JournalCounts(
            rows_done=int(saved["rows_done"]),
            partial_bytes=int(saved["partial_bytes"]),
            review_bytes=int(saved["review_bytes"]),
            review_rows=int(saved["review_rows"]),
            by_category=Counter({str(k): int(v) for k, v in saved["by_category"].items()}),
            by_level=Counter({str(k): int(v) for k, v in saved["by_level"].items()}),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ResumeRefused(f"{path}: 续跑记录已损坏：{error}") from None
    return previous, counts


def _refuse_changes(previous: RunFingerprint, current: RunFingerprint) -> None:
    if previous.input_sha256 != current.input_sha256:
        raise ResumeRefused("输入文件与上次未完成的清洗不同，不能续跑（去掉 --resume 重新开始）")
    if previous.column != current.column:
        raise ResumeRefused(f"上次按“{previous.column}”列清洗，这次是“{current.column}”列，不能续跑")
    if previous.dept != current.dept:
        raise ResumeRefused(f"上次的部门是“{previous.dept}”，这次是“{current.dept}”，不能续跑")
