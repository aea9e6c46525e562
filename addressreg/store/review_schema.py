"""The review queue's table (migration ``0004``): results that need a person's decision.

One ``review_item`` per thing to look at, whatever brought it:

* ``load``: a department record a load resolved in category C (``department_record``);
* ``clean``: a category C row of a ``clean`` run's review file (``addressreg review import``);
* ``report``: an error a member of staff reported on a building page.

``origin_key`` says where the item came from and makes collecting it again a no-op:
``load:<department>/<record id>/<content hash>`` (a changed record is queued anew),
``clean:<file digest>/<row>``, ``report:<uuid>``. An item is ``open`` until someone
accepts or rejects it; the decision (who, when, which code) stays on the row and in the
audit log, never deleted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from addressreg.store.schema import Base

#: Where an item came from.
ORIGINS: tuple[str, ...] = ("load", "clean", "report")
#: The life of an item: open, then accepted or rejected (final).
STATUSES: tuple[str, ...] = ("open", "accepted", "rejected")


class ReviewItem(Base):
    """A result waiting for (or given) a person's decision."""

    __tablename__ = "review_item"
    item_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(String(8), nullable=False)
    origin_key: Mapped[str] = mapped_column(Text, nullable=False, unique=True)
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    record_id: Mapped[str | None] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text, nullable=False)
    code: Mapped[str | None] = mapped_column(String(25))
    candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False, server_default="[]")
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default="{}")
    status: Mapped[str] = mapped_column(String(10), nullable=False, server_default="open")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_code: Mapped[str | None] = mapped_column(String(25))
    __table_args__ = (
        CheckConstraint("origin IN ('load','clean','report')", name="review_item_origin"),
        CheckConstraint("status IN ('open','accepted','rejected')", name="review_item_status"),
        CheckConstraint(
            "(status = 'open') = (decided_at IS NULL AND decided_by IS NULL)", name="review_item_decided"
        ),
        Index("review_item_status_id", "status", "item_id"),
    )
