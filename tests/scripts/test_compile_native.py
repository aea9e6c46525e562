"""scripts/compile_native.py: which built extensions are stale, and removing them."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "compile_native.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compile_native_under_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(root: Path, script: ModuleType) -> tuple[Path, Path]:
    package = root / "addressreg" / "match"
    package.mkdir(parents=True)
    source = package / "engine.py"
    source.write_text("x = 1\n")
    extension = package / f"engine{script.SUFFIX}"
    extension.write_bytes(b"")
    return source, extension


def test_an_extension_older_than_its_source_is_stale(tmp_path: Path) -> None:
    script = _script()
    source, extension = _tree(tmp_path, script)
    os.utime(extension, (1_000, 1_000))
    os.utime(source, (2_000, 2_000))
    assert script.stale_sources(tmp_path) == [source]


def test_a_fresh_extension_is_not_stale_and_clean_removes_it(tmp_path: Path) -> None:
    script = _script()
    source, extension = _tree(tmp_path, script)
    os.utime(source, (1_000, 1_000))
    os.utime(extension, (2_000, 2_000))
    assert script.stale_sources(tmp_path) == []
    assert script.remove_extensions(tmp_path) == 1
    assert not extension.exists() and source.exists()
