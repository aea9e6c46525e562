"""A sub-command is imported when it runs: a run pays only for its own command's imports."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from addressreg.cli import CORE_COMMANDS, main

PROBE = """
import sys
from click.testing import CliRunner
from addressreg.cli import main
result = CliRunner().invoke(main, ["parse", "--help"])
assert result.exit_code == 0, result.output
print(sorted(m for m in sys.modules if m.startswith("addressreg.cli.")))
"""


def test_running_one_command_imports_only_its_module() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['addressreg.cli.parse']"


def test_help_lists_every_core_command_and_the_adapters() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == {*CORE_COMMANDS, "load", "conflicts"}


def test_an_unknown_command_is_refused_by_name() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2 and "no-such-command" in result.output
