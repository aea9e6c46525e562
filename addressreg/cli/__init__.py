"""The ``addressreg`` command line: thin click commands over the core and the store.

Each sub-command lives in its own module and is named here. Adapters outside the core
(``loaders/``) plug their commands in through the entry-point groups
``addressreg.commands`` and ``addressreg.generate_commands`` (see ``setup.cfg``), so the
core never imports them. A sub-command is imported when it is looked up, not at import, so
a run pays only for its own command's imports and an adapter's module may import
``addressreg.cli`` helpers in any order.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

import click

# name → "module:attribute" of the core's sub-commands; each module is imported only when its
# command runs (importing them all took ~1 s, ``clean`` alone needs ~0.6 s of it).
CORE_COMMANDS = {
    "db": "addressreg.cli.db:db_command",
    "seed": "addressreg.cli.seed:seed_command",
    "status": "addressreg.cli.seed:status_command",
    "generate": "addressreg.cli.generate:generate_command",
    "parse": "addressreg.cli.parse:parse_command",
    "clean": "addressreg.cli.clean:clean_command",
    "compare": "addressreg.cli.compare:compare_command",
    "resolve": "addressreg.cli.resolve:resolve_command",
    "keys": "addressreg.cli.keys:keys_command",
    "serve": "addressreg.cli.serve:serve_command",
    "review": "addressreg.cli.review:review_command",
}
ADAPTER_COMMANDS = "addressreg.commands"
ADAPTER_GENERATE_COMMANDS = "addressreg.generate_commands"


class _CommandsOnFirstUse(click.Group):
    """A group whose sub-commands are imported when they are looked up: the core's from
    ``CORE_COMMANDS``, the adapters' from their entry points (and ``generate`` gets the
    adapters' generate sub-commands when it is loaded)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*CORE_COMMANDS, *(point.name for point in entry_points(group=ADAPTER_COMMANDS))})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = self.commands.get(cmd_name)
        if found is None:
            found = _load_command(cmd_name)
            if found is not None:
                self.add_command(found, cmd_name)
        return found


@click.group(cls=_CommandsOnFirstUse)
@click.version_option(package_name="addressreg")
def main() -> None:
    """深圳市统一地址库（一码多址）命令行工具。"""


def _load_command(name: str) -> click.Command | None:
    """The sub-command ``name``, imported now (None if there is none)."""
    target = CORE_COMMANDS.get(name)
    if target is None:
        points = [point for point in entry_points(group=ADAPTER_COMMANDS) if point.name == name]
        return points[0].load() if points else None
    module, attribute = target.split(":")
    command: click.Command = getattr(import_module(module), attribute)
    if name == "generate" and isinstance(command, click.Group):
        for point in entry_points(group=ADAPTER_GENERATE_COMMANDS):
            command.add_command(point.load(), point.name)
    return command
