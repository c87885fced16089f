"""The audit log's hash chain: the head row and the canonical row hash.

Every audit row carries its sequence number, the hash of the row before it and
its own hash: SHA-256 over a canonical JSON of its fields.  Changing a row
breaks its hash, deleting one leaves a gap in the sequence, and a row slipped
in breaks the link of the row after it.  The head row holds the last sequence
number and hash, so rows cut off the end are noticed too, and it is the row
that appends lock (``SELECT … FOR UPDATE``) to keep the chain a single line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import AuditEntry, Base

GENESIS = "0" * 64
HEAD_ID = 1


class AuditChain(Base):
    """One row (id 1): the sequence number and hash of the newest audit row."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    row_hash: Mapped[str] = mapped_column(String(64))


def canonical(
    *,
    seq: int,
    at: dt.datetime,
    user_id: int | None,
    action: str,
    entity: str,
    entity_key: str,
    before: str,
    after: str,
    reason: str,
    prev_hash: str,
) -> bytes:
    """The bytes a row's hash is taken over (UTC time to the microsecond, sorted keys)."""
    fields = {
        "seq": seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "user_id": user_id,
        "action": action,
        "entity": entity,
        "entity_key": entity_key,
        "before": before,
        "after": after,
        "reason": reason,
        "prev_hash": prev_hash,
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def chain_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_hash(e: AuditEntry) -> str:
    """The hash an audit row must carry, given its sequence number and previous hash."""
    return chain_hash(
        canonical(
            seq=e.seq,
            at=e.at,
            user_id=e.user_id,
            action=e.action,
            entity=e.entity,
            entity_key=e.entity_key,
            before=e.before,
            after=e.after,
            reason=e.reason,
            prev_hash=e.prev_hash,
        )
    )


_KEY_KEY = b'"entity_key":"'
_PREV_KEY = b'"prev_hash":"'
_SEQ_KEY = b',"seq":'


def canonical_parts(e: AuditEntry, *, key_cut: bool) -> tuple[bytes, bytes, bytes, bytes]:
    """`canonical` of an entry cut around the values only the database knows when it
    appends: canonical = p1 + entity_key + p2 + prev_hash + p3 + str(seq) + p4.

    With `key_cut` False the entry's own key stays in p1 and the key between p1 and p2
    is "" (a key the appending statement writes must be plain: digits, letters).  The
    keys are sorted (…, entity_key, prev_hash, reason, seq, user_id) and a quote inside a
    value is escaped, so each cut is found once.  The database hashes the pieces itself
    (`counter.admin.audit.write`).
    """
    whole = canonical(
        seq=0,
        at=e.at,
        user_id=e.user_id,
        action=e.action,
        entity=e.entity,
        entity_key="" if key_cut else e.entity_key,
        before=e.before,
        after=e.after,
        reason=e.reason,
        prev_hash=GENESIS,
    )
    p1 = b""
    if key_cut:
        cut = whole.index(_KEY_KEY) + len(_KEY_KEY)
        p1, whole = whole[:cut], whole[cut:]
    cut = whole.index(_PREV_KEY) + len(_PREV_KEY)
    p2, rest = whole[:cut], whole[cut + len(GENESIS) :]
    cut = rest.index(_SEQ_KEY) + len(_SEQ_KEY)
    return p1, p2, rest[:cut], rest[cut + 1 :]  # the "0" of seq=0 is cut out


# Append-only: the database itself refuses to change or remove audit rows.
PG_TRIGGERS_UP = (
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
)
PG_TRIGGERS_DOWN = (
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_append_only()",
)
SQLITE_TRIGGERS_UP = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END",
)
SQLITE_TRIGGERS_DOWN = (
    "DROP TRIGGER IF EXISTS audit_log_no_update",
    "DROP TRIGGER IF EXISTS audit_log_no_delete",
)
