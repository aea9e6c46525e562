"""addressreg: Shenzhen's unified address registry (一码多址, one code, many addresses).

Always import the public API from this package. Nothing is built at import time.

One process-wide setting is made here, before anything imports numpy (through shapely,
pyproj, geopandas): OpenBLAS gets one thread unless told otherwise. The registry never
multiplies matrices, but OpenBLAS starts a thread per core that spins after start-up,
taking CPU from the parser and the resolver's worker processes.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from addressreg.normalise import normalise as normalise
from addressreg.parse import parse as parse

__all__ = ["normalise", "parse"]
