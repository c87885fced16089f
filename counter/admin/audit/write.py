"""Appending to the audit log: only the actions that audit themselves come here.

`record()` does not write at once.  It keeps the entry with the session, and
when the session commits the entries are numbered and chained onto the log
(`db.models_audit`) under a lock on the chain's head row — taken as late as
possible, so counters saving at once wait for each other only for the moment
of the commit.  Entries made inside a savepoint that is rolled back are
dropped with it.

An import-linter contract keeps `ui`, `printing` and the command line from
importing this module: nobody writes an audit row by hand.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, LargeBinary, bindparam, event, select, text
from sqlalchemy.orm import Session, SessionTransaction

from counter.clock import Clock
from db.models import AuditEntry, UTCDateTime
from db.models_audit import GENESIS, HEAD_ID, AuditChain, canonical_parts, entry_hash

if TYPE_CHECKING:
    from counter.admin.rules.roles import Actor

_PENDING = "counter.audit.pending"
# entries waiting for the commit, each with the savepoints it was made in
_Pending = list[tuple[AuditEntry, tuple["SessionTransaction", ...]]]


def changes(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that differ, as (before, after)."""
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _dump(values: Mapping[str, Any] | None) -> str:
    if not values:
        return ""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def _savepoints(session: Session) -> tuple[SessionTransaction, ...]:
    """The open savepoints an entry is made in, innermost first."""
    found: list[SessionTransaction] = []
    transaction = session.get_nested_transaction()
    while transaction is not None and transaction.nested:
        found.append(transaction)
        transaction = transaction.parent
    return tuple(found)


def record(
    session: Session,
    actor: Actor | None,
    clock: Clock,
    action: str,
    entity: str,
    entity_key: str,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
    user_id: int | None = None,
) -> None:
    """Audit one action; the entry is chained onto the log when the session commits.

    `user_id` names the user where there is no actor yet (a login attempt).
    """
    entry = AuditEntry(
        at=clock.now(),
        user_id=actor.id if actor else user_id,
        action=action,
        entity=entity,
        entity_key=entity_key,
        before=_dump(before),
        after=_dump(after),
        reason=reason,
    )
    session.info.setdefault(_PENDING, []).append((entry, _savepoints(session)))


def _head(session: Session) -> AuditChain:
    query = select(AuditChain).where(AuditChain.id == HEAD_ID).with_for_update()
    head = session.scalar(query.execution_options(populate_existing=True))
    if head is None:  # an emptied database: the chain starts again
        head = AuditChain(id=HEAD_ID, seq=0, row_hash=GENESIS)
        session.add(head)
    return head


@event.listens_for(Session, "before_commit")
def _append(session: Session) -> None:
    """Number and chain the session's entries, under the head row's lock."""
    if session.get_nested_transaction() is not None:
        return  # a savepoint is released: its entries wait for the real commit
    pending: _Pending = session.info.pop(_PENDING, [])
    if not pending:
        return
    session.flush()  # the action's own writes first: only the appends wait for the lock
    entries = [entry for entry, _savepoint in pending]
    if session.get_bind().dialect.name == "postgresql":
        entries = _append_on_server(session.connection(), entries)
    if not entries:
        return
    head = _head(session)
    seq, prev = head.seq, head.row_hash
    for entry in entries:
        seq += 1
        entry.seq, entry.prev_hash = seq, prev
        entry.row_hash = prev = entry_hash(entry)
        session.add(entry)
    head.seq, head.row_hash = seq, prev


