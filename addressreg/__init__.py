"""addressreg: Shenzhen's unified address registry (一码多址, one code, many addresses).

Always import the public API from this package. Nothing is built at import time.
"""

from addressreg.normalise import normalise as normalise
from addressreg.parse import parse as parse

__all__ = ["normalise", "parse"]
