"""``load_resolver`` and ``load_gazetteer`` on the seeded tiny registry (real PostGIS, read-only)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.match.engine import MatchingEngine
from addressreg.match.resolution import Category
from addressreg.records import generate_records, index_registry, load_noise_mix
from addressreg.standard import load_standard
from addressreg.standard_address import load_address_format
from addressreg.store.facts import registry_names, sample_room_facts
from addressreg.store.gazetteer import load_gazetteer
from addressreg.store.resolver import load_resolver

pytestmark = pytest.mark.postgis


@pytest.fixture(scope="module")
def tiny_resolver(tiny_registry_url: str) -> MatchingEngine:
    return load_resolver(create_engine(tiny_registry_url), DEFAULT_STANDARD_DIR)


def test_standard_addresses_resolve_exactly(tiny_registry_url: str, tiny_resolver: MatchingEngine) -> None:
    engine = create_engine(tiny_registry_url)
    facts = sample_room_facts(engine, 200, 3, load_address_format(DEFAULT_STANDARD_DIR))
    assert facts
    resolutions = [tiny_resolver.resolve(fact.standard_text) for fact in facts]
    exact = [
        r for r, f in zip(resolutions, facts, strict=True) if r.category is Category.A and r.code == f.code
    ]
    wrong = [
        r for r, f in zip(resolutions, facts, strict=True) if r.category.value in "AB" and r.code != f.code
    ]
    assert not wrong
    assert len(exact) >= 0.95 * len(facts)


def test_generated_records_resolve_with_high_precision(
    tiny_registry_url: str, tiny_resolver: MatchingEngine
) -> None:
    engine = create_engine(tiny_registry_url)
    mix = load_noise_mix(DEFAULT_STANDARD_DIR)
    facts = sample_room_facts(engine, 1000, 5, load_address_format(DEFAULT_STANDARD_DIR))
    known = index_registry(*registry_names(engine), mix.vocabulary)
    records = list(generate_records(facts, 1000, 5, mix, known=known))
    accepted = correct = positives = 0
    for record in records:
        resolution = tiny_resolver.resolve(record.text)
        positives += bool(record.truth_code)
        if resolution.category.value in "AB":
            accepted += 1
            correct += resolution.code == record.truth_code
    assert accepted and correct / accepted >= 0.99
    assert correct / positives >= 0.85


def test_gazetteer_knows_the_registry_names(tiny_registry_url: str, tiny_resolver: MatchingEngine) -> None:
    engine = create_engine(tiny_registry_url)
    standard = load_standard(DEFAULT_STANDARD_DIR)
    gazetteer = load_gazetteer(engine, standard)
    complexes, _, _ = registry_names(engine)
    name = sorted(complexes)[0]
    assert gazetteer.lookup(name, "complex") or gazetteer.lookup(name.upper(), "complex")
    fact = sample_room_facts(engine, 1, 9, load_address_format(DEFAULT_STANDARD_DIR))[0]
    assert gazetteer.lookup(fact.district, "district")
    kinds = {kind for kind, _, _ in gazetteer.spans(fact.standard_text)}
    assert {"district", "street", "community"} <= kinds
