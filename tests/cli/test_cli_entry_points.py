"""The adapters' commands plug into ``addressreg`` through entry points (the core never imports them)."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from addressreg.cli import main


def test_loader_commands_are_reachable_from_the_main_command() -> None:
    runner = CliRunner()
    top = runner.invoke(main, ["--help"])
    generate = runner.invoke(main, ["generate", "--help"])
    assert top.exit_code == 0 and generate.exit_code == 0
    assert "load" in top.output.split() and "conflicts" in top.output.split()
    assert "department-files" in generate.output.split()


def test_load_reports_an_unknown_department_in_chinese_or_names_it(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["load", "no_such_dept", "missing.csv"])
    assert result.exit_code != 0
    assert "no_such_dept" in result.output


def test_an_adapter_module_imports_before_the_cli() -> None:
    """Importing ``loaders.cli`` first (it imports ``addressreg.cli`` helpers) must work."""
    code = "import loaders.cli, addressreg.cli; print(sorted(addressreg.cli.main.list_commands(None)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "load" in done.stdout and "clean" in done.stdout
