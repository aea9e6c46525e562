"""What the API tests share besides fixtures: the keys they hold and auth headers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    """Tokens of the test keys."""

    admin: str
    police: str  # read, resolve, sync-write for department "police"
    planning: str  # same scopes for department "planning"
    reader: str  # read only, department "police"


def auth(token: str) -> dict[str, str]:
    """Request headers carrying ``token``."""
    return {"X-API-Key": token}
