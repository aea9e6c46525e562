"""``addressreg serve``: gunicorn with the app preloaded in the master answers from every worker."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgis


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _wait_ready(url: str, server: subprocess.Popen[bytes], limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited before it was ready"
        try:
            _get(url)
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise AssertionError(f"no answer from {url} within {limit} s")


@pytest.mark.parametrize("preload", ["--preload", "--no-preload"])
def test_serve_answers_from_its_workers(tiny_registry_url: str, preload: str) -> None:
    port = _free_port()
    addressreg = Path(sys.executable).with_name("addressreg")
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": tiny_registry_url}
    command = [str(addressreg), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", preload]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_ready(f"{base}/openapi.json", server)
        statuses = {_get(f"{base}/openapi.json") for _ in range(6)}
        assert statuses == {200}
        assert _get(f"{base}/v1/units") == 401  # the API asks for a key
    finally:
        server.terminate()
        server.wait(timeout=30)
