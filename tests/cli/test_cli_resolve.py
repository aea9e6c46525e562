"""``addressreg resolve TEXT`` on the seeded tiny registry: best and runner-up as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.standard_address import load_address_format
from addressreg.store.facts import sample_room_facts

pytestmark = pytest.mark.postgis


def _resolve(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": url}
    command = [sys.executable, "-m", "addressreg.cli", "resolve", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_resolve_prints_best_and_runner_up(tiny_registry_url: str) -> None:
    fact = sample_room_facts(
        create_engine(tiny_registry_url), 1, 11, load_address_format(DEFAULT_STANDARD_DIR)
    )[0]
    result = _resolve(tiny_registry_url, fact.standard_text)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["code"] == fact.code and out["category"] == "A"
    assert "runner_up" in out and out["best"]["code"] == fact.code


def test_empty_text_is_refused_in_chinese(tiny_registry_url: str) -> None:
    result = _resolve(tiny_registry_url, "  ")
    assert result.returncode != 0
    assert "不能为空" in result.stderr


def test_unreachable_database_is_reported_in_chinese() -> None:
    result = _resolve("postgresql+psycopg://nobody:x@127.0.0.1:1/none", "南山区")
    assert result.returncode != 0
    assert "无法连接数据库" in result.stderr
