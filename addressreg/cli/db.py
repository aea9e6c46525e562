"""``addressreg db``: apply, revert and inspect the schema migrations."""

from __future__ import annotations

import click

from addressreg.cli.common import current_settings, database_url, reports_database_errors
from addressreg.store import engine as store_engine


@click.group("db")
def db_command() -> None:
    """数据库结构迁移（Alembic）。"""


@db_command.command("upgrade")
@click.argument("revision", default="head")
@reports_database_errors
def upgrade(revision: str) -> None:
    """升级数据库结构到 REVISION（默认最新）。"""
    store_engine.upgrade(database_url(current_settings()), revision)
    click.echo(f"数据库结构已升级到 {revision}", err=True)


@db_command.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="确认：降级会删除数据。")
@reports_database_errors
def downgrade(revision: str, yes: bool) -> None:
    """降级数据库结构到 REVISION（base 表示删除全部表）。"""
    if not yes:
        raise click.ClickException("降级会删除数据；确认请加 --yes")
    store_engine.downgrade(database_url(current_settings()), revision)
    click.echo(f"数据库结构已降级到 {revision}", err=True)


@db_command.command("reset")
@click.option("--yes", is_flag=True, help="确认：清空整个地址库。")
@reports_database_errors
def reset(yes: bool) -> None:
    """清空地址库并重建结构（删除所有数据）。"""
    if not yes:
        raise click.ClickException("该操作会删除整个地址库；确认请加 --yes")
    url = database_url(current_settings())
    store_engine.downgrade(url, "base")
    store_engine.upgrade(url, "head")
    click.echo("地址库已清空并重建结构", err=True)
