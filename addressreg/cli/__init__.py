"""The ``addressreg`` command line: thin click commands over the core and the store.

Each sub-command lives in its own module and is registered here. Adapters outside the
core (``loaders/``) plug their commands in through the entry-point groups
``addressreg.commands`` and ``addressreg.generate_commands`` (see ``setup.cfg``), so the
core never imports them. The sub-commands are attached on first use, not at import, so
an adapter's module may import ``addressreg.cli`` helpers in any order.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import click


class _CommandsOnFirstUse(click.Group):
    """A group whose sub-commands are registered the first time any is looked up."""

    registered = False

    def _ensure_registered(self) -> None:
        if not self.registered:
            self.registered = True
            _register(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._ensure_registered()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._ensure_registered()
        return super().get_command(ctx, cmd_name)


@click.group(cls=_CommandsOnFirstUse)
@click.version_option(package_name="addressreg")
def main() -> None:
    """深圳市统一地址库（一码多址）命令行工具。"""


def _register(group: click.Group) -> None:
    """Attach the sub-commands (imported here so that ``--help`` lists them all)."""
    from addressreg.cli.clean import clean_command
    from addressreg.cli.compare import compare_command
    from addressreg.cli.db import db_command
    from addressreg.cli.generate import generate_command
    from addressreg.cli.keys import keys_command
    from addressreg.cli.parse import parse_command
    from addressreg.cli.resolve import resolve_command
    from addressreg.cli.review import review_command
    from addressreg.cli.seed import seed_command, status_command
    from addressreg.cli.serve import serve_command

    commands = (
        db_command,
        seed_command,
        status_command,
        generate_command,
        parse_command,
        clean_command,
        compare_command,
        resolve_command,
        keys_command,
        serve_command,
        review_command,
    )
    for command in commands:
        group.add_command(command)
    for name, parent in (("addressreg.commands", group), ("addressreg.generate_commands", generate_command)):
        for point in entry_points(group=name):
            parent.add_command(point.load(), point.name)
