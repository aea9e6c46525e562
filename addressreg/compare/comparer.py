"""``PairComparer``: parse both addresses of a pair (each distinct text once) and label it."""

from __future__ import annotations

from collections import OrderedDict

from addressreg.compare.pairs import PairVerdict, compare_parsed
from addressreg.compare.rules import CompareRules
from addressreg.parse import Gazetteer, ParsedAddress, parse
from addressreg.standard import AddressStandard

PARSE_CACHE_SIZE = 50_000


class PairComparer:
    """Compares address pairs under one standard, gazetteer and set of rules.

    Parses are cached (least recently used first out): in labelled pair files one query
    address is paired with many candidates.
    """

    def __init__(self, gazetteer: Gazetteer, standard: AddressStandard, rules: CompareRules) -> None:
        self._gazetteer = gazetteer
        self._standard = standard
        self.rules = rules
        self._parsed: OrderedDict[str, ParsedAddress] = OrderedDict()

    def parsed(self, text: str) -> ParsedAddress:
        """The parse of ``text`` (cached)."""
        found = self._parsed.get(text)
        if found is not None:
            self._parsed.move_to_end(text)
            return found
        result = parse(text, self._gazetteer, self._standard)
        self._parsed[text] = result
        if len(self._parsed) > PARSE_CACHE_SIZE:
            self._parsed.popitem(last=False)
        return result

    def compare(self, a: str, b: str, rules: CompareRules | None = None) -> PairVerdict:
        """The verdict on ``(a, b)``; ``rules`` overrides this comparer's rules (for fitting)."""
        return compare_parsed(self.parsed(a), self.parsed(b), rules or self.rules)
