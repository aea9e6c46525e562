"""``addressreg clean``: resolve every address of a clerk's CSV/xlsx table in one batch."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from addressreg.clean import (
    AddressColumnError,
    CleanError,
    CleanRequest,
    ResumeRefused,
    UndecodableInput,
    UnreadableTable,
    run_clean,
    summary_lines,
)
from addressreg.cli.common import current_settings, engine_for, reports_database_errors
from addressreg.match.resolution import Resolver
from addressreg.standard import InvalidStandard, load_standard

ProgressCallback = Callable[[int, int], None]


@click.command("clean")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="输出文件（.csv 或 .xlsx）。",
)
@click.option("--column", default=None, help="地址所在列的列名（默认：名为“地址”/address 等的列）。")
@click.option("--dept", default=None, help="数据来源部门代码（记入续跑记录与汇总）。")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="并行进程数（默认：CPU 核数）。")
@click.option("--resume", is_flag=True, help="从上次中断处继续（输入文件须未改动）。")
@reports_database_errors
def clean_command(
    input_path: Path, output: Path, column: str | None, dept: str | None, workers: int | None, resume: bool
) -> None:
    """清洗地址表：为每一行匹配统一地址编码，输出原表各列并附加匹配结果。"""
    settings = current_settings()
    try:
        standard = load_standard(settings.standard_dir)
    except InvalidStandard as exc:
        raise click.ClickException(f"地址规范数据有误：{exc}") from None
    names = {element.name: element.level for element in standard.elements}
    request = CleanRequest(input_path, output, column, dept, workers or os.cpu_count() or 1, resume)
    console = Console(stderr=True)

    def load_resolver() -> Resolver:
        from addressreg.store.resolver import load_resolver as load  # the registry, read once

        console.print("正在载入地址库……")
        engine = engine_for(settings)
        try:
            resolver: Resolver = load(engine, settings.standard_dir)
        finally:
            engine.dispose()  # no pooled connection may cross the fork into the workers
        return resolver

    try:
        with _progress(console) as on_progress:
            summary = run_clean(request, load_resolver, names, on_progress)
    except (UnreadableTable, UndecodableInput, AddressColumnError, ResumeRefused, CleanError) as exc:
        raise click.ClickException(str(exc)) from None
    for line in summary_lines(summary):
        console.print(line, highlight=False)


@contextmanager
def _progress(console: Console) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr when it is a terminal; no callback otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = (TextColumn("清洗中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("clean", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance
