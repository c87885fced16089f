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


# PostgreSQL: one entry locked, hashed, inserted and made the head in one statement, so the
# head row's lock is held for one round trip before the commit.  The row's canonical bytes
# come cut around the two values only the head knows (`db.models_audit.canonical_parts`).
_APPEND_PG = text(
    """
    WITH head AS (
        SELECT seq + 1 AS seq, row_hash AS prev FROM audit_chain WHERE id = :head_id FOR UPDATE
    ), entry AS (
        INSERT INTO audit_log (seq, prev_hash, row_hash, at, user_id, action, entity,
                               entity_key, "before", "after", reason)
        SELECT head.seq, head.prev,
               encode(sha256(:part1 || convert_to(head.prev, 'UTF8') || :part2
                             || convert_to(head.seq::text, 'UTF8') || :part3), 'hex'),
               :at, :user_id, :action, :entity, :entity_key, :before, :after, :reason
        FROM head
        RETURNING seq, row_hash
    )
    UPDATE audit_chain SET seq = entry.seq, row_hash = entry.row_hash
    FROM entry WHERE audit_chain.id = :head_id RETURNING audit_chain.seq
    """
).bindparams(
    bindparam("part1", type_=LargeBinary),
    bindparam("part2", type_=LargeBinary),
    bindparam("part3", type_=LargeBinary),
    bindparam("at", type_=UTCDateTime()),
)


def _append_on_server(conn: Connection, entries: list[AuditEntry]) -> list[AuditEntry]:
    """Append `entries` in the database; those left when the head row is missing."""
    for n, entry in enumerate(entries):
        part1, part2, part3 = canonical_parts(entry)
        appended = conn.execute(
            _APPEND_PG,
            {
                "head_id": HEAD_ID,
                "part1": part1,
                "part2": part2,
                "part3": part3,
                "at": entry.at,
                "user_id": entry.user_id,
                "action": entry.action,
                "entity": entry.entity,
                "entity_key": entry.entity_key,
                "before": entry.before,
                "after": entry.after,
                "reason": entry.reason,
            },
        ).scalar()
        if appended is None:  # an emptied database: the chain starts again
            return entries[n:]
    return []


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
