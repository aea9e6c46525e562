"""``addressreg keys``: create, list and revoke the API keys of department systems."""

from __future__ import annotations

import click

from addressreg.cli.common import current_settings, engine_for, reports_database_errors
from addressreg.store.api_schema import SCOPES
from addressreg.store.keys import KeyRequestError, create_key, list_keys, revoke_key


@click.group("keys")
def keys_command() -> None:
    """API 密钥管理（按部门发放，只保存哈希）。"""


@keys_command.command("create")
@click.option("--dept", "department", default=None, help="部门代码（管理员密钥可省略）。")
@click.option("--dept-name", default=None, help="部门名称：部门尚未登记时用它登记。")
@click.option(
    "--scopes", required=True, help=f"权限，逗号分隔：{', '.join(SCOPES)}（sync-write 仅限本部门）。"
)
@click.option("--label", default="", help="备注（例如调用系统的名称）。")
@reports_database_errors
def create(department: str | None, dept_name: str | None, scopes: str, label: str) -> None:
    """创建密钥；密钥只显示这一次，请妥善保存。"""
    wanted = [s.strip() for s in scopes.split(",") if s.strip()]
    try:
        issued = create_key(
            engine_for(current_settings()), department, wanted, label=label, department_name=dept_name
        )
    except KeyRequestError as exc:
        raise click.ClickException(f"无法创建密钥：{exc.staff_message}") from None
    click.echo(
        f"已创建密钥 {issued.info.prefix}（部门 {department or '（管理员）'}，权限 {','.join(wanted)}）",
        err=True,
    )
    click.echo("密钥只显示这一次：", err=True)
    click.echo(issued.token)


@keys_command.command("list")
@reports_database_errors
def list_command() -> None:
    """列出全部密钥（不含密钥本身）。"""
    for key in list_keys(engine_for(current_settings())):
        state = f"已吊销 {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "有效"
        scopes = ",".join(sorted(key.scopes))
        click.echo(f"{key.prefix}\t{key.department_code or '-'}\t{scopes}\t{state}\t{key.label}")


@keys_command.command("revoke")
@click.argument("prefix")
@reports_database_errors
def revoke(prefix: str) -> None:
    """吊销前缀为 PREFIX 的密钥（30 秒内在所有进程失效）。"""
    try:
        revoke_key(engine_for(current_settings()), prefix)
    except KeyRequestError as exc:
        raise click.ClickException(f"无法吊销：{exc.staff_message}") from None
    click.echo(f"已吊销密钥 {prefix}", err=True)
