"""The review queue: collect results that need a person, and record their decisions.

Items come from loads (department records in category C, :func:`collect_department_records`),
from ``clean`` review files (:func:`import_clean_rows`) and from staff error reports
(:func:`report_error`); see :mod:`addressreg.store.review_schema` for the table.

Deciding an item is one transaction that the caller opens (``engine.begin()``):

* **accept** links the item to the chosen building or room code and learns its address
  (一码多址): a load's department record gets that code, category ``B`` and a ``review``
  entry in its explanation (who, when, the previous code and category); the text is added
  to ``address`` (kind ``department`` with the department's code, else ``colloquial``)
  unless the code already has it;
* **reject** closes the item and leaves the registry untouched (a load's record keeps
  category C, with the rejection noted in its explanation).

Both write one ``audit_log`` entry (actor ``staff:<name>``) in the same transaction, and a
decided item is never decided again.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from addressreg.normalise import normalise
from addressreg.standard import NormalisationRules

#: Problems staff can report on a building page (key → label shown to them).
REPORT_PROBLEMS: dict[str, str] = {
    "wrong_address": "标准地址有误",
    "missing_address": "缺少地址（别名）",
    "wrong_location": "位置或轮廓有误",
    "wrong_rooms": "房屋信息有误",
    "other": "其他",
}
#: Longest staff name accepted (names are stored in the audit log as ``staff:<name>``).
STAFF_NAME_MAX = 40


class ReviewError(Exception):
    """A review action that cannot be done; the message says why (in Chinese, for staff)."""


class ItemNotFound(ReviewError):
    """No review item has that id."""


class AlreadyDecided(ReviewError):
    """The item was accepted or rejected already."""


@dataclass(frozen=True, slots=True)
class CleanReviewRow:
    """One category C row of a ``clean`` review file (row number as in the cleaned input)."""

    row: int
    address: str
    score: float
    explanation: str
    candidates: tuple[dict[str, Any], ...]  # {"code", "standard_address", "score"}, best first


@dataclass(frozen=True, slots=True)
class AuditView:
    """One audit entry of an item."""

    at: str
    actor: str
    action: str
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """A review item as staff see it, with its audit trail (oldest first)."""

    item_id: int
    origin: str
    department: str | None
    record_id: str | None
    raw_text: str
    code: str | None
    candidates: tuple[dict[str, Any], ...]
    detail: dict[str, Any]
    status: str
    created_at: str
    decided_at: str | None
    decided_by: str | None
    decided_code: str | None
    audit: tuple[AuditView, ...]


COLLECT = text("""
INSERT INTO review_item (origin, origin_key, department_code, record_id, raw_text, code, candidates, detail)
SELECT 'load', 'load:' || d.department_code || '/' || d.record_id || '/'
                || coalesce(d.explanation->'source'->>'hash', ''),
       d.department_code, d.record_id, d.raw_text, d.code,
       (SELECT coalesce(jsonb_agg(c.value ORDER BY c.rank), '[]') FROM (VALUES
            (1, d.explanation->'resolution'->'best'), (2, d.explanation->'resolution'->'runner_up')
        ) AS c(rank, value) WHERE jsonb_typeof(c.value) = 'object'),
       jsonb_build_object('score', d.score, 'explanation', d.explanation->'resolution'->'explanation',
                          'source', d.explanation->'source')
