"""``parse(text, gazetteer)``: split an address into the standard's elements.

The input is folded (NFKC, simplified script, upper-case letters; offsets kept), tagged
by the CRF with character, marker, gazetteer and lexicon features, and each tagged span
becomes an :class:`Element` with offsets into the original input and a normal-form value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.normalise.offset_text import OffsetText
from addressreg.normalise.pipeline import fold, normalise_folded
from addressreg.parse.admin_prefix import with_admin_prefix
from addressreg.parse.features import FeatureContext, feature_context, sequence_features
from addressreg.parse.gazetteer import Gazetteer
from addressreg.parse.model import ParserModel, shipped_model
from addressreg.parse.parsed import Element, ParsedAddress
from addressreg.parse.tagging import tags_to_spans
from addressreg.parse.values import NAMED_KINDS, element_value
from addressreg.standard.rules import AddressStandard
from addressreg.standard.rules_loading import cached_standard

# The label for a model label that the standard's crosswalk does not know.
UNKNOWN_LABEL = "other"


@dataclass(frozen=True)
class _StandardTables:
    """What parsing takes from a standard on every call, derived once per standard."""

    context: FeatureContext
    to_model: Mapping[str, str]
    from_model: Mapping[str, str]
    full_names: Mapping[str, str]


def _derive_tables(standard: AddressStandard, model: ParserModel) -> _StandardTables:
    rules = standard.normalisation
    full_names = {rule.level: rule.canonical for rule in rules.suffixes}
    context = feature_context(rules, model.attributes)
    return _StandardTables(context, standard.to_ccks(), standard.from_ccks(), full_names)


# Tables by ``id`` of the standard and the model (neither is hashable); each entry keeps
# both alive, so an id cannot be reused while its entry exists. Bounded.
_tables_by_id: dict[tuple[int, int], tuple[AddressStandard, ParserModel, _StandardTables]] = {}
MAX_STANDARDS = 8


def _tables(standard: AddressStandard, model: ParserModel) -> _StandardTables:
    """The tables of ``standard`` for tagging with ``model`` (its features pruned to the
    model's attributes), derived once per pair."""
    entry = _tables_by_id.get((id(standard), id(model)))
    if entry is not None and entry[0] is standard and entry[1] is model:
        return entry[2]
    if len(_tables_by_id) >= MAX_STANDARDS:
        _tables_by_id.clear()
    tables = _derive_tables(standard, model)
    _tables_by_id[(id(standard), id(model))] = (standard, model, tables)
    return tables


def tag_spans(
    folded: str, gazetteer: Gazetteer, model: ParserModel, standard: AddressStandard
) -> list[tuple[str, int, int]]:
    """``(model label, start, end)`` spans of a folded text: the CRF's tags, with the
    admin prefix taken from the gazetteer where it names a consistent chain, and the
    model's context labels (complex or sub-complex) applied."""
    tables = _tables(standard, model)
    lexicon = model.lexicon.spans(folded) if model.lexicon.names else ()
    items = sequence_features(folded, tables.context, gazetteer.spans(folded), lexicon)
    spans = tags_to_spans(model.tag(items))
    spans = with_admin_prefix(folded, spans, gazetteer, tables.to_model, tables.full_names)
    return model.context_labels.apply(spans)


def _elements(
    spans: list[tuple[str, int, int]],
    folded: OffsetText,
    normal: OffsetText,
    gazetteer: Gazetteer,
    crosswalk: Mapping[str, str],
    text: str,
) -> tuple[Element, ...]:
    elements: list[Element] = []
    found: dict[str, str] = {}
    covered = 0
    starts, ends, folded_text = folded.starts, folded.ends, folded.text
    # Most texts need no rewriting and fold one character to one: then the normal form of
    # a span is simply its folded text.
    direct = normal is folded and len(set(starts)) == len(starts)
    for model_label, start, end in spans:
        label = crosswalk.get(model_label, UNKNOWN_LABEL)
        # Spans are never empty: the source span is that of the first and last character.
        # One input character can fold to several (NFKC: ¼ → 1⁄4); a tag boundary inside
        # them leaves that character to the element before, which already contains it.
        source_start, source_end = starts[start], ends[end - 1]
        if source_start < covered:
            source_start = covered
        if source_start >= source_end:
            continue
        covered = source_end
        piece = folded_text[start:end]
        if direct and label not in NAMED_KINDS:
            value = piece
        else:
            source = (source_start, source_end)
            value = element_value(label, piece, source, normal, gazetteer, found, piece if direct else None)
        found.setdefault(label, value)
        elements.append(Element(label, text[source_start:source_end], value, source_start, source_end))
    return tuple(elements)


def parse(
    text: str,
    gazetteer: Gazetteer,
    standard: AddressStandard | None = None,
    model: ParserModel | None = None,
) -> ParsedAddress:
    """Split ``text`` into labelled elements with offsets into ``text``.

    ``gazetteer`` holds the registry's names; without ``standard`` / ``model`` the shipped
    standard and model are used (each loaded once, then cached). Pure: the same inputs
    always give the same result; never raises on any string.
    """
    standard = standard if standard is not None else cached_standard(Path(DEFAULT_STANDARD_DIR))
    model = model if model is not None else shipped_model()
    rules = standard.normalisation
    folded = fold(text, rules)
    normal = normalise_folded(folded, rules)
    spans = tag_spans(folded.text, gazetteer, model, standard)
    crosswalk = _tables(standard, model).from_model
    return ParsedAddress(text, normal.text, _elements(spans, folded, normal, gazetteer, crosswalk, text))
