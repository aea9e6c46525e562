"""``addressreg parse``: split addresses into the standard's elements.

``addressreg parse TEXT`` prints one element per line with the standard's Chinese level
names. ``addressreg parse --format jsonl --labels ccks < in.jsonl > out.jsonl`` reads JSON
objects with a "text" field and writes each back with "elements"; a line that is not a
JSON object with a string "text" is written back with an "error" field, in order.

Place names come from the reference data shipped with the package (``--names reference``,
the default; ``--reference-dir`` for another folder in the same format) or from the
registry database (``--names registry``, through ``addressreg.store.gazetteer``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import click
from sqlalchemy.exc import SQLAlchemyError

from addressreg.config import Settings, settings_from_env
from addressreg.parse.gazetteer import Gazetteer
from addressreg.parse.parsed import ParsedAddress, to_ccks
from addressreg.parse.parser import parse
from addressreg.parse.reference_names import shipped_gazetteer
from addressreg.reference import ReferenceDataError
from addressreg.standard.rules import AddressStandard
from addressreg.standard.rules_loading import cached_standard


def _elements(parsed: ParsedAddress, standard: AddressStandard, labels: str) -> list[dict[str, Any]]:
    if labels == "ccks":
        return [dict(e) for e in to_ccks(parsed, standard)]
    return [
        {"label": e.label, "text": e.text, "value": e.value, "start": e.start, "end": e.end}
        for e in parsed.elements
    ]


def jsonl_lines(
    lines: Iterable[str], gazetteer: Gazetteer, standard: AddressStandard, labels: str
) -> Iterator[dict[str, Any]]:
    """One output object per input line, in order; bad lines get an "error" field."""
    for number, line in enumerate(lines, start=1):
        raw = line.rstrip("\r\n")
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield {"input": raw, "error": f"第 {number} 行不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）"}
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            kept = obj if isinstance(obj, dict) else {"input": obj}
            yield {**kept, "error": f'第 {number} 行缺少字符串字段 "text"'}
            continue
        try:
            parsed = parse(obj["text"], gazetteer, standard)
        except Exception as exc:  # the run never stops early: report and go on
            yield {**obj, "error": f"第 {number} 行解析失败：{exc}"}
            continue
        yield {**obj, "elements": _elements(parsed, standard, labels)}


def _print_elements(parsed: ParsedAddress, standard: AddressStandard, out: TextIO) -> None:
    if not parsed.elements:
        click.echo("（未识别出地址要素）", file=out)
    for element in parsed.elements:
        level = standard.element(element.label).level
        click.echo(f"{level}\t{element.text}\t{element.value}\t[{element.start}, {element.end})", file=out)
    click.echo(f"规范化\t{parsed.normalised}", file=out)


def _registry_gazetteer(settings: Settings, standard: AddressStandard) -> Gazetteer:
    """The registry's names (``addressreg.store.gazetteer``; imported only when asked for)."""
    if not settings.database_url:
        raise click.UsageError("未配置数据库：请设置 ADDRESSREG_DATABASE_URL，或使用 --names reference")
    from addressreg.store.engine import make_engine
    from addressreg.store.gazetteer import load_gazetteer

    try:
        return load_gazetteer(make_engine(settings.database_url), standard)
    except SQLAlchemyError as exc:
        raise click.ClickException(f"无法从地址库加载地名：{exc}") from None


def _gazetteer(
    names: str, reference_dir: Path | None, settings: Settings, standard: AddressStandard
) -> Gazetteer:
    if names == "registry":
        return _registry_gazetteer(settings, standard)
    try:
        return shipped_gazetteer(settings.standard_dir, reference_dir)
    except ReferenceDataError as exc:
        raise click.ClickException(f"地名参考数据有误：{exc}") from None


@click.command("parse")
@click.argument("text", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", help="输出格式")
@click.option("--labels", type=click.Choice(["standard", "ccks"]), default="standard", help="要素标签体系")
@click.option(
    "--names",
    type=click.Choice(["reference", "registry"]),
    default="reference",
    show_default=True,
    help="地名来源：随软件发布的参考数据，或地址库数据库",
)
@click.option(
    "--reference-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="另一份参考数据目录（格式同 addressreg/reference/data），默认使用随软件发布的数据",
)
def parse_command(text: str | None, fmt: str, labels: str, names: str, reference_dir: Path | None) -> None:
    """把地址切分为标准要素（区、街道、社区、路街巷、门牌号、小区、楼栋、单元、楼层、房号）。"""
    settings = settings_from_env()
    standard = cached_standard(settings.standard_dir)
    gazetteer = _gazetteer(names, reference_dir, settings, standard)
    if fmt == "jsonl":
        if text is not None:
            raise click.UsageError("jsonl 格式从标准输入读取，不接受 TEXT 参数")
        for obj in jsonl_lines(sys.stdin, gazetteer, standard, labels):
            click.echo(json.dumps(obj, ensure_ascii=False))
        return
    if text is None:
        raise click.UsageError("请提供要解析的地址 TEXT，或使用 --format jsonl 从标准输入读取")
    parsed = parse(text, gazetteer, standard)
    if labels == "ccks":
        click.echo(json.dumps(_elements(parsed, standard, labels), ensure_ascii=False))
        return
    _print_elements(parsed, standard, sys.stdout)
