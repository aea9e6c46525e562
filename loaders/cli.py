"""Command-line entry points of the loaders: ``addressreg load``, ``addressreg conflicts`` and
``addressreg generate department-files``.

The core package never imports ``loaders``; the ``addressreg`` command finds these commands
through the ``addressreg.commands`` and ``addressreg.generate_commands`` entry-point groups
(``setup.cfg``).
"""

from __future__ import annotations

import json
import os
import time
from functools import partial
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from addressreg.cli.common import current_settings, engine_for, reports_database_errors
from addressreg.normalise import normalise, shipped_rules
from addressreg.store.departments import find_conflicts
from loaders.errors import BadDepartmentFile, InvalidSpec
from loaders.pipeline import LoadReport, load_department_file
from loaders.spec_loading import SPECS_DIR, load_region, spec_for

#: The option every loader command takes to read department specs from another directory.
specs_option = click.option(
    "--specs",
    "specs_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=SPECS_DIR,
    show_default=True,
    help="部门规格目录。",
)

CATEGORY_LABELS = {"A": "A 精确", "B": "B 可信", "C": "C 待核", "U": "U 未匹配"}


def _workers(value: int | None) -> int:
    return value if value is not None else max(1, os.cpu_count() or 1)


def _print_report(report: LoadReport, elapsed: float) -> None:
    console = Console(stderr=True)
    console.print(
        f"{report.department}：读取 {report.records:,} 条，新增 {report.new:,}，更新 {report.changed:,}，"
        f"未变 {report.unchanged:,}，撤销 {report.withdrawn:,}；解析不同地址 {report.distinct_texts:,} 个；"
        f"新学地址 {report.learned:,} 个；用时 {elapsed:.1f} 秒"
        f"（{report.records / max(elapsed, 1e-9):,.0f} 条/秒）"
    )
    if report.categories:
        shares = "，".join(f"{CATEGORY_LABELS.get(k, k)} {v:,}" for k, v in sorted(report.categories.items()))
        console.print(f"匹配结果：{shares}")
    flagged = report.coordinates.get("far", 0)
    if report.coordinates:
        checks = "，".join(f"{k} {v:,}" for k, v in sorted(report.coordinates.items()))
        note = f"（{flagged:,} 条坐标与匹配位置不符，已标记待核）" if flagged else ""
        console.print(f"坐标核验：{checks}{note}")


@click.command("load")
@click.argument("department")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--partial", "incremental", is_flag=True, help="增量文件：不撤销文件中没有的记录。")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="并行匹配进程数（默认 CPU 核数）。")
@specs_option
@reports_database_errors
def load_command(
    department: str, file: Path, incremental: bool, workers: int | None, specs_dir: Path
) -> None:
    """按部门规格读取 FILE，逐条匹配编码并入库（同一文件重复导入不产生变化）。"""
    from addressreg.store.resolver import load_resolver

    settings = current_settings()
    try:
        spec = spec_for(department, specs_dir)
        region = load_region()
    except InvalidSpec as exc:
        raise click.ClickException(f"部门规格有误：{exc}") from None
    engine = engine_for(settings)
    start = time.perf_counter()
    resolver = load_resolver(engine, settings.standard_dir)
    normaliser = partial(normalise, rules=shipped_rules(settings.standard_dir))
    try:
        report = load_department_file(
            engine, spec, file, resolver, normaliser, region, full=not incremental, workers=_workers(workers)
        )
    except BadDepartmentFile as exc:
        raise click.ClickException(f"文件有误，未导入任何记录：{exc}") from None
    _print_report(report, time.perf_counter() - start)


@click.command("conflicts")
@click.option(
    "--distance",
    type=click.FloatRange(min=0),
    default=None,
    help="两部门同一楼栋坐标相距超过此米数即报告（默认：loaders/region.yaml）。",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="每类最多报告条数。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@reports_database_errors
def conflicts_command(distance: float | None, limit: int, as_json: bool) -> None:
    """报告不同部门对同一地点说法不一致的记录。"""
    try:
        region = load_region()
    except InvalidSpec as exc:
        raise click.ClickException(f"区域设置有误：{exc}") from None
    engine = engine_for(current_settings())
    with engine.connect() as conn:
        found = find_conflicts(conn, region.conflict_distance_m if distance is None else distance, limit)
    if as_json:
        click.echo(json.dumps([_conflict_dict(c) for c in found], ensure_ascii=False, indent=1))
        return
    table = Table()
    for heading in ("类型", "地点", "部门", "编码", "记录", "距离（米）"):
        table.add_column(heading, overflow="fold")
    for c in found:
        kind = "坐标不一致" if c.kind == "place" else "编码不一致"
        distance_text = f"{c.distance_m:,.0f}" if c.distance_m is not None else ""
        names = ("、".join(c.departments), "、".join(c.codes), "、".join(c.records))
        table.add_row(kind, c.key, *names, distance_text)
    Console().print(table)
    Console(stderr=True).print(f"共 {len(found)} 处不一致")


def _conflict_dict(conflict: object) -> dict[str, object]:
    names = ("kind", "key", "departments", "codes", "records", "distance_m")
    return {name: getattr(conflict, name) for name in names}
