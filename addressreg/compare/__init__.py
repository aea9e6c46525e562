"""Labelling address pairs (the ``addressreg compare`` command's core).

Always import from this package: ``PairComparer``, ``compare_parsed``, ``PairVerdict``,
``load_compare_rules``, ``compare_lines``. Nothing is loaded at import time.
"""

from addressreg.compare.comparer import PairComparer as PairComparer
from addressreg.compare.jsonl import StreamCounts as StreamCounts
from addressreg.compare.jsonl import compare_lines as compare_lines
from addressreg.compare.pairs import EXACT as EXACT
from addressreg.compare.pairs import LABELS as LABELS
from addressreg.compare.pairs import NOT_MATCH as NOT_MATCH
from addressreg.compare.pairs import PARTIAL as PARTIAL
from addressreg.compare.pairs import ElementAgreement as ElementAgreement
from addressreg.compare.pairs import PairVerdict as PairVerdict
from addressreg.compare.pairs import compare_parsed as compare_parsed
from addressreg.compare.rules import CompareRules as CompareRules
from addressreg.compare.rules import load_compare_rules as load_compare_rules
