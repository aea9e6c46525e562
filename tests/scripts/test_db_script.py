"""Tests of scripts/db.sh, the manager of the PostgreSQL 15 + PostGIS 3 server.

Most tests run the script (or one of its functions, by sourcing it) from a copy placed in a
temporary checkout, so they never touch the repository's own var/ or start a server. The one
test marked ``postgis`` drives the repository's real cluster (or ADDRESSREG_DATABASE_URL).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "db.sh"
PORT_BASE = 55000
PORT_SPAN = 2000


def checkout_copy(parent: Path, name: str = "checkout") -> Path:
    """A copy of scripts/db.sh inside a fresh fake checkout; returns the copied script."""
    script = parent / name / "scripts" / "db.sh"
    script.parent.mkdir(parents=True)
    shutil.copy2(SCRIPT, script)
    return script


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without ADDRESSREG_DATABASE_URL, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "ADDRESSREG_DATABASE_URL"}
    env.update(extra)
    return env


def run_script(
    script: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the script as a command."""
    return subprocess.run(
        [str(script), *args], capture_output=True, text=True, env=env or clean_env(), timeout=60, check=False
    )


def call_function(
    script: Path, shell_code: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Source the script in bash, then run ``shell_code`` (which may redefine functions first)."""
    return subprocess.run(
        ["bash", "-c", f'source "$1"\n{shell_code}', "db-script-test", str(script)],
        capture_output=True,
        text=True,
        env=env or clean_env(),
        timeout=60,
        check=False,
    )


def free_port_in_range() -> int:
    """A port of the script's range that nothing listens on right now."""
    for port in range(PORT_BASE + PORT_SPAN - 1, PORT_BASE, -1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise AssertionError("no free port in the script's range")


def test_unknown_command_prints_usage_and_exits_2(tmp_path: Path) -> None:
    result = run_script(checkout_copy(tmp_path), "start-everything")
    assert result.returncode == 2
    assert "usage: scripts/db.sh ensure|stop|status|url|destroy" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql+psycopg://u:p@db.example:5433/reg", "postgresql://u:p@db.example:5433/reg"),
        ("postgresql://u@localhost/reg?sslmode=require", "postgresql://u@localhost/reg?sslmode=require"),
        ("postgres://u:p@h/reg", "postgresql://u:p@h/reg"),
    ],
)
def test_libpq_url_drops_the_sqlalchemy_driver(tmp_path: Path, given: str, expected: str) -> None:
    result = call_function(checkout_copy(tmp_path), f"libpq_url '{given}'")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_redact_masks_only_the_password(tmp_path: Path) -> None:
    result = call_function(checkout_copy(tmp_path), "redact 'postgresql+psycopg://reg:s3cret@h:5432/reg'")
    assert result.stdout.strip() == "postgresql+psycopg://reg:***@h:5432/reg"


def test_external_url_of_another_scheme_is_refused_without_leaking_password(tmp_path: Path) -> None:
    env = clean_env(ADDRESSREG_DATABASE_URL="mysql://reg:s3cret@h/reg")
    result = run_script(checkout_copy(tmp_path), "ensure", env=env)
    assert result.returncode == 1
    assert "ADDRESSREG_DATABASE_URL must start with postgresql" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout


def test_unreachable_external_server_fails_clearly(tmp_path: Path) -> None:
    port = free_port_in_range()
    env = clean_env(ADDRESSREG_DATABASE_URL=f"postgresql+psycopg://reg:s3cret@127.0.0.1:{port}/reg")
    result = run_script(checkout_copy(tmp_path), "ensure", env=env)
    assert result.returncode == 1
    assert f"127.0.0.1:{port}/reg) does not answer" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout
    assert not (tmp_path / "checkout" / "var").exists(), "an external URL must not touch var/"


def test_preferred_port_and_cluster_name_follow_the_checkout_path(tmp_path: Path) -> None:
    first, second = checkout_copy(tmp_path, "one"), checkout_copy(tmp_path, "two")
    code = "preferred_port; preferred_port; debian_cluster_name"
    first_out = call_function(first, code).stdout.split()
    second_out = call_function(second, code).stdout.split()
    assert first_out[0] == first_out[1], "the port must be stable for one checkout"
    assert all(PORT_BASE <= int(port) < PORT_BASE + PORT_SPAN for port in first_out[:2] + second_out[:2])
    assert re.fullmatch(r"addressreg_\d+", first_out[2])
    assert first_out[2] != second_out[2], "two checkouts must get two Debian cluster names"


