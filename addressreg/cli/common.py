"""What every CLI command shares: settings, the engine, and error reporting in Chinese."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from addressreg.config import ConfigError, Settings, settings_from_env
from addressreg.store.engine import make_engine

P = ParamSpec("P")
R = TypeVar("R")


def current_settings() -> Settings:
    """Settings from the environment (read once per command)."""
    return settings_from_env()


def database_url(settings: Settings) -> str:
    """The database URL, or a click error saying how to provide one."""
    try:
        return settings.require_database_url()
    except ConfigError as exc:
        raise click.ClickException(f"未配置数据库：{exc}") from None


def engine_for(settings: Settings) -> Engine:
    """An engine on the configured database."""
    return make_engine(database_url(settings))


def reports_database_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a refused database connection into a one-line message instead of a trace."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise click.ClickException(f"无法连接数据库（{reason}）；请先运行 `make db`") from None

    return wrapper