FROM department_record d
WHERE d.category = 'C' AND d.status = 'active' AND NOT d.explanation ? 'review'
ON CONFLICT (origin_key) DO NOTHING
""")


def collect_department_records(conn: Connection) -> int:
    """Queue every active category C department record not queued yet; returns how many."""
    return int(conn.execute(COLLECT).rowcount)


def import_clean_rows(
    conn: Connection, rows: Iterable[CleanReviewRow], file_name: str, file_digest: str, department: str | None
) -> tuple[int, int]:
    """Queue the rows of a clean review file; a row queued before is skipped.

    Returns:
        (rows queued, rows already in the queue).
    """
    added = skipped = 0
    for row in rows:
        best = row.candidates[0]["code"] if row.candidates else None
        detail = {"file": file_name, "row": row.row, "score": row.score, "explanation": row.explanation}
        inserted = conn.execute(
            text(
                "INSERT INTO review_item (origin, origin_key, department_code, raw_text, code, candidates, "
                "detail) VALUES ('clean', :key, :dept, :raw, :code, CAST(:cands AS jsonb), "
                "CAST(:detail AS jsonb)) ON CONFLICT (origin_key) DO NOTHING"
            ),
            {
                "key": f"clean:{file_digest}/{row.row}",
                "dept": department,
                "raw": row.address,
                "code": best if best and len(best) in (19, 25) else None,
                "cands": _json(list(row.candidates)),
                "detail": _json(detail),
            },
        ).rowcount
        added += inserted
        skipped += 1 - inserted
    if added:
        conn.execute(text("SELECT set_config('addressreg.actor', 'cli:review import', true)"))
        summary = {"file": file_name, "digest": file_digest, "queued": added, "already_queued": skipped}
        _audit(conn, "cli:review import", "review.import", department, summary, entity="review_file")
    return added, skipped


def report_error(
    conn: Connection, building_code: str, reporter: str, problem: str, suggested_text: str, note: str
) -> int:
    """Queue a staff report about building ``building_code``; returns the new item's id."""
    if problem not in REPORT_PROBLEMS:
        raise ReviewError(f"未知的问题类型 {problem!r}，应为 {'、'.join(REPORT_PROBLEMS)} 之一")
    reporter = _staff(reporter)
    standard = conn.execute(
        text(
            "SELECT b.code, (SELECT a.text FROM address a WHERE a.code = b.code AND a.kind = 'standard' "
            "AND a.valid_to IS NULL ORDER BY a.address_id LIMIT 1) FROM building b WHERE b.code = :c"
        ),
        {"c": building_code},
    ).first()
    if standard is None:
        raise ItemNotFound(f"没有编码为 {building_code} 的楼栋")
    _set_actor(conn, reporter)
    detail = {
        "problem": problem,
        "problem_title": REPORT_PROBLEMS[problem],
        "suggested_text": suggested_text.strip(),
        "note": note.strip(),
    }
    item_id: int = conn.execute(
        text(
            "INSERT INTO review_item (origin, origin_key, raw_text, code, candidates, detail) VALUES "
            "('report', :key, :raw, :code, CAST(:cands AS jsonb), CAST(:detail AS jsonb)) RETURNING item_id"
        ),
        {
            "key": f"report:{uuid.uuid4()}",
            "raw": suggested_text.strip() or (standard[1] or building_code),
            "code": building_code,
            "cands": _json([{"code": building_code, "standard_address": standard[1], "score": None}]),
            "detail": _json(detail),
        },
    ).scalar_one()
    _audit(conn, f"staff:{reporter}", "review.report", building_code, {"item_id": item_id, **detail})
    return item_id


def accept(
    conn: Connection, item_id: int, code: str, staff: str, rules: NormalisationRules, note: str = ""
) -> bool:
    """Accept item ``item_id`` as naming ``code``: link, learn, audit; True if an address was learned."""
    staff = _staff(staff)
    item = _open_item(conn, item_id)
    if conn.execute(_CODE_EXISTS, {"c": code}).first() is None:
        raise ReviewError(f"编码 {code} 不是登记在册的楼栋（19 位）或房屋（25 位）编码")
    _set_actor(conn, staff)
    review = {"item_id": item_id, "decision": "accepted", "by": staff, "note": note}
    if item["origin"] == "load":
        _mark_record(conn, item, review, code=code)
    learned_text = _text_to_learn(item)
    learned = bool(learned_text) and _learn(conn, code, learned_text, item["department_code"], rules)
    _decide(conn, item_id, "accepted", staff, code, note)
    _audit(
        conn, f"staff:{staff}", "review.accept", code, {**review, "text": learned_text, "learned": learned}
    )
    return learned


def reject(conn: Connection, item_id: int, staff: str, note: str = "") -> None:
    """Reject item ``item_id``: nothing is linked or learned; the decision is audited."""
    staff = _staff(staff)
    item = _open_item(conn, item_id)
    _set_actor(conn, staff)
    review = {"item_id": item_id, "decision": "rejected", "by": staff, "note": note}
    if item["origin"] == "load":
        _mark_record(conn, item, review, code=None)
    _decide(conn, item_id, "rejected", staff, None, note)
    _audit(conn, f"staff:{staff}", "review.reject", item["code"], review)


def list_items(conn: Connection, status: str, limit: int) -> list[ReviewEntry]:
    """Items of ``status`` (open: oldest first; decided: latest decision first)."""
    order = "item_id" if status == "open" else "decided_at DESC, item_id DESC"
    ids = conn.execute(
        text(f"SELECT item_id FROM review_item WHERE status = :s ORDER BY {order} LIMIT :n"),
        {"s": status, "n": limit},
    ).scalars()
    return [entry for entry in (get_item(conn, i) for i in ids) if entry is not None]


def count_items(conn: Connection) -> dict[str, int]:
    """How many items each status holds."""
    rows = conn.execute(text("SELECT status, count(*) FROM review_item GROUP BY status")).all()
    return {"open": 0, "accepted": 0, "rejected": 0, **{s: int(n) for s, n in rows}}


