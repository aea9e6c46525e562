"""A rule for the administrative prefix: a chain of registry names (district → street →
community) at the start of an address is taken from the gazetteer, not from the CRF.

The CRF learned from mostly non-Shenzhen data, so short Shenzhen forms written back to
back (宝安新安上合花园) can escape it. A chain is accepted only when its names are
consistent (the street lies in the district, the community in the street) and it has two
names, or one name written in full with its level suffix (宝安区), so that a lone short
form (南山) is never forced on an address from elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from addressreg.parse.gazetteer import Gazetteer, NameHit

# Element labels of the chain, coarse to fine; also the gazetteer kinds they look up.
CHAIN = ("district", "street", "community")
# Model labels that may stand before the chain (广东省深圳市…).
LEADING = frozenset({"prov", "city", "country"})

Span = tuple[str, int, int]


def _leading_end(spans: Sequence[Span]) -> int:
    """End of the run of province / city spans that starts the text (0 if none)."""
    end = 0
    for label, start, stop in spans:
        if label not in LEADING or start != end:
            break
        end = stop
    return end


def _next_link(hits: list[NameHit], level: int, parent: str | None) -> tuple[NameHit, str | None] | None:
    """The longest hit of a finer level whose place lies in ``parent``."""
    for hit in hits:
        if hit.kind not in CHAIN[level:]:
            continue
        places = [p for p in hit.places if parent is None or p.parent == parent]
        if places:
            return hit, places[0].name if len(places) == 1 else None
    return None


def admin_chain(text: str, start: int, gazetteer: Gazetteer, full_names: Mapping[str, str]) -> list[NameHit]:
    """The accepted chain of admin names from ``start`` (empty if none is accepted).

    ``full_names`` maps a kind to its level suffix (district → 区) to tell full names.
    """
    chain: list[NameHit] = []
    level, parent, position = 0, None, start
    while level < len(CHAIN):
        link = _next_link(gazetteer.names_at(text, position), level, parent)
        if link is None:
            break
        hit, parent = link
        chain.append(hit)
        level, position = CHAIN.index(hit.kind) + 1, hit.end
    if len(chain) == 1:
        only = chain[0]
        suffix = full_names.get(only.kind)
        if suffix is None or not text[only.start : only.end].endswith(suffix):
            return []
    return chain


def with_admin_prefix(
    text: str,
    spans: list[Span],
    gazetteer: Gazetteer,
    to_model: Mapping[str, str],
    full_names: Mapping[str, str],
) -> list[Span]:
    """The CRF's spans with an accepted admin chain put in; spans it covers are cut back.

    ``to_model`` maps element names to the model's labels (the standard's crosswalk).
    """
    start = _leading_end(spans)
    chain = admin_chain(text, start, gazetteer, full_names)
    if not chain:
        return spans
    end = chain[-1].end
    out = [s for s in spans if s[2] <= start]
    out += [(to_model.get(hit.kind, hit.kind), hit.start, hit.end) for hit in chain]
    out += [(label, max(s, end), e) for label, s, e in spans if e > end]
    return out
