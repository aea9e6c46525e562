"""Random streams that depend only on their names, never on PYTHONHASHSEED or call order.

Every stochastic step of the seed asks for its own stream, named by what it decides
(``rng_for(seed, "grid-count", community_code)``), so adding a step or changing one
scale never reshuffles the others.
"""

from __future__ import annotations

import hashlib

import numpy as np


def stream_key(*parts: object) -> int:
    """A 64-bit integer from the SHA-256 of the parts joined with ``:``."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def rng_for(*parts: object) -> np.random.Generator:
    """A numpy generator seeded from ``parts`` (stable across runs and platforms)."""
    return np.random.default_rng(stream_key(*parts))