def get_item(conn: Connection, item_id: int) -> ReviewEntry | None:
    """Item ``item_id`` with its audit trail, or None."""
    row = (
        conn.execute(text("SELECT * FROM review_item WHERE item_id = :i"), {"i": item_id}).mappings().first()
    )
    if row is None:
        return None
    audit = conn.execute(
        text(
            "SELECT at, actor, action, detail FROM audit_log WHERE entity = 'review_item' "
            "AND detail->>'item_id' = :i ORDER BY audit_id"
        ),
        {"i": str(item_id)},
    ).all()
    return ReviewEntry(
        item_id=row["item_id"],
        origin=row["origin"],
        department=row["department_code"],
        record_id=row["record_id"],
        raw_text=row["raw_text"],
        code=row["code"],
        candidates=tuple(row["candidates"]),
        detail=dict(row["detail"]),
        status=row["status"],
        created_at=row["created_at"].isoformat(),
        decided_at=row["decided_at"] and row["decided_at"].isoformat(),
        decided_by=row["decided_by"],
        decided_code=row["decided_code"],
        audit=tuple(AuditView(a.at.isoformat(), a.actor, a.action, dict(a.detail)) for a in audit),
    )


_CODE_EXISTS = text(
    "SELECT 1 FROM building WHERE code = :c AND status <> 'retired' "
    "UNION ALL SELECT 1 FROM room WHERE code = :c AND status <> 'retired'"
)


def _open_item(conn: Connection, item_id: int) -> dict[str, Any]:
    row = (
        conn.execute(text("SELECT * FROM review_item WHERE item_id = :i FOR UPDATE"), {"i": item_id})
        .mappings()
        .first()
    )
    if row is None:
        raise ItemNotFound(f"没有编号为 {item_id} 的待审核条目")
    if row["status"] != "open":
        state = "已接受" if row["status"] == "accepted" else "已驳回"
        raise AlreadyDecided(
            f"条目 {item_id} 已由 {row['decided_by']} 于 {row['decided_at']:%Y-%m-%d %H:%M} {state}"
        )
    return dict(row)


def _text_to_learn(item: dict[str, Any]) -> str:
    if item["origin"] == "report":
        return str(item["detail"].get("suggested_text") or "")
    return str(item["raw_text"])


def _learn(
    conn: Connection, code: str, address: str, department: str | None, rules: NormalisationRules
) -> bool:
    normalised = normalise(address, rules)
    if not normalised:
        return False
    return bool(
        conn.execute(
            text(
                "INSERT INTO address (code, text, normalised, kind, department_code) "
                "SELECT CAST(:c AS varchar), :t, CAST(:n AS text), :k, :d WHERE NOT EXISTS "
                "(SELECT 1 FROM address WHERE code = :c AND normalised = :n AND valid_to IS NULL)"
            ),
            {
                "c": code,
                "t": address,
                "n": normalised,
                "k": "department" if department else "colloquial",
                "d": department,
            },
        ).rowcount
    )


def _mark_record(conn: Connection, item: dict[str, Any], review: dict[str, Any], code: str | None) -> None:
    updated = conn.execute(
        text(
            "UPDATE department_record SET code = coalesce(:code, code), "
            "category = CASE WHEN :code IS NULL THEN category ELSE 'B' END, updated_at = now(), "
            "explanation = explanation || jsonb_build_object('review', CAST(:review AS jsonb) || "
            "jsonb_build_object('at', now(), 'previous_code', code, 'previous_category', category)) "
            "WHERE department_code = :d AND record_id = :r"
        ),
        {"code": code, "review": _json(review), "d": item["department_code"], "r": item["record_id"]},
    ).rowcount
    if updated != 1:
        raise ReviewError(f"部门记录 {item['department_code']}/{item['record_id']} 已不存在")


def _decide(conn: Connection, item_id: int, status: str, staff: str, code: str | None, note: str) -> None:
    conn.execute(
        text(
            "UPDATE review_item SET status = :s, decided_at = now(), decided_by = :by, decided_code = :c, "
            "detail = detail || jsonb_build_object('decision_note', CAST(:note AS text)) WHERE item_id = :i"
        ),
        {"s": status, "by": staff, "c": code, "note": note, "i": item_id},
    )


def _staff(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > STAFF_NAME_MAX:
        raise ReviewError(f"请填写经办人姓名（1 至 {STAFF_NAME_MAX} 个字）")
    return name


def _set_actor(conn: Connection, staff: str) -> None:
    conn.execute(text("SELECT set_config('addressreg.actor', :a, true)"), {"a": f"staff:{staff}"})


def _audit(
    conn: Connection,
    actor: str,
    action: str,
    code: str | None,
    detail: dict[str, Any],
    entity: str = "review_item",
) -> None:
    conn.execute(
        text(
            "INSERT INTO audit_log (txid, actor, action, entity, code, detail) "
            "VALUES (registry_txid(), :a, :act, :e, :c, CAST(:d AS jsonb))"
        ),
        {"a": actor, "act": action, "e": entity, "c": code, "d": _json(detail)},
    )


def _json(value: Sequence[Any] | dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)
