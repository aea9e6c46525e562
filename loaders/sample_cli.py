"""``addressreg generate department-files``: a sample file for every department, with truth."""

from __future__ import annotations

import zlib
from pathlib import Path

import click
from rich.console import Console

from addressreg.cli.common import current_settings, engine_for, reports_database_errors
from addressreg.records import InvalidFacts, index_registry, load_noise_mix
from addressreg.standard import InvalidStandard
from addressreg.standard_address import load_address_format
from addressreg.store.departments import building_points
from addressreg.store.facts import registry_names, sample_room_facts
from loaders.cli import specs_option
from loaders.department_files import write_department_file
from loaders.errors import InvalidSpec
from loaders.spec_loading import load_specs
from loaders.writers import UnwritableSample

POOL_FACTOR = 4  # departments draw from a shared pool of rooms this many times --n, so they overlap


@click.command("department-files")
@click.option(
    "--dept", "departments", default="all", show_default=True, help="部门代码（逗号分隔），或 all。"
)
@click.option("--n", "n", type=click.IntRange(min=1), default=200, show_default=True, help="每部门记录条数。")
@click.option("--seed", type=int, default=1, show_default=True, help="随机种子。")
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True, help="输出目录。"
)
@specs_option
@reports_database_errors
def department_files_command(departments: str, n: int, seed: int, output: Path, specs_dir: Path) -> None:
    """按各部门的文件格式、编码、坐标系和书写习惯，从地址库生成样例文件（附真值列）。"""
    settings = current_settings()
    try:
        specs = load_specs(specs_dir)
        mix = load_noise_mix(settings.standard_dir)
        fmt = load_address_format(settings.standard_dir)
    except (InvalidSpec, InvalidStandard) as exc:
        raise click.ClickException(f"规格数据有误：{exc}") from None
    chosen = list(specs) if departments == "all" else [d.strip() for d in departments.split(",") if d.strip()]
    unknown = [d for d in chosen if d not in specs]
    if unknown:
        raise click.ClickException(f"未知部门：{'、'.join(unknown)}；已知：{', '.join(specs)}")
    engine = engine_for(settings)
    facts = sample_room_facts(engine, n * POOL_FACTOR, seed, fmt)
    if not facts:
        raise click.ClickException("地址库为空：请先运行 `addressreg seed`")
    known = index_registry(*registry_names(engine), mix.vocabulary)
    with engine.connect() as conn:
        buildings = building_points(conn, {f.code[:19] for f in facts})
    output.mkdir(parents=True, exist_ok=True)
    console = Console(stderr=True)
    for code in chosen:
        own_seed = zlib.crc32(f"{seed}:{code}".encode())  # the same file whichever others are asked for
        try:
            path = write_department_file(specs[code], facts, n, own_seed, mix, known, buildings, output)
        except (InvalidFacts, UnwritableSample) as exc:
            raise click.ClickException(f"无法生成 {code} 的样例文件：{exc}") from None
        console.print(f"{specs[code].name}（{code}）：{n:,} 条 → {path}")
