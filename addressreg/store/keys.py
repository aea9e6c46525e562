"""API keys: issued once as a token, stored only as a SHA-256 hash, checked per request.

A token reads ``<prefix>.<secret>``: the prefix (``ak`` + 10 hex digits) finds the key
row, the hash of the whole token proves it. Tokens carry 256 bits of randomness, so a
fast hash is enough (no password stretching); comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, text

from addressreg.store.api_schema import SCOPES


class KeyRequestError(ValueError):
    """A key cannot be created or revoked as asked (unknown scope, department or prefix).

    ``str()`` is the English reason (for logs and API clients); ``staff_message`` says the
    same in Chinese for the staff who run the CLI.
    """

    def __init__(self, reason: str, staff_message: str) -> None:
        super().__init__(reason)
        self.staff_message = staff_message


@dataclass(frozen=True)
class ApiKeyInfo:
    """What a verified key may do: its department (None for admin keys) and scopes."""

    key_id: int
    prefix: str
    department_code: str | None
    scopes: frozenset[str]
    label: str
    created_at: datetime | None = None
    revoked_at: datetime | None = None

    def allows(self, scope: str) -> bool:
        """True if the key holds ``scope`` or ``admin``."""
        return scope in self.scopes or "admin" in self.scopes

    @property
    def actor(self) -> str:
        """How the key is named in the audit log and the change log."""
        return f"apikey:{self.prefix}"


@dataclass(frozen=True)
class IssuedKey:
    """A freshly created key with its token (shown once, never stored)."""

    info: ApiKeyInfo
    token: str


def hash_token(token: str) -> str:
    """The stored form of a token (hex SHA-256)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_scopes(scopes: Sequence[str]) -> tuple[str, ...]:
    """The scopes, checked against :data:`SCOPES`; KeyRequestError names any unknown one."""
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise KeyRequestError(
            f"unknown scope(s) {unknown or '(none given)'}; allowed: {', '.join(SCOPES)}",
            f"权限 {unknown or '（未给出）'} 无效；可用：{', '.join(SCOPES)}",
        )
    return tuple(dict.fromkeys(scopes))


def _ensure_department(conn: Connection, code: str, name: str | None) -> None:
    found = conn.execute(text("SELECT 1 FROM department WHERE code = :c"), {"c": code}).first()
    if found:
        return
    if name is None:
        raise KeyRequestError(
            f"unknown department {code!r}: give its name to register it",
            f"部门 {code} 尚未登记：请用 --dept-name 给出部门名称以登记",
        )
    conn.execute(text("INSERT INTO department (code, name) VALUES (:c, :n)"), {"c": code, "n": name})


def create_key(
    engine: Engine,
    department: str | None,
    scopes: Sequence[str],
    *,
    label: str = "",
    department_name: str | None = None,
    actor: str = "cli",
) -> IssuedKey:
    """Create a key (registering the department when ``department_name`` is given); audited."""
    checked = check_scopes(scopes)
    if department is None and "admin" not in checked:
        raise KeyRequestError(
            "a key without department must have the admin scope", "不属于任何部门的密钥必须有 admin 权限"
        )
    prefix = "ak" + secrets.token_hex(5)
    token = f"{prefix}.{secrets.token_urlsafe(32)}"
    with engine.begin() as conn:
        if department is not None:
            _ensure_department(conn, department, department_name)
        row = conn.execute(
            text(
                "INSERT INTO api_key (prefix, secret_hash, department_code, scopes, label) "
                "VALUES (:p, :h, :d, :s, :l) RETURNING key_id, created_at"
            ),
            {"p": prefix, "h": hash_token(token), "d": department, "s": list(checked), "l": label},
        ).one()
        _audit(conn, actor, "api_key.create", prefix, {"department": department, "scopes": list(checked)})
    info = ApiKeyInfo(row.key_id, prefix, department, frozenset(checked), label, row.created_at)
    return IssuedKey(info=info, token=token)


def revoke_key(engine: Engine, prefix: str, *, actor: str = "cli") -> None:
    """Revoke the key with ``prefix`` (kept for the audit trail); KeyRequestError if unknown."""
    with engine.begin() as conn:
        done = conn.execute(
            text("UPDATE api_key SET revoked_at = now() WHERE prefix = :p AND revoked_at IS NULL"),
            {"p": prefix},
        ).rowcount
        if not done:
            raise KeyRequestError(f"no active key with prefix {prefix!r}", f"没有前缀为 {prefix} 的有效密钥")
        _audit(conn, actor, "api_key.revoke", prefix, {})


def list_keys(engine: Engine) -> list[ApiKeyInfo]:
    """Every key, active or revoked, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT key_id, prefix, department_code, scopes, label, created_at, revoked_at "
                "FROM api_key ORDER BY key_id"
            )
        ).all()
    return [
        ApiKeyInfo(
            r.key_id, r.prefix, r.department_code, frozenset(r.scopes), r.label, r.created_at, r.revoked_at
        )
        for r in rows
    ]


def verify_token(conn: Connection, token: str) -> ApiKeyInfo | None:
    """The active key the token belongs to, or None (unknown, revoked, or wrong secret)."""
    prefix, dot, _ = token.partition(".")
    if not dot or not prefix:
        return None
    row = conn.execute(
        text(
            "SELECT key_id, prefix, secret_hash, department_code, scopes, label FROM api_key "
            "WHERE prefix = :p AND revoked_at IS NULL"
        ),
        {"p": prefix},
    ).first()
    if row is None or not hmac.compare_digest(row.secret_hash, hash_token(token)):
        return None
    return ApiKeyInfo(row.key_id, row.prefix, row.department_code, frozenset(row.scopes), row.label)


def _audit(conn: Connection, actor: str, action: str, prefix: str, detail: dict[str, object]) -> None:
    conn.execute(
        text(
            "INSERT INTO audit_log (actor, action, entity, code, detail) "
            "VALUES (:a, :act, 'api_key', :p, CAST(:d AS jsonb))"
        ),
        {"a": actor, "act": action, "p": prefix, "d": json.dumps(detail, ensure_ascii=False)},
    )
