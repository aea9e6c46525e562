"""The clean batch end to end with a small real resolver: rows in = rows out, dedupe, resume."""

from __future__ import annotations

import codecs
import csv
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clean_dict_resolver import ROOMS, DictResolver
from openpyxl import Workbook, load_workbook

from addressreg.clean import (
    OUTPUT_COLUMNS,
    REVIEW_COLUMNS,
    CleanError,
    CleanRequest,
    ResumeRefused,
    journal_path,
    partial_path,
    read_table,
    review_path,
    run_clean,
)
from addressreg.clean.result_cells import result_cells, unreadable_cells
from addressreg.match.resolution import Resolution

KNOWN = list(ROOMS)
HEADER = ["编号", "地址", "备注"]


def _rows(n: int) -> list[list[str]]:
    """``n`` rows cycling through known, review and unknown addresses (many duplicates)."""
    pool = [*KNOWN, "模糊地址一", "不存在的地址"]
    return [[str(i), pool[i % len(pool)], f"备注{i}"] for i in range(n)]


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows([HEADER, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _read_output(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_each_encoding_gives_the_same_rows_in_the_same_order(tmp_path: Path, encoding: str) -> None:
    rows = _rows(23)
    source = _write_csv(tmp_path / "in.csv", rows, encoding)
    summary = run_clean(CleanRequest(source, tmp_path / "out.csv"), DictResolver, {"district": "区"})
    output = _read_output(tmp_path / "out.csv")
    assert output[0] == HEADER + list(OUTPUT_COLUMNS)
    assert [line[:3] for line in output[1:]] == rows
    named = [dict(zip(output[0], line, strict=True)) for line in output[1:]]
    assert [n["code"] for n in named[:3]] == [ROOMS[a] for a in KNOWN]
    assert {n["category"] for n in named} == {"A", "C", "U"}
    assert named[0]["explanation"].startswith("一致：区")
    assert summary.rows == 23 and summary.by_category["A"] == sum(r[1] in ROOMS for r in rows)


def test_identical_addresses_are_resolved_once(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "in.csv", _rows(50))
    resolver = DictResolver()
    summary = run_clean(
        CleanRequest(source, tmp_path / "out.csv", chunk_rows=7, batch_texts=2), lambda: resolver, {}
    )
    assert resolver.calls == 5
    assert summary.resolved_texts == 5


def test_unreadable_rows_and_empty_addresses_become_u_with_the_reason(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"编号,地址\n1,{KNOWN[0]}\n2\n3,  \n4,{KNOWN[1]},x\n", encoding="utf-8")
    run_clean(CleanRequest(source, tmp_path / "out.csv"), DictResolver, {})
    output = _read_output(tmp_path / "out.csv")
    assert len(output) == 5
    categories = [line[2 + OUTPUT_COLUMNS.index("category")] for line in output[1:]]
    explanations = [line[2 + OUTPUT_COLUMNS.index("explanation")] for line in output[1:]]
    assert categories == ["A", "U", "U", "U"]
    assert "第 3 行有 1 个字段" in explanations[1]
    assert "第 4 行地址为空" in explanations[2]
    assert "多出的字段：x" in explanations[3]


def test_a_header_only_input_gives_a_header_only_output(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "in.csv", [])
    summary = run_clean(CleanRequest(source, tmp_path / "out.csv"), DictResolver, {})
    assert _read_output(tmp_path / "out.csv") == [HEADER + list(OUTPUT_COLUMNS)]
    assert summary.rows == 0


def test_xlsx_in_and_out_keep_codes_as_text_and_scores_as_numbers(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(HEADER)
    for row in _rows(10):
        book.active.append(row)
    source = tmp_path / "in.xlsx"
    book.save(source)
    run_clean(CleanRequest(source, tmp_path / "out.xlsx"), DictResolver, {})
    result = load_workbook(tmp_path / "out.xlsx", read_only=True)
    values = [list(row) for row in result.worksheets[0].iter_rows(values_only=True)]
    assert values[0] == HEADER + list(OUTPUT_COLUMNS)
    assert len(values) == 11
    assert values[1][3] == ROOMS[KNOWN[0]]
    assert values[1][3 + OUTPUT_COLUMNS.index("score")] == 1.0
    review = load_workbook(review_path(tmp_path / "out.xlsx"), read_only=True)
    assert sum(1 for _ in review.worksheets[0].iter_rows()) == 1 + 2  # header + the two C rows


def test_the_review_file_lists_the_c_rows_with_best_and_runner_up(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "in.csv", _rows(12))
    summary = run_clean(CleanRequest(source, tmp_path / "out.csv"), DictResolver, {})
    review = _read_output(review_path(tmp_path / "out.csv"))
    assert summary.review_rows == 2 and len(review) == 3
    entry = dict(zip(review[0], review[1], strict=True))
    assert entry["row"] == "5" and entry["address"] == "模糊地址一"
    assert entry["best_code"] == ROOMS[KNOWN[0]] and entry["runner_up_code"] == ROOMS[KNOWN[1]]


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "in.csv", _rows(300))
    run_clean(CleanRequest(source, tmp_path / "one.csv", chunk_rows=40, batch_texts=3), DictResolver, {})
    run_clean(
        CleanRequest(source, tmp_path / "two.csv", workers=2, chunk_rows=40, batch_texts=3), DictResolver, {}
    )
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert not journal_path(tmp_path / "two.csv").exists() and not partial_path(tmp_path / "two.csv").exists()


def test_output_may_not_overwrite_input_or_clash_with_its_columns(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "in.csv", _rows(3))
    with pytest.raises(CleanError, match="覆盖输入"):
        run_clean(CleanRequest(source, source), DictResolver, {})
    clashing = tmp_path / "clash.csv"
    clashing.write_text("地址,code\nx,1\n", encoding="utf-8")
    with pytest.raises(CleanError, match="code"):
        run_clean(CleanRequest(clashing, tmp_path / "out.csv"), DictResolver, {})


def test_resume_refuses_without_a_journal_or_with_a_changed_input(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "in.csv", _rows(5))
    with pytest.raises(ResumeRefused, match="没有未完成"):
        run_clean(CleanRequest(source, tmp_path / "out.csv", resume=True), DictResolver, {})
    _start_and_kill(source, tmp_path / "out.csv", rows_wanted=0)
    _write_csv(source, _rows(6))
    with pytest.raises(ResumeRefused, match="输入文件"):
        run_clean(CleanRequest(source, tmp_path / "out.csv", resume=True), DictResolver, {})


def _start_and_kill(source: Path, target: Path, rows_wanted: int) -> int:
    """Start a slow clean in a subprocess, SIGKILL it once the journal counts ``rows_wanted`` rows."""
    script = Path(__file__).with_name("slow_clean_run.py")
    process = subprocess.Popen([sys.executable, str(script), str(source), str(target)])
    deadline = time.monotonic() + 20
    done = -1
    while time.monotonic() < deadline and process.poll() is None:
        try:
            done = json.loads(journal_path(target).read_text(encoding="utf-8"))["rows_done"]
        except (FileNotFoundError, ValueError):
            done = -1
        if done >= rows_wanted:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert done >= rows_wanted, "the run ended or stalled before it could be killed mid-way"
    return int(done)


def test_a_killed_run_resumes_without_redoing_rows_and_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    rows = [[str(i), f"{KNOWN[i % 3]}{i}" if i % 4 else KNOWN[i % 3], "x"] for i in range(1500)]
    source = _write_csv(tmp_path / "in.csv", rows)
    done = _start_and_kill(source, tmp_path / "out.csv", rows_wanted=200)
    assert not (tmp_path / "out.csv").exists()
    assert 0 < done < len(rows)
    with partial_path(tmp_path / "out.csv").open("ab") as partial:
        partial.write(b"a line written after the last journal update,\n")  # as if killed between the two
    resolver = DictResolver()
    summary = run_clean(
        CleanRequest(source, tmp_path / "out.csv", resume=True, chunk_rows=50), lambda: resolver, {}
    )
    assert summary.resumed_rows == done
    assert resolver.calls <= len({r[1] for r in rows[done:]})
    run_clean(CleanRequest(source, tmp_path / "fresh.csv", chunk_rows=50), DictResolver, {})
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "fresh.csv").read_bytes()
    assert review_path(tmp_path / "out.csv").read_bytes() == review_path(tmp_path / "fresh.csv").read_bytes()
    assert not journal_path(tmp_path / "out.csv").exists()


class _Interrupted(DictResolver):
    """A resolver interrupted (as by Ctrl-C) at its ``after``-th text."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after

    def resolve(self, text: str) -> Resolution:
        if self.calls == self.after:
            raise KeyboardInterrupt
        return super().resolve(text)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_interrupted_run_keeps_its_partial_files_and_resumes_to_the_same_files(
    tmp_path: Path, suffix: str
) -> None:
    rows = [[str(i), f"{KNOWN[i % 3]}{i % 40}" if i % 4 else f"模糊{i % 7}", "x"] for i in range(300)]
    source = _write_csv(tmp_path / "in.csv", rows)
    target, fresh = tmp_path / f"out{suffix}", tmp_path / f"fresh{suffix}"
    with pytest.raises(KeyboardInterrupt):
        run_clean(CleanRequest(source, target, chunk_rows=20, batch_texts=4), lambda: _Interrupted(30), {})
    assert partial_path(target).exists() and journal_path(target).exists() and not target.exists()
    summary = run_clean(CleanRequest(source, target, resume=True, chunk_rows=20), DictResolver, {})
    run_clean(CleanRequest(source, fresh, chunk_rows=20), DictResolver, {})
    assert 0 < summary.resumed_rows < len(rows)
    assert summary.by_category == run_clean(CleanRequest(source, fresh), DictResolver, {}).by_category
    for made, expected in ((target, fresh), (review_path(target), review_path(fresh))):
        assert _cells(made) == _cells(expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["in.csv", target.name, fresh.name, review_path(target).name, review_path(fresh).name]
    )


def _cells(path: Path) -> list[list[object]]:
    if path.suffix == ".csv":
        return [
            list(row) for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
        ]
    return [
        list(row) for row in load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)
    ]


def test_the_output_is_csv_writers_output_of_the_input_rows_and_their_results(tmp_path: Path) -> None:
    lines = ["地址", KNOWN[0], "", f'"{KNOWN[1]}"', '"模糊,""引号""\n换行"', " 不存在 ", "模糊地址一"]
    source = tmp_path / "in.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_clean(CleanRequest(source, tmp_path / "out.csv"), DictResolver, {"district": "区"})
    table = read_table(source)
    resolver = DictResolver()
    expected, review = io.StringIO(newline=""), io.StringIO(newline="")
    csv.writer(expected).writerow(table.columns + OUTPUT_COLUMNS)
    csv.writer(review).writerow(("row", "address", "category", "score", "explanation", *REVIEW_COLUMNS))
    for row in table.rows:
        cells = _expected_cells(resolver, row.cells[0], row.problem or f"第 {row.number} 行地址为空")
        csv.writer(expected).writerow(row.cells + cells[: len(OUTPUT_COLUMNS)])
        if cells[2] == "C":
            extra = (cells[2], cells[3], cells[8], *cells[len(OUTPUT_COLUMNS) :])
            csv.writer(review).writerow((str(row.number), row.cells[0], *extra))
    assert (tmp_path / "out.csv").read_bytes() == expected.getvalue().encode("utf-8-sig")
    assert review_path(tmp_path / "out.csv").read_bytes() == review.getvalue().encode("utf-8-sig")


def _expected_cells(resolver: DictResolver, cell: str, reason: str) -> tuple[str, ...]:
    if not cell.strip():
        return unreadable_cells(reason)
    return result_cells(resolver.resolve(cell.strip()), {"district": "区"})
