"""Normalising address text under the standard's rules, with offsets into the input.

``normalise(text)`` gives the normal form; ``normalise_with_offsets`` and ``fold`` keep, for
each character, where in the input it came from.
"""

from addressreg.normalise.offset_text import OffsetText as OffsetText
from addressreg.normalise.pipeline import fold as fold
from addressreg.normalise.pipeline import normalise as normalise
from addressreg.normalise.pipeline import normalise_with_offsets as normalise_with_offsets
from addressreg.normalise.pipeline import shipped_rules as shipped_rules
