"""Tables and indexes the HTTP API adds to the registry (migration ``0002``).

* ``api_key``: one key per department system, stored as a SHA-256 hash of the token
  (the token is shown once, when the key is created); scopes are a subset of
  :data:`SCOPES`.
* ``address_normalised_prefix``: a B-tree on ``address.normalised`` for autocomplete of
  queries too short for the trigram index (prefix ranges; the database collation is C).
* ``change_event_txid_event``: (txid, event_id), so the change feed pages through a
  transaction of millions of events (the seed) without sorting it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from addressreg.store.changelog import ChangeEvent
from addressreg.store.schema import Address, Base

#: Every scope a key may hold. ``admin`` implies all the others, for every department.
SCOPES: tuple[str, ...] = ("read", "resolve", "sync-write", "admin")


class ApiKey(Base):
    """An API key of a department system (or an administrator's key without department)."""

    __tablename__ = "api_key"
    key_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prefix: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False)
    label: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        CheckConstraint(
            "scopes <@ ARRAY['read','resolve','sync-write','admin']::text[] AND cardinality(scopes) > 0",
            name="api_key_scopes",
        ),
    )


ADDRESS_PREFIX_INDEX = Index("address_normalised_prefix", Address.normalised)
CHANGE_EVENT_ORDER_INDEX = Index("change_event_txid_event", ChangeEvent.txid, ChangeEvent.event_id)
