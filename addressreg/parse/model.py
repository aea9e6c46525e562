"""The trained parser model: a CRF (python-crfsuite), its tag scheme and its lexicon.

A model directory holds ``parser.crfsuite`` (the CRF), ``lexicon.json`` (names seen in
training, by label) and ``parser.json`` (the begin-tag labels, the context-label table of
:mod:`addressreg.parse.context_labels`, the training data's hash, the parameters and the
dev-split score). The shipped model lives in
``addressreg/parse/models/``; :func:`shipped_model` loads it once per directory.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycrfsuite

from addressreg.parse.context_labels import ContextLabels
from addressreg.parse.features import FEATURES_VERSION, Item
from addressreg.parse.lexicon import NameLexicon

# Through the package, not ``__file__``: code compiled in place (scripts/compile_native.py)
# sees a wrong ``__file__``, while the package's own path is right.
SHIPPED_MODEL_DIR = Path(str(files("addressreg.parse"))) / "models"
CRF_FILE = "parser.crfsuite"
LEXICON_FILE = "lexicon.json"
META_FILE = "parser.json"


class ModelError(Exception):
    """A model directory is missing a file or its metadata is malformed (file named)."""


@dataclass(frozen=True)
class ParserModel:
    """A loaded model. ``tagger`` is a ``pycrfsuite.Tagger``; it is not thread-safe, so
    give each thread its own model (:func:`load_model`)."""

    tagger: Any
    begin_labels: frozenset[str]
    lexicon: NameLexicon
    metadata: dict[str, Any]
    context_labels: ContextLabels = field(default_factory=ContextLabels)
    attributes: frozenset[bytes] | None = None
    """The attributes (features) the CRF has weights for, as UTF-8; None: not known."""

    def tag(self, items: list[Item]) -> list[str]:
        """The most likely tag of each item (character)."""
        if not items:
            return []
        tags: list[str] = self.tagger.tag(items)
        return tags


def read_metadata(model_dir: Path) -> dict[str, Any]:
    """The ``parser.json`` of a model directory."""
    path = model_dir / META_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: missing; train a model with `make parser-model`") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("begin_labels"), list):
        raise ModelError(f"{path}: begin_labels: missing or not a list")
    return data


def check_features_version(model_dir: Path, metadata: dict[str, Any]) -> None:
    """Refuse a model trained on another feature set than :mod:`addressreg.parse.features`."""
    version = metadata.get("features_version")
    if version != FEATURES_VERSION:
        raise ModelError(
            f"{model_dir / META_FILE}: features_version {version!r} is not {FEATURES_VERSION}; "
            "retrain with `make parser-model`"
        )


def load_model(model_dir: Path) -> ParserModel:
    """Open a model directory.

    Raises:
        ModelError: a file is missing or malformed, or the model was trained on other features.
    """
    metadata = read_metadata(model_dir)
    check_features_version(model_dir, metadata)
    crf = model_dir / CRF_FILE
    if not crf.is_file():
        raise ModelError(f"{crf}: missing; train a model with `make parser-model`")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(crf))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{crf}: cannot open: {exc}") from None
    try:
        lexicon = NameLexicon.load(model_dir / LEXICON_FILE)
    except (OSError, ValueError) as exc:
        raise ModelError(f"{model_dir / LEXICON_FILE}: {exc}") from None
    try:
        context = ContextLabels.from_json(metadata.get("context_labels", {"group": []}))
    except ValueError as exc:
        raise ModelError(f"{model_dir / META_FILE}: {exc}") from None
    attributes = frozenset(name.encode() for name, _ in tagger.info().state_features)
    return ParserModel(tagger, frozenset(metadata["begin_labels"]), lexicon, metadata, context, attributes)


@functools.lru_cache(maxsize=4)
def shipped_model(model_dir: Path = SHIPPED_MODEL_DIR) -> ParserModel:
    """:func:`load_model`, remembered per directory (the convenience behind ``parse``)."""
    return load_model(model_dir)
