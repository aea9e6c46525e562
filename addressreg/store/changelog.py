"""The change log and the audit log: every write transaction gets a consecutive txid.

How it works (after DAWA's transaction-based replication):

* ``change_counter`` holds one row with the last transaction id issued. The first write
  of a transaction to a logged table calls ``registry_txid()``, which increments that
  row and remembers the new id in a transaction-local setting. The row lock is held
  until commit, so writers take txids one after another in commit order, and a rolled
  back transaction gives its id back: ids are consecutive, with no gaps.
* Statement-level triggers with transition tables write one ``change_event`` per
  inserted, updated or deleted row (action, entity, code), tagged with that txid. Bulk
  COPY loads are logged the same way, set-based.
* ``change_transaction`` records each txid with its actor (``SET LOCAL addressreg.actor``)
  and time. A reader that sees txid T committed has seen every txid below T.
* Buildings, rooms and units are never deleted (a trigger refuses), so codes are never
  reused; they are retired through their ``status``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, SmallInteger, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from addressreg.store.schema import Base

#: Logged tables and the SQL expression (over a row ``r``) that names the changed entity.
LOGGED_TABLES: dict[str, str] = {
    "admin_unit": "r.code",
    "road": "r.road_id::text",
    "door_plate": "r.door_plate_id::text",
    "complex": "r.complex_id::text",
    "building": "r.code",
    "room": "r.code",
    "address": "r.code",
    "department_record": "r.department_code || '/' || r.record_id",
}

#: Tables whose rows carry codes that may never be reused, hence never deleted.
NEVER_DELETED = ("admin_unit", "building", "room")


class ChangeCounter(Base):
    """The single row holding the last transaction id issued."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    last_txid: Mapped[int] = mapped_column(BigInteger, nullable=False)
    __table_args__ = (CheckConstraint("id = 1", name="change_counter_single_row"),)


class ChangeTransaction(Base):
    """One committed write transaction of the registry."""

    __tablename__ = "change_transaction"
    txid: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    actor: Mapped[str] = mapped_column(Text, nullable=False)
    started_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )


class ChangeEvent(Base):
    """One inserted, updated or deleted row of a logged table."""

    __tablename__ = "change_event"
    event_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    # No foreign key to change_transaction: registry_txid() creates the transaction row
    # before any event, and a per-row FK check would double the cost of bulk loads.
    txid: Mapped[int] = mapped_column(BigInteger, nullable=False)
    action: Mapped[str] = mapped_column(String(6), nullable=False)
    entity: Mapped[str] = mapped_column(String(20), nullable=False)
    code: Mapped[str] = mapped_column(Text, nullable=False)
    __table_args__ = (
        CheckConstraint("action IN ('insert','update','delete')", name="change_event_action"),
        Index("change_event_txid", "txid"),
    )


class AuditEntry(Base):
    """Who did what, when: one entry per administrative or API write."""

    __tablename__ = "audit_log"
    audit_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    txid: Mapped[int | None] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    actor: Mapped[str] = mapped_column(Text, nullable=False)
    action: Mapped[str] = mapped_column(Text, nullable=False)
    entity: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default="{}")


class RegistryMeta(Base):
    """Facts about the registry as a whole (how it was seeded, with which standard)."""

    __tablename__ = "registry_meta"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[Any] = mapped_column(JSONB, nullable=False)


TXID_FUNCTION = """
CREATE FUNCTION registry_txid() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE t bigint;
BEGIN
    t := nullif(current_setting('addressreg.txid', true), '')::bigint;
    IF t IS NULL THEN
        UPDATE change_counter SET last_txid = last_txid + 1 WHERE id = 1 RETURNING last_txid INTO t;
        INSERT INTO change_transaction (txid, actor)
        VALUES (t, coalesce(nullif(current_setting('addressreg.actor', true), ''), session_user));
        PERFORM set_config('addressreg.txid', t::text, true);
    END IF;
    RETURN t;
END $$;
"""

LOG_FUNCTION = """
CREATE FUNCTION registry_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    action text := lower(TG_OP);
    rows_table text := CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
BEGIN
    EXECUTE format(
        'INSERT INTO change_event (txid, action, entity, code) SELECT $1, $2, $3, %s FROM %I r',
        TG_ARGV[0], rows_table)
    USING registry_txid(), action, TG_TABLE_NAME;
    RETURN NULL;
END $$;
"""

NO_DELETE_FUNCTION = """
CREATE FUNCTION registry_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'codes are never reused: % % cannot be deleted; set its status to retired',
        TG_TABLE_NAME, OLD.code USING ERRCODE = 'restrict_violation';
END $$;
"""


def trigger_statements(table: str, key: str) -> list[str]:
    """DDL of the change-log triggers of one logged table (one per action)."""
    statements = []
    for action, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        statements.append(
            f"CREATE TRIGGER {table}_log_{action.lower()} AFTER {action} ON {table} "
            f"REFERENCING {rows} TABLE AS {rows.lower()}_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION registry_log_changes($q${key}$q$)"
        )
    return statements


def no_delete_statement(table: str) -> str:
    """DDL of the trigger that refuses to delete rows of ``table``."""
    return (
        f"CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION registry_refuse_delete()"
    )
