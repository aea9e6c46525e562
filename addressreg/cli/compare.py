"""``addressreg compare``: label address pairs read as JSON lines on stdin."""

from __future__ import annotations

import sys

import click

from addressreg.cli.common import current_settings
from addressreg.compare import PairComparer, StreamCounts, compare_lines, load_compare_rules
from addressreg.parse.reference_names import shipped_gazetteer
from addressreg.standard import InvalidStandard, load_standard


@click.command("compare")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="输入输出格式。",
)
def compare_command(format_: str) -> None:
    """比较地址对：从标准输入读取每行含 "a"、"b" 的 JSON，输出附加 "label" 与 "score"。

    label 为 exact_match（完全匹配）、partial_match（部分匹配）或 not_match（不匹配）。
    """
    settings = current_settings()
    try:
        standard = load_standard(settings.standard_dir)
        rules = load_compare_rules(settings.standard_dir)
    except InvalidStandard as exc:
        raise click.ClickException(f"地址规范数据有误：{exc}") from None
    comparer = PairComparer(shipped_gazetteer(settings.standard_dir), standard, rules)
    counts = StreamCounts()
    for line in compare_lines(sys.stdin, comparer, counts):
        sys.stdout.write(line + "\n")
    sys.stdout.flush()
    if counts.refused:
        raise click.ClickException(f"有 {counts.refused:,} 行无法读取（输出中以 error 标明行号）")
