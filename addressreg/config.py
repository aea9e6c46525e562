"""Settings read once from the environment by the CLI and the web app, then passed in.

``ADDRESSREG_DATABASE_URL``: SQLAlchemy URL of the PostGIS database (psycopg 3 driver).
``ADDRESSREG_STANDARD_DIR``: directory of the address standard's data files.
Nothing else reads the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STANDARD_DIR = PROJECT_ROOT / "standards" / "shenzhen-2017"
DATABASE_URL_FILE = PROJECT_ROOT / "var" / "database_url"


class ConfigError(Exception):
    """A required setting is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    """Where the registry lives and which standard it follows."""

    database_url: str | None
    standard_dir: Path

    def require_database_url(self) -> str:
        """The database URL, or a ConfigError saying how to provide one."""
        if not self.database_url:
            raise ConfigError(
                "no database: set ADDRESSREG_DATABASE_URL or start the local cluster with `make db`"
            )
        return self.database_url


def settings_from_env(env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from environment variables, falling back to the local cluster's URL file."""
    env = os.environ if env is None else env
    url = env.get("ADDRESSREG_DATABASE_URL") or None
    if url is None and DATABASE_URL_FILE.is_file():
        url = DATABASE_URL_FILE.read_text(encoding="utf-8").strip() or None
    standard_dir = Path(env.get("ADDRESSREG_STANDARD_DIR") or DEFAULT_STANDARD_DIR)
    return Settings(database_url=url, standard_dir=standard_dir)
