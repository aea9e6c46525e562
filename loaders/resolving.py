"""Resolving a file's distinct address texts, on every core, with one loaded resolver.

The resolver is loaded once in the parent; the worker processes are forked after that and
share it copy-on-write (the parent's objects are frozen out of the garbage collector
first, so no collection in a worker touches — and copies — their pages). Each distinct
text is resolved once however many records carry it. Workers send back a
:class:`ResolvedText` (short strings and numbers), never the full resolution. Chunks
stream back in order while the caller does other work (:func:`chunk_resolver`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from addressreg.forked_workers import forked_map
from addressreg.match.resolution import Resolution, Resolver

Normaliser = Callable[[str], str]
CHUNK = 1_000


class ResolvedText(NamedTuple):
    """What the store keeps of one resolution (immutable; a tuple, so that it crosses the
    process boundary cheaply).

    ``resolution`` is compact JSON: level, standard address, complex, the explanation and
    the runner-up's code and score. ``normalised`` is the text's normal form (the key of
    learned addresses and of cross-department comparisons).
    """

    category: str
    code: str | None
    score: float
    resolution: str
    normalised: str


def compact(resolution: Resolution, normalised: str) -> ResolvedText:
    """Keep what the department record stores of ``resolution``."""
    runner = resolution.runner_up
    body: dict[str, Any] = {
        "level": resolution.level.value,
        "standard_address": resolution.standard_address,
        "complex": resolution.complex_name,
        "place": resolution.best.place if resolution.best else None,
        "why": resolution.explanation.to_dict(),
        "runner_up": {"code": runner.code, "score": round(runner.score, 4)} if runner else None,
    }
    return ResolvedText(
        resolution.category.value,
        resolution.code,
        float(resolution.score),
        json.dumps(body, ensure_ascii=False),
        normalised,
    )


@dataclass(frozen=True)
class _Installed:
    resolver: Resolver
    normalise: Normaliser


_INSTALLED: _Installed | None = None  # set in the parent just before forking


def resolve_chunk(texts: Sequence[str]) -> list[ResolvedText]:
    """Resolve ``texts`` with the installed resolver (``resolve_batch`` when it has one).

    A text's normal form is the resolution's own when the resolver reports it (the engine
    does), else the installed normaliser's."""
    if _INSTALLED is None:
        raise RuntimeError("resolve_chunk called before a resolver was installed")
    resolver, normalise = _INSTALLED.resolver, _INSTALLED.normalise
    batch: Any = getattr(resolver, "resolve_batch", None)
    resolutions = list(batch(list(texts))) if callable(batch) else [resolver.resolve(t) for t in texts]
    if len(resolutions) != len(texts):
        raise RuntimeError(f"the resolver returned {len(resolutions)} resolutions for {len(texts)} texts")
    return [compact(r, r.normalised or normalise(t)) for r, t in zip(resolutions, texts, strict=True)]


@contextmanager
def _installed(resolver: Resolver, normalise: Normaliser) -> Iterator[None]:
    global _INSTALLED
    _INSTALLED = _Installed(resolver, normalise)
    try:
        yield
    finally:
        _INSTALLED = None


ChunkResolver = Callable[[Iterable[list[str]]], Iterator[list["ResolvedText"]]]


@contextmanager
def chunk_resolver(resolver: Resolver, normalise: Normaliser, workers: int) -> Iterator[ChunkResolver]:
    """A function mapping chunks of texts to their resolutions, chunk by chunk, in order.

    With ``workers`` > 1 the chunks run on that many processes forked here (POSIX
    ``fork``), which keep resolving while the caller consumes earlier chunks; with 1 they
    run lazily in this process. An error in a worker is raised from the iterator.
    """
    with _installed(resolver, normalise), forked_map(resolve_chunk, workers) as resolve:
        yield resolve


def text_chunks(texts: Sequence[str], size: int = CHUNK) -> list[list[str]]:
    """``texts`` cut into consecutive chunks of ``size`` (the last may be shorter)."""
    return [list(texts[i : i + size]) for i in range(0, len(texts), size)]


def resolve_distinct(
    texts: Sequence[str], resolver: Resolver, normalise: Normaliser, workers: int = 1
) -> dict[str, ResolvedText]:
    """Every distinct text of ``texts`` resolved once, by text.

    With ``workers`` > 1 the chunks run on that many forked processes (POSIX ``fork``);
    with 1 they run here. The order of ``texts`` fixes the order of the work, so the
    result does not depend on ``workers``.
    """
    chunks = text_chunks(list(dict.fromkeys(texts)))
    results: dict[str, ResolvedText] = {}
    with chunk_resolver(resolver, normalise, workers if len(chunks) > 1 else 1) as resolve:
        for chunk, out in zip(chunks, resolve(chunks), strict=True):
            results.update(zip(chunk, out, strict=True))
    return results