def test_free_port_from_skips_a_port_someone_else_listens_on(tmp_path: Path) -> None:
    script = checkout_copy(tmp_path)
    port = free_port_in_range()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", port))
        listener.listen()
        taken = call_function(script, f"free_port_from {port}")
    free = call_function(script, f"free_port_from {port}")
    assert taken.returncode == 0, taken.stderr
    assert int(taken.stdout) != port
    assert PORT_BASE <= int(taken.stdout) < PORT_BASE + PORT_SPAN
    assert int(free.stdout) == port


def test_status_without_a_cluster_says_none_and_exits_3(tmp_path: Path) -> None:
    result = run_script(checkout_copy(tmp_path), "status")
    assert result.returncode == 3
    assert result.stdout.startswith("none: no local cluster recorded in ")


def test_stop_without_a_cluster_is_a_no_op(tmp_path: Path) -> None:
    result = run_script(checkout_copy(tmp_path), "stop")
    assert result.returncode == 0
    assert "nothing to stop" in result.stderr


def test_url_needs_a_cluster_or_the_environment(tmp_path: Path) -> None:
    script = checkout_copy(tmp_path)
    missing = run_script(script, "url")
    given = run_script(script, "url", env=clean_env(ADDRESSREG_DATABASE_URL="postgresql://h/reg"))
    assert missing.returncode == 1
    assert "run scripts/db.sh ensure" in missing.stderr
    assert given.stdout == "postgresql://h/reg\n"


@pytest.mark.parametrize(
    ("record", "complaint"),
    [
        ("kind=weird\nport=55001\n", "kind must be var or debian, not 'weird'"),
        ("kind=var\nport=5x\nowner=postgres\n", "port must be a number, not '5x'"),
        ("kind=var\nport=55001\ncolour=blue\n", "line 3: unknown key 'colour'"),
        ("kind=debian\nport=55001\nname=addressreg_1\nroot=/elsewhere\n", "of checkout '/elsewhere'"),
    ],
)
def test_a_bad_cluster_record_is_refused_naming_file_and_fault(
    tmp_path: Path, record: str, complaint: str
) -> None:
    script = checkout_copy(tmp_path)
    record_file = script.parent.parent / "var" / "pg" / "cluster"
    record_file.parent.mkdir(parents=True)
    record_file.write_text(record, encoding="utf-8")
    result = run_script(script, "status")
    assert result.returncode == 1
    assert str(record_file) in result.stderr
    assert complaint in result.stderr


@pytest.mark.parametrize(("candidate", "updates"), [("3.3.2+dfsg-1+b1", False), ("(none)", True)])
def test_apt_install_refreshes_lists_only_without_a_candidate(
    tmp_path: Path, candidate: str, updates: bool
) -> None:
    log = tmp_path / "apt.log"
    fakes = (
        f"apt-cache() {{ printf 'p:\\n  Installed: (none)\\n  Candidate: %s\\n' '{candidate}'; }}\n"
        f"apt-get() {{ echo \"apt-get $*\" >>'{log}'; }}\n"
        "apt_install postgresql-15-postgis-3"
    )
    result = call_function(checkout_copy(tmp_path), fakes)
    assert result.returncode == 0, result.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert (calls[0] == "apt-get update -q") is updates
    assert calls[-1].endswith(
        "install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 postgresql-15-postgis-3"
    )
    assert len(calls) == (2 if updates else 1)


def test_a_non_root_user_without_the_server_is_told_what_to_install(tmp_path: Path) -> None:
    env = clean_env(ADDRESSREG_PG_BINDIR=str(tmp_path / "no-bin"))
    result = call_function(
        checkout_copy(tmp_path), "is_root() { return 1; }\nensure_server_packages", env=env
    )
    assert result.returncode == 1
    assert "Install it with: sudo apt-get install -y postgresql-15" in result.stderr


@pytest.mark.postgis
def test_ensure_gives_a_postgis_database_and_reuses_it_quickly() -> None:
    first = run_script(SCRIPT, "ensure", env=dict(os.environ))
    started = time.monotonic()
    second = run_script(SCRIPT, "ensure", env=dict(os.environ))
    elapsed = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert elapsed < 2.0, f"a second ensure took {elapsed:.2f} s"
    url = second.stdout.splitlines()[-1]
    assert url == run_script(SCRIPT, "url", env=dict(os.environ)).stdout.strip()
    libpq = re.sub(r"^postgresql\+psycopg://", "postgresql://", url)
    query = "select postgis_full_version(), (select count(*) from pg_extension where extname = 'pg_trgm')"
    answer = subprocess.run(
        ["psql", "-X", "-w", "-At", "-d", libpq, "-c", query],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.startswith('POSTGIS="3.')
    assert answer.stdout.strip().endswith("|1")
