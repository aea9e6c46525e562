"""Department records written through the API: idempotent upsert, withdrawal, changes.

Each write runs in one transaction that names its actor (the API key) for the change
log, locks the record, writes only when the link actually changes (so a repeated PUT
adds no change event), and leaves one audit entry with the before and after values.
Records are withdrawn (``status = 'withdrawn'``), never deleted, so their history stays.

The explanation column has the shape the file loader writes (``addressreg.store.departments``):
the resolution under ``resolution``, where the record came from under ``source``. Like a
load, a record resolved in category A or B to a building or room teaches that code its
text as a ``department`` address, unless the code already has it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, text

from addressreg.match.resolution import Resolution
from addressreg.store.record_loading import LEARNED_CATEGORIES

WITHDRAWN = "withdrawn"
ACTIVE = "active"

_COLUMNS = "department_code, record_id, raw_text, code, category, score, explanation, status, updated_at"


class RecordNotFound(LookupError):
    """The department has no record with that id."""


@dataclass(frozen=True)
class DepartmentRecordView:
    """A department record as stored: its text, the link it resolved to, and its status."""

    department: str
    record_id: str
    text: str
    code: str | None
    category: str
    score: float
    explanation: dict[str, Any]
    status: str
    updated_at: datetime

    @property
    def resolution(self) -> dict[str, Any]:
        """The resolution part of the explanation."""
        found = self.explanation.get("resolution", self.explanation)
        return found if isinstance(found, dict) else {}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "department": self.department,
            "record_id": self.record_id,
            "text": self.text,
            "code": self.code,
            "category": self.category,
            "score": self.score,
            "status": self.status,
            "updated_at": self.updated_at.isoformat(),
            "resolution": self.resolution,
        }


@dataclass(frozen=True)
class SyncOutcome:
    """What a write did: the record after it, whether it was new or changed, its txid."""

    record: DepartmentRecordView
    created: bool
    changed: bool
    txid: int | None


def department_exists(engine: Engine, department: str) -> bool:
    """True if ``department`` is registered."""
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT 1 FROM department WHERE code = :d"), {"d": department}).first()
            is not None
        )


def upsert_record(
    engine: Engine,
    department: str,
    record_id: str,
    raw_text: str,
    normalised: str,
    resolution: Resolution,
    actor: str,
) -> SyncOutcome:
    """Store the record with its resolution; a repeat with the same outcome changes nothing."""
    wanted = _link(raw_text, normalised, resolution)
    with engine.begin() as conn:
        _set_actor(conn, actor)
        before = _locked(conn, department, record_id)
        if before is not None and _same(before, wanted):
            _audit(conn, actor, "record.upsert", department, record_id, before, before, changed=False)
            return SyncOutcome(before, created=False, changed=False, txid=None)
        after = _write(conn, department, record_id, wanted)
        _learn(conn, department, normalised, raw_text, resolution)
        txid = _txid(conn)
        _audit(conn, actor, "record.upsert", department, record_id, before, after, changed=True)
    return SyncOutcome(after, created=before is None, changed=True, txid=txid)


def withdraw_record(engine: Engine, department: str, record_id: str, actor: str) -> SyncOutcome:
    """Mark the record withdrawn (idempotent); RecordNotFound if it never existed."""
    with engine.begin() as conn:
        _set_actor(conn, actor)
        before = _locked(conn, department, record_id)
        if before is None:
            raise RecordNotFound(f"department {department} has no record {record_id!r}")
        if before.status == WITHDRAWN:
            _audit(conn, actor, "record.withdraw", department, record_id, before, before, changed=False)
            return SyncOutcome(before, created=False, changed=False, txid=None)
        row = conn.execute(
            text(
                "UPDATE department_record SET status = :w, updated_at = now() "
                f"WHERE department_code = :d AND record_id = :r RETURNING {_COLUMNS}"
            ),
            {"w": WITHDRAWN, "d": department, "r": record_id},
        ).one()
        after = _view(row)
        txid = _txid(conn)
        _audit(conn, actor, "record.withdraw", department, record_id, before, after, changed=True)
    return SyncOutcome(after, created=False, changed=True, txid=txid)


def records_changed_since(
    engine: Engine, department: str, since: datetime | None, after_id: str | None, limit: int
) -> list[DepartmentRecordView]:
    """The department's records updated after ``since``, by (updated_at, record_id), paged.

    ``after_id`` continues a page: records with the same ``updated_at`` as ``since`` and
    a larger id. ``updated_at`` is the writing transaction's start time, so a reader that
    must never miss a change should follow the change feed instead (exact by txid).
    """
    where = "department_code = :d"
    if since is not None:
        where += " AND (updated_at, record_id) > (:since, :after)" if after_id else " AND updated_at > :since"
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                f"SELECT {_COLUMNS} FROM department_record WHERE {where} "
                "ORDER BY updated_at, record_id LIMIT :n"
            ),
            {"d": department, "since": since, "after": after_id or "", "n": limit},
        ).all()
    return [_view(r) for r in rows]


def _link(raw_text: str, normalised: str, resolution: Resolution) -> dict[str, Any]:
    payload = resolution.to_dict()
    payload.pop("text", None)
    explanation = {"resolution": payload, "source": {"via": "api", "normalised": normalised}}
    return {
        "raw_text": raw_text,
        "code": resolution.code,
        "category": resolution.category.value,
        "score": round(resolution.score, 4),
        "explanation": json.loads(json.dumps(explanation, ensure_ascii=False)),
    }


def _learn(conn: Connection, department: str, normalised: str, raw_text: str, resolution: Resolution) -> None:
    code = resolution.code
    if resolution.category.value not in LEARNED_CATEGORIES or not code or len(code) not in (19, 25):
        return
    if not normalised:
        return
    conn.execute(
        text(
            "INSERT INTO address (code, text, normalised, kind, department_code) "
            "SELECT CAST(:c AS varchar), :t, CAST(:n AS text), 'department', :d "
            "WHERE NOT EXISTS (SELECT 1 FROM address "
            "WHERE code = :c AND normalised = :n AND valid_to IS NULL)"
        ),
        {"c": code, "t": raw_text, "n": normalised, "d": department},
    )


def _same(before: DepartmentRecordView, wanted: dict[str, Any]) -> bool:
    return (
        before.status == ACTIVE
        and before.text == wanted["raw_text"]
        and before.code == wanted["code"]
        and before.category == wanted["category"]
        and before.score == wanted["score"]
        and before.explanation == wanted["explanation"]
    )


def _write(conn: Connection, department: str, record_id: str, wanted: dict[str, Any]) -> DepartmentRecordView:
    row = conn.execute(
        text(
            "INSERT INTO department_record (department_code, record_id, raw_text, code, category, score, "
            "explanation, status) VALUES (:d, :r, :raw_text, :code, :category, :score, "
            "CAST(:explanation AS jsonb), 'active') ON CONFLICT (department_code, record_id) DO UPDATE SET "
            "raw_text = EXCLUDED.raw_text, code = EXCLUDED.code, category = EXCLUDED.category, "
            "score = EXCLUDED.score, explanation = EXCLUDED.explanation, status = 'active', "
            f"updated_at = now() RETURNING {_COLUMNS}"
        ),
        {
            **wanted,
            "explanation": json.dumps(wanted["explanation"], ensure_ascii=False),
            "d": department,
            "r": record_id,
        },
    ).one()
    return _view(row)


def _locked(conn: Connection, department: str, record_id: str) -> DepartmentRecordView | None:
    row = conn.execute(
        text(
            f"SELECT {_COLUMNS} FROM department_record "
            "WHERE department_code = :d AND record_id = :r FOR UPDATE"
        ),
        {"d": department, "r": record_id},
    ).first()
    return _view(row) if row is not None else None


def _view(row: Any) -> DepartmentRecordView:
    return DepartmentRecordView(
        department=row.department_code,
        record_id=row.record_id,
        text=row.raw_text,
        code=row.code,
        category=row.category,
        score=row.score,
        explanation=row.explanation,
        status=row.status,
        updated_at=row.updated_at,
    )


def _set_actor(conn: Connection, actor: str) -> None:
    conn.execute(text("SELECT set_config('addressreg.actor', :a, true)"), {"a": actor})


def _txid(conn: Connection) -> int | None:
    value = conn.execute(text("SELECT nullif(current_setting('addressreg.txid', true), '')::bigint")).scalar()
    return int(value) if value is not None else None


def _audit(
    conn: Connection,
    actor: str,
    action: str,
    department: str,
    record_id: str,
    before: DepartmentRecordView | None,
    after: DepartmentRecordView,
    *,
    changed: bool,
) -> None:
    detail = {
        "changed": changed,
        "before": before.to_dict() if before else None,
        "after": after.to_dict() if changed else None,
    }
    conn.execute(
        text(
            "INSERT INTO audit_log (txid, actor, action, entity, code, detail) VALUES "
            "(nullif(current_setting('addressreg.txid', true), '')::bigint, :a, :act, 'department_record', "
            ":c, CAST(:detail AS jsonb))"
        ),
        {
            "a": actor,
            "act": action,
            "c": f"{department}/{record_id}",
            "detail": json.dumps(detail, ensure_ascii=False),
        },
    )
