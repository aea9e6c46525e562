"""The resume journal of a ``clean`` run: finished rows survive a killed process.

Beside ``OUTPUT`` two files exist while a run is unfinished:

* ``OUTPUT.partial``: UTF-8 CSV, one line of result cells (``RESULT_COLUMNS``) per
  finished input row, in input order (see :func:`encoded_lines`);
* ``OUTPUT.journal``: JSON with the run's fingerprint (hash of the input bytes, address
  column, department), the number of finished rows and the partial file's length then.

After each chunk the partial lines are flushed and fsynced *before* the journal is
replaced (write to a temporary file, ``os.replace``), so the journal never counts rows
that are not on disk; lines written after the last journal update are cut off on resume.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from addressreg.clean.result_cells import RESULT_COLUMNS, ResultCells

JOURNAL_VERSION = 1


class ResumeRefused(ValueError):
    """``--resume`` cannot continue: no journal, or the input or options changed."""


@dataclass(frozen=True, slots=True)
class RunFingerprint:
    """What must be unchanged for a run to be resumed."""

    input_sha256: str
    column: str
    dept: str


def fingerprint(data: bytes, column: str, dept: str | None) -> RunFingerprint:
    """The fingerprint of a run over the input bytes ``data``."""
    return RunFingerprint(hashlib.sha256(data).hexdigest(), column, dept or "")


def journal_path(output: Path) -> Path:
    """Where the journal of a run writing ``output`` lives."""
    return output.with_name(output.name + ".journal")


def partial_path(output: Path) -> Path:
    """Where the finished rows of a run writing ``output`` are kept until it completes."""
    return output.with_name(output.name + ".partial")


class Journal:
    """Appends finished chunks to the partial file and records them in the journal."""

    def __init__(self, output: Path, run: RunFingerprint, rows_done: int, partial_bytes: int) -> None:
        self._output = output
        self._run = run
        self.rows_done = rows_done
        self._partial_bytes = partial_bytes

    @classmethod
    def start(cls, output: Path, run: RunFingerprint) -> Journal:
        """A fresh journal; any earlier unfinished run for ``output`` is discarded."""
        partial_path(output).write_bytes(b"")
        journal = cls(output, run, 0, 0)
        journal._save()
        return journal

    @classmethod
    def resume(cls, output: Path, run: RunFingerprint) -> Journal:
        """The journal of the unfinished run for ``output``, its partial file cut to what it counts.

        Raises:
            ResumeRefused: no journal or partial file, a journal of another version, or a
                different input file, address column or department.
        """
        path = journal_path(output)
        if not path.is_file() or not partial_path(output).is_file():
            raise ResumeRefused(f"{output}: 没有未完成的清洗记录（找不到 {path.name}），无法续跑")
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            previous = RunFingerprint(saved["input_sha256"], saved["column"], saved["dept"])
            version, rows_done, partial_bytes = (
                saved["version"],
                int(saved["rows_done"]),
                int(saved["partial_bytes"]),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ResumeRefused(f"{path}: 续跑记录已损坏：{error}") from None
        if version != JOURNAL_VERSION:
            raise ResumeRefused(f"{path}: 续跑记录的版本 {version} 不受支持")
        _refuse_changes(previous, run)
        with partial_path(output).open("r+b") as partial:
            partial.truncate(partial_bytes)
        return cls(output, run, rows_done, partial_bytes)

    def append(self, chunk: Sequence[ResultCells]) -> None:
        """Make ``chunk`` (the result cells of the next finished rows, in order) durable,
        then count it."""
        encoded = encoded_lines(chunk).encode("utf-8")
        with partial_path(self._output).open("ab") as partial:
            partial.write(encoded)
            partial.flush()
            os.fsync(partial.fileno())
        self.rows_done += len(chunk)
        self._partial_bytes += len(encoded)
        self._save()

    def finished_rows(self) -> Iterator[ResultCells]:
        """The result cells of every finished row, in input order."""
        with partial_path(self._output).open(encoding="utf-8", newline="") as partial:
            for line, cells in enumerate(csv.reader(partial), start=1):
                if len(cells) != len(RESULT_COLUMNS):
                    raise ValueError(
                        f"{partial.name}: 第 {line} 行有 {len(cells)} 列，不是清洗结果：文件已损坏"
                    )
                yield tuple(cells)

    def discard(self) -> None:
        """Remove the journal and partial file once the output is complete."""
        journal_path(self._output).unlink(missing_ok=True)
        partial_path(self._output).unlink(missing_ok=True)

    def _save(self) -> None:
        record = {
            "version": JOURNAL_VERSION,
            **asdict(self._run),
            "rows_done": self.rows_done,
            "partial_bytes": self._partial_bytes,
        }
        path = journal_path(self._output)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)


def encoded_lines(rows: Sequence[ResultCells]) -> str:
    """``rows`` as the partial file's CSV lines (one per row, each ending in ``\\n``)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _refuse_changes(previous: RunFingerprint, current: RunFingerprint) -> None:
    if previous.input_sha256 != current.input_sha256:
        raise ResumeRefused("输入文件与上次未完成的清洗不同，不能续跑（去掉 --resume 重新开始）")
    if previous.column != current.column:
        raise ResumeRefused(f"上次按“{previous.column}”列清洗，这次是“{current.column}”列，不能续跑")
    if previous.dept != current.dept:
        raise ResumeRefused(f"上次的部门是“{previous.dept}”，这次是“{current.dept}”，不能续跑")
