"""What the views need, built once by the app factory (per worker, or in the master with --preload).

The views reach it with :func:`services` (stored in ``app.extensions``); nothing is
built at import time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from flask import current_app
from sqlalchemy import Connection, Engine

from addressreg.match.resolution import Resolution
from addressreg.standard import CodeLayout, NormalisationRules
from api.reading import run_read

T = TypeVar("T")


class BatchResolver(Protocol):
    """The resolver engine (``addressreg.store.resolver``): one address or many."""

    def resolve(self, text: str) -> Resolution:
        """Resolve one address; never raises on any text."""
        ...

    def resolve_batch(self, texts: Iterable[str]) -> Iterable[Resolution]:
        """Resolve many addresses, in order."""
        ...


@dataclass(frozen=True)
class Services:
    """The engines, the standard's code layout and normalisation rules, and the resolver.

    ``engine`` serves writes and transactions; ``reader`` (autocommit, see
    :mod:`api.reading`) serves the read-only look-ups.

    ``resolver`` is None when the resolver could not be loaded (its reason in
    ``resolver_error``): resolve and record writes then answer 503.
    """

    engine: Engine
    reader: Engine
    layout: CodeLayout
    rules: NormalisationRules
    resolver: BatchResolver | None
    resolver_error: str | None = None


EXTENSION = "addressreg"


def services() -> Services:
    """The services of the current app."""
    found: Services = current_app.extensions[EXTENSION]
    return found


def read(work: Callable[[Connection], T]) -> T:
    """``work(conn)`` on a read-only connection of the current app (see :func:`api.reading.run_read`)."""
    return run_read(services().reader, work)
