"""``addressreg seed`` and ``addressreg status``: build the registry from reference data, report it."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from addressreg.cli.common import current_settings, engine_for, reports_database_errors
from addressreg.normalise import normalise, shipped_rules
from addressreg.reference import ReferenceDataError, load_reference
from addressreg.seed import build_seed
from addressreg.standard import InvalidStandard, load_code_layout
from addressreg.standard_address import load_address_format
from addressreg.store.seeding import RegistryNotEmpty, database_size, seed_database, seeded_as, table_counts

TABLE_NAMES = {
    "admin_unit": "行政单元（区/街道/社区/网格）",
    "road": "路街巷",
    "door_plate": "门牌",
    "complex": "小区",
    "building": "楼栋",
    "room": "房",
    "address": "地址（一码多址）",
    "department_record": "部门记录",
    "change_transaction": "变更事务",
    "change_event": "变更事件",
}


@click.command("seed")
@click.option(
    "--scale",
    type=click.Choice(["tiny", "demo", "city"]),
    default="demo",
    show_default=True,
    help="规模：tiny 用于测试，demo 约 2 万栋，city 为全市规模（约 79 万栋、1280 万间房）。",
)
@click.option("--seed", "seed", type=int, default=1, show_default=True, help="随机种子（相同种子结果相同）。")
@click.option("--if-empty", is_flag=True, help="地址库已按相同规模和种子建好时直接跳过。")
@click.option(
    "--reference-dir", type=click.Path(path_type=Path), default=None, help="参考数据目录（默认随包发布）。"
)
@reports_database_errors
def seed_command(scale: str, seed: int, if_empty: bool, reference_dir: Path | None) -> None:
    """由真实参考数据生成地址库（行政区划、街道边界、小区、道路 + 合成楼栋与房屋）。"""
    settings = current_settings()
    console = Console(stderr=True)
    try:
        layout = load_code_layout(settings.standard_dir)
        address_format = load_address_format(settings.standard_dir)
        reference = load_reference(reference_dir)
    except (InvalidStandard, ReferenceDataError) as exc:
        raise click.ClickException(f"参考数据有误，地址库未改动：{exc}") from None
    engine = engine_for(settings)
    with engine.connect() as conn:
        existing = seeded_as(conn)
    if existing and if_empty and existing.get("scale") == scale and existing.get("seed") == seed:
        console.print(f"地址库已存在（规模 {scale}，种子 {seed}），跳过生成。")
        return
    started = time.perf_counter()
    with console.status(f"正在生成 {scale} 规模地址库…"):
        registry = build_seed(reference, layout, scale, seed, address_format)  # type: ignore[arg-type]
        built = time.perf_counter()
        meta = {"scale": scale, "seed": seed, "standard": layout.version}
        try:
            normaliser = partial(normalise, rules=shipped_rules(settings.standard_dir))
            counts = seed_database(engine, registry, normaliser, meta)
        except RegistryNotEmpty as exc:
            raise click.ClickException(
                f"地址库不为空（已按 {exc.seeded_as} 生成）；如需重建请运行 `addressreg db reset --yes`"
            ) from None
    loaded = time.perf_counter()
    console.print(
        f"生成 {built - started:.1f} 秒，写入数据库 {loaded - built:.1f} 秒；"
        f"楼栋 {counts.buildings:,}，房 {counts.rooms:,}，地址 {counts.addresses:,}。"
    )


@click.command("status")
@reports_database_errors
def status_command() -> None:
    """显示地址库的内容和查询方法。"""
    engine = engine_for(current_settings())
    counts = table_counts(engine)
    with engine.connect() as conn:
        meta = seeded_as(conn)
    title = (
        f"地址库（规模 {meta['scale']}，种子 {meta['seed']}，规范 {meta['standard']}）"
        if meta
        else "地址库（尚未生成）"
    )
    table = Table(title=title)
    table.add_column("内容")
    table.add_column("数量", justify="right")
    for name, count in counts.items():
        table.add_row(TABLE_NAMES.get(name, name), f"{count:,}")
    table.add_row("数据库大小", f"{database_size(engine) / 2**20:,.0f} MiB")
    console = Console()
    console.print(table)
    console.print("查询示例：addressreg parse '深圳市宝安区新安街道上川社区上合花园5栋1203'")
