"""``addressreg resolve TEXT``: the best match and the runner-up of one address, as JSON."""

from __future__ import annotations

import json

import click

from addressreg.cli.common import current_settings, engine_for, reports_database_errors
from addressreg.standard.errors import InvalidStandard
from addressreg.store.resolver import load_resolver


@click.command("resolve")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, default=True, help="以 JSON 输出（默认）")
@click.option("--indent", type=int, default=2, show_default=True, help="JSON 缩进（0 为单行）")
@reports_database_errors
def resolve_command(text: str, as_json: bool, indent: int) -> None:
    """把一条地址匹配到地址库：输出最佳匹配与次佳匹配（JSON）。"""
    if not text.strip():
        raise click.UsageError("地址 TEXT 不能为空")
    settings = current_settings()
    try:
        resolver = load_resolver(engine_for(settings), settings.standard_dir)
    except InvalidStandard as exc:
        raise click.ClickException(f"地址标准数据有误：{exc}") from None
    resolution = resolver.resolve(text)
    click.echo(json.dumps(resolution.to_dict(), ensure_ascii=False, indent=indent or None))
