"""``addressreg serve``: run the HTTP API under gunicorn.

With ``--preload`` (the default) the app and its in-memory index are built once in the
master and shared copy-on-write by the forked workers (the app closes its connections before
the fork and freezes its objects out of the garbage collector); ``--no-preload`` builds one
app per worker.
"""

from __future__ import annotations

import os
import shutil
import sys

import click

from addressreg.cli.common import current_settings, database_url

#: gunicorn's app factory call.
APP_FACTORY = "api.wsgi:app_from_env({config})"


def _default_workers() -> int:
    return (os.cpu_count() or 1) + 1


@click.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="监听地址。")
@click.option("--workers", type=int, default=None, help="工作进程数（默认 CPU 核数 + 1）。")
@click.option("--threads", type=int, default=1, show_default=True, help="每个进程的线程数。")
@click.option("--rate-limit", default=None, help="每个密钥的限流（每进程），例如 '6000 per minute'。")
@click.option("--access-log/--no-access-log", default=False, show_default=True, help="是否输出访问日志。")
@click.option(
    "--preload/--no-preload", default=True, show_default=True, help="在主进程加载索引，各工作进程共享。"
)
def serve_command(
    bind: str, workers: int | None, threads: int, rate_limit: str | None, access_log: bool, preload: bool
) -> None:
    """用 gunicorn 提供 HTTP API（/v1，文档在 /docs）。"""
    database_url(current_settings())  # fail early, in Chinese, when no database is configured
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
    if gunicorn is None:
        raise click.ClickException("找不到 gunicorn；请先运行 `make` 安装依赖")
    config = f"rate_limit={rate_limit!r}" if rate_limit else ""
    args = [
        gunicorn,
        "--bind",
        bind,
        "--workers",
        str(workers or _default_workers()),
        "--threads",
        str(threads),
        "--timeout",
        "120",
        "--graceful-timeout",
        "10",
    ]
    if access_log:
        args += ["--access-logfile", "-"]
    if preload:
        args.append("--preload")
    args.append(APP_FACTORY.format(config=config))
    click.echo(f"地址库 API：http://{bind}/v1 （文档 http://{bind}/docs）", err=True)
    os.execv(gunicorn, args)