# PostgreSQL: an entry locked, hashed, inserted and made the head by the statement that
# writes it, so the head row's lock is held from that statement to the commit only.  The
# statement names the entry's key in a CTE `keyed (key, key_json)` — key_json is the key as
# it stands in the canonical JSON, or '' when the key is already in :audit_p1 — and the
# row's canonical bytes come cut around what only the head knows
# (`db.models_audit.canonical_parts`).
APPEND_CTES = """
    head AS (
        SELECT audit_chain.seq + 1 AS seq, audit_chain.row_hash AS prev,
               keyed.key, keyed.key_json
        FROM audit_chain, keyed WHERE audit_chain.id = :audit_head FOR UPDATE OF audit_chain
    ), entry AS (
        INSERT INTO audit_log (seq, prev_hash, row_hash, at, user_id, action, entity,
                               entity_key, "before", "after", reason)
        SELECT head.seq, head.prev,
               encode(sha256(:audit_p1 || convert_to(head.key_json, 'UTF8') || :audit_p2
                             || convert_to(head.prev, 'UTF8') || :audit_p3
                             || convert_to(head.seq::text, 'UTF8') || :audit_p4), 'hex'),
               :audit_at, :audit_user_id, :audit_action, :audit_entity, head.key,
               :audit_before, :audit_after, :audit_reason
        FROM head
        RETURNING seq, row_hash
    ), chained AS (
        UPDATE audit_chain SET seq = entry.seq, row_hash = entry.row_hash
        FROM entry WHERE audit_chain.id = :audit_head RETURNING audit_chain.seq
    )"""
APPEND_BINDS = (
    bindparam("audit_p1", type_=LargeBinary),
    bindparam("audit_p2", type_=LargeBinary),
    bindparam("audit_p3", type_=LargeBinary),
    bindparam("audit_p4", type_=LargeBinary),
    bindparam("audit_at", type_=UTCDateTime()),
)
_APPEND_PG = text(
    "WITH keyed AS (SELECT CAST(:audit_key AS varchar) AS key, '' AS key_json), "
    + APPEND_CTES
    + " SELECT seq FROM chained"
).bindparams(*APPEND_BINDS)


def _append_params(entry: AuditEntry, *, key_cut: bool) -> dict[str, Any]:
    p1, p2, p3, p4 = canonical_parts(entry, key_cut=key_cut)
    return {
        "audit_head": HEAD_ID,
        "audit_p1": p1,
        "audit_p2": p2,
        "audit_p3": p3,
        "audit_p4": p4,
        "audit_at": entry.at,
        "audit_user_id": entry.user_id,
        "audit_action": entry.action,
        "audit_entity": entry.entity,
        "audit_before": entry.before,
        "audit_after": entry.after,
        "audit_reason": entry.reason,
    }


def _append_on_server(conn: Connection, entries: list[AuditEntry]) -> list[AuditEntry]:
    """Append `entries` in the database; those left when the head row is missing."""
    for n, entry in enumerate(entries):
        params = {**_append_params(entry, key_cut=False), "audit_key": entry.entity_key}
        if conn.execute(_APPEND_PG, params).scalar() is None:
            return entries[n:]  # an emptied database: the chain starts again
    return []


def keyed_entry(
    session: Session,
    actor: Actor,
    clock: Clock,
    action: str,
    entity: str,
    *,
    after: Mapping[str, Any] | None = None,
) -> dict[str, Any] | None:
    """The parameters of `APPEND_CTES` (and `APPEND_BINDS`) for auditing an action in the
    statement that writes it, its key plain text the statement knows (a number it takes).

    None where the entry must be `record`ed instead: not PostgreSQL, or entries of the
    session already wait for the commit (the chain keeps the order the actions were done
    in).  A statement that appends takes the head row's lock to the commit: it must be the
    action's last.
    """
    if session.get_bind().dialect.name != "postgresql" or session.info.get(_PENDING):
        return None
    entry = AuditEntry(
        at=clock.now(),
        user_id=actor.id,
        action=action,
        entity=entity,
        entity_key="",
        before="",
        after=_dump(after),
        reason="",
    )
    return _append_params(entry, key_cut=True)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous_transaction: SessionTransaction) -> None:
    """A rolled-back savepoint takes its entries with it; a full rollback takes all."""
    pending = session.info.get(_PENDING)
    if not pending:
        return
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)
        return
    session.info[_PENDING] = [
        (entry, savepoints)
        for entry, savepoints in pending
        if not any(s is previous_transaction for s in savepoints)
    ]


@event.listens_for(Session, "after_transaction_end")
def _clear(session: Session, transaction: SessionTransaction) -> None:
    """Whatever ended the transaction (commit, rollback, close), nothing waits past it."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
