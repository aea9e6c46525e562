"""Department sync: records written and withdrawn by their department, and the change feed."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from apiflask import APIBlueprint, abort
from flask import Response

from addressreg.normalise import normalise
from addressreg.store import changes, sync
from api.responses import json_ok
from api.routes_resolve import current_resolver
from api.schemas import (
    ChangesOut,
    ChangesQuery,
    RecordIn,
    RecordListOut,
    RecordListQuery,
    RecordWriteOut,
)
from api.security import SECURITY_SCHEME, current_key, require_own_department, require_scope
from api.services import services

sync_bp = APIBlueprint("sync", __name__, url_prefix="/v1", tag="Sync")
MAX_RECORD_ID = 200


def _checked_target(department: str, record_id: str) -> None:
    require_own_department(department)
    if not record_id or len(record_id) > MAX_RECORD_ID:
        abort(400, f"record id must have 1 to {MAX_RECORD_ID} characters")
    if not sync.department_exists(services().engine, department):
        abort(404, f"unknown department {department!r}")


def _write_out(outcome: sync.SyncOutcome) -> dict[str, Any]:
    return {
        "record": outcome.record.to_dict(),
        "created": outcome.created,
        "changed": outcome.changed,
        "txid": outcome.txid,
    }


@sync_bp.put("/departments/<department>/records/<record_id>")
@require_scope("sync-write")
@sync_bp.input(RecordIn, arg_name="body")
@sync_bp.output(RecordWriteOut)
@sync_bp.doc(security=SECURITY_SCHEME, responses={404: "Unknown department"})
def put_record(department: str, record_id: str, body: dict[str, Any]) -> Response:
    """Create or update a record of the key's own department; answered with its resolution.

    Idempotent: repeating the same text changes nothing (``changed`` false, no txid).
    """
    _checked_target(department, record_id)
    found = services()
    resolution = current_resolver().resolve(body["text"])
    normalised = normalise(body["text"], found.rules)
    outcome = sync.upsert_record(
        found.engine, department, record_id, body["text"], normalised, resolution, current_key().actor
    )
    return json_ok(_write_out(outcome))


@sync_bp.delete("/departments/<department>/records/<record_id>")
@require_scope("sync-write")
@sync_bp.output(RecordWriteOut)
@sync_bp.doc(security=SECURITY_SCHEME, responses={404: "Unknown department or record"})
def delete_record(department: str, record_id: str) -> Response:
    """Withdraw a record of the key's own department (kept, with status ``withdrawn``)."""
    _checked_target(department, record_id)
    try:
        outcome = sync.withdraw_record(services().engine, department, record_id, current_key().actor)
    except sync.RecordNotFound as exc:
        abort(404, str(exc))
    return json_ok(_write_out(outcome))


def _since(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    try:
        since = datetime.fromisoformat(raw)
    except ValueError:
        abort(400, f"changed_since {raw!r} is not an ISO 8601 time")
    if since.tzinfo is None:
        abort(400, f"changed_since {raw!r} needs a UTC offset (e.g. +08:00 or Z)")
    return since


@sync_bp.get("/departments/<department>/records")
@require_scope("read")
@sync_bp.input(RecordListQuery, location="query", arg_name="query")
@sync_bp.output(RecordListOut)
@sync_bp.doc(security=SECURITY_SCHEME, responses={404: "Unknown department"})
def list_records(department: str, query: dict[str, Any]) -> Response:
    """The department's records updated after ``changed_since`` (all when absent), oldest first."""
    require_own_department(department)
    engine = services().engine
    if not sync.department_exists(engine, department):
        abort(404, f"unknown department {department!r}")
    since = _since(query.get("changed_since"))
    records = sync.records_changed_since(engine, department, since, query["after"] or None, query["limit"])
    full = len(records) == query["limit"]
    return json_ok(
        {
            "records": [r.to_dict() for r in records],
            "next_changed_since": records[-1].updated_at.isoformat() if full else None,
            "next_after": records[-1].record_id if full else None,
        }
    )


@sync_bp.get("/changes")
@require_scope("read")
@sync_bp.input(ChangesQuery, location="query", arg_name="query")
@sync_bp.output(ChangesOut)
@sync_bp.doc(security=SECURITY_SCHEME)
def change_feed(query: dict[str, Any]) -> Response:
    """Events after txid ``after`` in commit order, grouped by transaction, gap-free.

    Only transactions up to the oldest one still open are served, so resuming from
    ``next_after`` (and ``next_after_event``) never skips or repeats an event.
    ``current_txid`` is the txid a snapshot taken now would hold.
    """
    page = changes.read_changes(services().engine, query["after"], query["limit"], query.get("after_event"))
    return json_ok(
        {
            "current_txid": page.current_txid,
            "transactions": [
                {**asdict(t), "started_at": t.started_at.isoformat()} for t in page.transactions
            ],
            "next_after": page.next_after,
            "next_after_event": page.next_after_event,
        }
    )
