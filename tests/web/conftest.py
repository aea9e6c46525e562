"""Fixtures of the staff page tests: a writable tiny registry, the app on it, a live server, Chromium.

The browser is Debian's ``chromium`` driven by Playwright for Python (never ``playwright
install``); when ``/usr/bin/chromium`` is missing and we are root, it is installed with
apt, else the tests fail with the command to run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from werkzeug.serving import make_server

from addressreg.config import Settings
from addressreg.store.resolver import load_resolver
from api.app import create_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LEAFLET = ROOT / "api" / "web" / "static" / "vendor" / "leaflet" / "leaflet.js"


@pytest.fixture(scope="session")
def web_registry_url(tiny_registry_factory: Callable[[str], str]) -> str:
    """A tiny registry (seed 7) of the web tests' own, which they write to; dropped afterwards."""
    return tiny_registry_factory("web")


@pytest.fixture(scope="session")
def web_engine(web_registry_url: str) -> Iterator[Engine]:
    engine = create_engine(web_registry_url, pool_size=4)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def web_settings(web_registry_url: str, settings: Settings) -> Settings:
    return Settings(database_url=web_registry_url, standard_dir=settings.standard_dir)


@pytest.fixture(scope="session")
def web_app(web_settings: Settings, web_engine: Engine) -> Any:
    resolver = load_resolver(web_engine, web_settings.standard_dir)
    return create_app(web_settings, resolver=resolver, config={"POOL_SIZE": 4})


@pytest.fixture(scope="session")
def buildings(web_engine: Engine) -> list[tuple[str, str]]:
    """(code, standard address) of the registry's buildings that have one, by code."""
    with web_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT b.code, a.text FROM building b JOIN address a ON a.code = b.code "
                "AND a.kind = 'standard' ORDER BY b.code"
            )
        ).all()
    return [(r[0], r[1]) for r in rows]


@pytest.fixture(scope="session")
def add_c_record(web_engine: Engine) -> Callable[[str, str, str, str], None]:
    """Write a category C department record the way a load does (department 'police')."""

    def add(record_id: str, raw_text: str, best_code: str, runner_up_code: str) -> None:
        resolution = {
            "category": "C",
            "code": best_code,
            "explanation": {"agreed": [], "differed": ["building"], "missing": [], "note": "runner-up close"},
            "best": {"code": best_code, "standard_address": f"best of {raw_text}", "score": 0.71},
            "runner_up": {"code": runner_up_code, "standard_address": "runner-up", "score": 0.69},
        }
        source = {"file": "police.csv", "row": 2, "hash": record_id}
        explanation = {"resolution": resolution, "source": source}
        with web_engine.begin() as conn:
            conn.execute(text("INSERT INTO department VALUES ('police', '公安') ON CONFLICT DO NOTHING"))
            conn.execute(
                text(
                    "INSERT INTO department_record (department_code, record_id, raw_text, code, category, "
                    "score, explanation) VALUES ('police', :r, :t, :c, 'C', 0.71, CAST(:e AS jsonb))"
                ),
                {"r": record_id, "t": raw_text, "c": best_code, "e": json.dumps(explanation)},
            )

    return add


@pytest.fixture(scope="session")
def live_server(web_app: Any) -> Iterator[str]:
    """The app served on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, web_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    command = "apt-get install -y chromium"
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(f"{CHROMIUM} is missing: install it with `sudo {command}`")
    subprocess.run(["apt-get", "install", "-y", "chromium"], check=True, capture_output=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (a fresh profile per launch)."""
    if not LEAFLET.exists():
        pytest.fail(f"{LEAFLET} is missing: build the page's assets with `cd web && npm ci && npm run build`")
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
