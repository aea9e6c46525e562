"""Reading the standard's data files (YAML) with errors that name file and key.

This is the only module of the standard that does I/O; the rest receives values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from addressreg.standard.code_layout import CodeLayout, Segment
from addressreg.standard.errors import InvalidStandard


def read_yaml(path: Path) -> dict[str, Any]:
    """Read one YAML mapping.

    Raises:
        InvalidStandard: the file is missing, not valid UTF-8 YAML, or not a mapping.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidStandard(str(path), "(file)", "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidStandard(str(path), "(file)", f"cannot read: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidStandard(str(path), "(file)", f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidStandard(str(path), "(file)", "top level must be a mapping")
    return data


def require(data: dict[str, Any], key: str, kind: type, file: Path) -> Any:
    """Return ``data[key]`` if present and of ``kind``, else raise InvalidStandard."""
    if key not in data:
        raise InvalidStandard(str(file), key, "missing")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InvalidStandard(str(file), key, f"must be {kind.__name__}, got {type(value).__name__}")
    return value


def load_code_layout(standard_dir: Path) -> CodeLayout:
    """Load ``code.yaml`` of a standard directory into a :class:`CodeLayout`."""
    file = standard_dir / "code.yaml"
    data = read_yaml(file)
    segments = []
    for i, raw in enumerate(require(data, "segments", list, file)):
        if not isinstance(raw, dict):
            raise InvalidStandard(str(file), f"segments[{i}]", "must be a mapping")
        name = require(raw, "name", str, file)
        width = require(raw, "width", int, file)
        if width <= 0:
            raise InvalidStandard(str(file), f"segments[{i}].width", "must be positive")
        segments.append(Segment(name=name, level=require(raw, "level", str, file), width=width))
    names = {s.name for s in segments}
    nonzero = frozenset(require(data, "nonzero", list, file))
    prefix = {str(k): str(v) for k, v in require(data, "prefix", dict, file).items()}
    for key in (nonzero | set(prefix)) - names:
        raise InvalidStandard(str(file), "nonzero/prefix", f"unknown segment {key!r}")
    return CodeLayout(
        version=require(data, "version", str, file),
        segments=tuple(segments),
        nonzero=nonzero,
        prefix=prefix,
    )
