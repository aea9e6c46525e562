"""What the views need, built once per worker process by the app factory and passed in.

The views reach it with :func:`services` (stored in ``app.extensions``); nothing is
built at import time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from flask import current_app
from sqlalchemy import Engine

from addressreg.match.resolution import Resolution
from addressreg.standard import CodeLayout, NormalisationRules


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
    """The engine, the standard's code layout and normalisation rules, and the resolver.

    ``resolver`` is None when the resolver could not be loaded (its reason in
    ``resolver_error``): resolve and record writes then answer 503.
    """

    engine: Engine
    layout: CodeLayout
    rules: NormalisationRules
    resolver: BatchResolver | None
    resolver_error: str | None = None


EXTENSION = "addressreg"


def services() -> Services:
    """The services of the current app."""
    found: Services = current_app.extensions[EXTENSION]
    return found
