"""``addressreg review``: fill the review queue from clean review files and department loads.

``review import FILE`` reads the review file a ``clean`` run wrote (``OUT.review.csv`` or
``.xlsx``: category C rows with their best and runner-up candidates) and queues each row;
importing the same file again queues nothing new. ``review collect`` queues the category
C records of department loads. Decisions are taken on the staff page (``/review``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
from sqlalchemy import Connection, text

from addressreg.clean import InputTable, UndecodableInput, UnreadableTable, read_table
from addressreg.cli.common import current_settings, engine_for, reports_database_errors
from addressreg.store.review import CleanReviewRow, collect_department_records, import_clean_rows

REQUIRED_COLUMNS = ("row", "address", "category", "score", "explanation")
CANDIDATE_PREFIXES = ("best", "runner_up")


class ReviewFileError(ValueError):
    """The file is not a clean review file; the message names the file, row and column."""


@click.group("review")
def review_command() -> None:
    """待审核队列：导入清洗结果中的 C 类记录、收集部门数据中的 C 类记录。"""


@review_command.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dept", "department", default=None, help="这些地址所属部门的代码（接受时按部门地址学习）。")
@reports_database_errors
def import_command(file: Path, department: str | None) -> None:
    """把 clean 生成的审核文件（*.review.csv / *.review.xlsx）导入待审核队列。"""
    data = file.read_bytes()
    try:
        rows = review_rows(read_table(file, data))
    except (UnreadableTable, UndecodableInput, ReviewFileError) as exc:
        raise click.ClickException(f"无法导入：{exc}") from None
    engine = engine_for(current_settings())
    with engine.begin() as conn:
        _check_department(conn, department)
        added, skipped = import_clean_rows(
            conn, rows, file.name, hashlib.sha256(data).hexdigest()[:16], department
        )
    click.echo(f"已导入 {added} 条待审核记录（{skipped} 条此前已导入）：{file}")


@review_command.command("collect")
@reports_database_errors
def collect_command() -> None:
    """把部门数据装载中 C 类（需人工审核）的记录收入待审核队列。"""
    with engine_for(current_settings()).begin() as conn:
        added = collect_department_records(conn)
    click.echo(f"已收入 {added} 条部门记录")


def _check_department(conn: Connection, department: str | None) -> None:
    if department is None:
        return
    if conn.execute(text("SELECT 1 FROM department WHERE code = :d"), {"d": department}).first() is None:
        raise click.ClickException(f"部门 {department!r} 未登记；请先装载该部门的数据或检查代码")


def review_rows(table: InputTable) -> list[CleanReviewRow]:
    """The rows of a clean review file, checked: every row must be category C with a row number."""
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise ReviewFileError(f"{table.name}: 缺少列 {'、'.join(missing)}；这不是 clean 生成的审核文件")
    rows = []
    for row in table.rows:
        cells = dict(zip(table.columns, row.cells, strict=False))
        rows.append(_review_row(table.name, row.number, cells))
    return rows


def _review_row(name: str, number: int, cells: Mapping[str, str]) -> CleanReviewRow:
    where = f"{name} 第 {number} 行"
    if cells["category"].strip() != "C":
        raise ReviewFileError(f"{where} category 列为 {cells['category']!r}，审核文件只应含 C 类记录")
    if not cells["address"].strip():
        raise ReviewFileError(f"{where} address 列为空")
    return CleanReviewRow(
        row=_integer(cells["row"], f"{where} row 列"),
        address=cells["address"].strip(),
        score=_number(cells["score"], f"{where} score 列"),
        explanation=cells["explanation"],
        candidates=tuple(c for p in CANDIDATE_PREFIXES if (c := _candidate(cells, p, where)) is not None),
    )


def _candidate(cells: Mapping[str, str], prefix: str, where: str) -> dict[str, Any] | None:
    code = cells.get(f"{prefix}_code", "").strip()
    if not code:
        return None
    return {
        "code": code,
        "standard_address": cells.get(f"{prefix}_standard_address", ""),
        "score": _number(cells.get(f"{prefix}_score", ""), f"{where} {prefix}_score 列"),
    }


def _integer(value: str, where: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ReviewFileError(f"{where} 应为整数，实为 {value!r}") from None


def _number(value: str, where: str) -> float:
    try:
        return float(value.strip())
    except ValueError:
        raise ReviewFileError(f"{where} 应为数字，实为 {value!r}") from None
