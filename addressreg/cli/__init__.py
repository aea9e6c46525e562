"""The ``addressreg`` command line: thin click commands over the core and the store.

Each sub-command lives in its own module and is registered here.
"""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="addressreg")
def main() -> None:
    """深圳市统一地址库（一码多址）命令行工具。"""


def _register() -> None:
    """Attach the sub-commands (imported here so that ``--help`` lists them all)."""
    from addressreg.cli.db import db_command
    from addressreg.cli.generate import generate_command
    from addressreg.cli.seed import seed_command, status_command

    for command in (db_command, seed_command, status_command, generate_command):
        main.add_command(command)


_register()


from addressreg.cli.parse import parse_command  # noqa: E402  (sub-commands register after main exists)

main.add_command(parse_command)
