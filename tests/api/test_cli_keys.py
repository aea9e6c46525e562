"""``addressreg keys create / list / revoke`` against the real PostGIS."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, text

from addressreg.cli import main
from addressreg.store.keys import hash_token

pytestmark = pytest.mark.postgis


def test_create_list_and_revoke_a_key(api_registry_url: str, api_engine: Engine) -> None:
    runner = CliRunner()
    env = {"ADDRESSREG_DATABASE_URL": api_registry_url}
    made = runner.invoke(
        main,
        ["keys", "create", "--dept", "water", "--dept-name", "水务", "--scopes", "read,resolve"],
        env=env,
    )
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[-1]
    prefix = token.split(".")[0]
    with api_engine.connect() as conn:
        row = conn.execute(
            text("SELECT secret_hash, scopes FROM api_key WHERE prefix = :p"), {"p": prefix}
        ).one()
        audited = conn.execute(text("SELECT count(*) FROM audit_log WHERE code = :p"), {"p": prefix}).scalar()
    assert row.secret_hash == hash_token(token) and row.scopes == ["read", "resolve"] and audited == 1
    listed = runner.invoke(main, ["keys", "list"], env=env)
    assert prefix in listed.stdout and token not in listed.stdout
    assert runner.invoke(main, ["keys", "revoke", prefix], env=env).exit_code == 0
    again = runner.invoke(main, ["keys", "revoke", prefix], env=env)
    assert again.exit_code != 0 and "无法吊销" in again.output and "没有前缀为" in again.output


def test_bad_scopes_or_unknown_departments_are_refused_in_chinese(api_registry_url: str) -> None:
    env = {"ADDRESSREG_DATABASE_URL": api_registry_url}
    runner = CliRunner()
    bad = runner.invoke(main, ["keys", "create", "--dept", "police", "--scopes", "read,root"], env=env)
    assert bad.exit_code != 0 and "无法创建密钥" in bad.output and "root" in bad.output
    unknown = runner.invoke(main, ["keys", "create", "--dept", "nowhere", "--scopes", "read"], env=env)
    assert unknown.exit_code != 0 and "nowhere" in unknown.output and "--dept-name" in unknown.output
    assert "unknown" not in unknown.output  # the staff read Chinese, not the log's English
