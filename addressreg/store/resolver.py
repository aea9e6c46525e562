"""``load_resolver``: the matching engine over the registry in PostGIS, ready to resolve.

Builds the in-memory index once (a few big queries); the engine it returns needs no
database afterwards, so a parent process can load it and fork workers that share it.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from sqlalchemy import Engine

from addressreg.match.engine import MatchingEngine, engine_for_index
from addressreg.match.rules import load_matching_rules
from addressreg.normalise.pipeline import normalise
from addressreg.standard.rules_loading import load_standard
from addressreg.standard_address import load_address_format
from addressreg.store.candidates import load_index


def load_resolver(engine: Engine, standard_dir: Path) -> MatchingEngine:
    """A :class:`MatchingEngine` over the registry behind ``engine``, under the standard in
    ``standard_dir``.

    Raises:
        InvalidStandard: a data file of the standard is missing or malformed.
        RegistryDataError: a registry row cannot enter the index.
    """
    standard = load_standard(standard_dir)
    rules = load_matching_rules(standard_dir)
    suffixes = {rule.level: rule.canonical for rule in standard.normalisation.suffixes}
    index = load_index(
        engine, partial(normalise, rules=standard.normalisation), suffixes, rules.ignorable_names
    )
    return engine_for_index(index, standard, rules, load_address_format(standard_dir))
