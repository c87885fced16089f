"""The audit log: who did what, when, before → after, and why."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from counter.auth import Actor, Perm, require
from counter.clock import Clock
from db.models import AuditEntry, User


def _dump(values: Mapping[str, Any] | None) -> str:
    if not values:
        return ""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


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
) -> None:
    session.add(
        AuditEntry(
            at=clock.now(),
            user_id=actor.id if actor else None,
            action=action,
            entity=entity,
            entity_key=entity_key,
            before=_dump(before),
            after=_dump(after),
            reason=reason,
        )
    )


def changes(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that differ, as (before, after)."""
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user: str
    action: str
    entity: str
    entity_key: str
    before: str
    after: str
    reason: str


def list_audit(
    session: Session,
    actor: Actor,
    *,
    entity_key: str = "",
    action_prefix: str = "",
    actions: Sequence[str] = (),
    before_id: int | None = None,
    limit: int = 200,
) -> list[AuditRow]:
    """Newest first; page with `before_id` (the smallest id already shown).

    With both `action_prefix` and `actions`, an entry matches either (a code typed, or the
    codes whose readable name matched what was typed: `counter.audit_names.codes_named`).
    """
    require(actor, Perm.ADMIN)
    query = (
        select(AuditEntry, User.full_name)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    if entity_key:
        query = query.where(AuditEntry.entity_key.contains(entity_key))
    matches = [AuditEntry.action.startswith(action_prefix)] if action_prefix else []
    if actions:
        matches.append(AuditEntry.action.in_(list(actions)))
    if matches:
        query = query.where(or_(*matches))
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return [
        AuditRow(
            e.id, e.at, name or "", e.action, e.entity, e.entity_key, e.before, e.after, e.reason
        )
        for e, name in session.execute(query)
    ]
