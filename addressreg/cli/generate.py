"""``addressreg generate``: department-style test data drawn from the registry."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from addressreg.cli.common import current_settings, engine_for, reports_database_errors
from addressreg.records import (
    InvalidFacts,
    generate_records,
    index_registry,
    load_noise_mix,
    write_records_csv,
)
from addressreg.standard import InvalidStandard
from addressreg.standard_address import load_address_format
from addressreg.store.facts import registry_names, sample_room_facts

MAX_FACTS = 200_000  # records beyond this many distinct rooms reuse rooms (with other noise)


@click.group("generate")
def generate_command() -> None:
    """生成测试数据（带真值）。"""


@generate_command.command("records")
@click.option("--n", "n", type=click.IntRange(min=0), required=True, help="记录条数。")
@click.option("--seed", type=int, default=1, show_default=True, help="随机种子。")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="输出 CSV。"
)
@reports_database_errors
def records_command(n: int, seed: int, output: Path) -> None:
    """按各部门书写习惯生成带噪声的地址记录，附真值编码与层级。"""
    settings = current_settings()
    try:
        mix = load_noise_mix(settings.standard_dir)
        fmt = load_address_format(settings.standard_dir)
    except InvalidStandard as exc:
        raise click.ClickException(f"地址规范数据有误：{exc}") from None
    engine = engine_for(settings)
    facts = sample_room_facts(engine, min(n, MAX_FACTS), seed, fmt)
    if n and not facts:
        raise click.ClickException("地址库为空：请先运行 `addressreg seed`")
    known = index_registry(*registry_names(engine), mix.vocabulary)
    try:
        written = write_records_csv(generate_records(facts, n, seed, mix, known=known), output)
    except InvalidFacts as exc:
        raise click.ClickException(f"地址库数据无法生成记录：{exc}") from None
    Console(stderr=True).print(f"已写入 {written:,} 条记录到 {output}")
