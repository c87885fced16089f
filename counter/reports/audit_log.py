"""The audit log: who did what, when, before → after, and why — read and verified.

Rows are written only by `counter.admin.audit.write` (from the actions that audit
themselves); this module lists them and checks their hash chain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import CHINA_TZ
from counter.i18n import _
from db.models import AuditEntry, User
from db.models_audit import GENESIS, HEAD_ID, AuditChain, entry_hash


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
    codes whose readable name matched what was typed: `counter.reports.audit_names.codes_named`).
    """
    require(session, actor, Perm.ADMIN)
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


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the log is not what was written."""

    seq: int
    kind: str  # "changed" | "missing" | "link" | "head"
    message: str


@dataclass(frozen=True)
class ChainReport:
    rows: int
    head_seq: int
    head_hash: str
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None

    def message(self) -> str:
        if self.broken is not None:
            return _("审计日志被改动：{what}").format(what=self.broken.message)
        return _("审计日志完整：共 {n} 条，链尾第 {seq} 条，校验值 {hash}").format(
            n=self.rows, seq=self.head_seq, hash=self.head_hash[:16]
        )


def _in_sequence(session: Session, page: int = 1000) -> Iterator[AuditEntry]:
    after = -1
    while True:
        query = select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq)
        rows = list(session.scalars(query.limit(page)))
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1].seq


def _first_break(session: Session) -> tuple[int, int, str, ChainBreak | None]:
    rows, expected, prev = 0, 1, GENESIS
    for e in _in_sequence(session):
        rows += 1
        if e.seq != expected:
            text = _("第 {seq} 条记录缺失（被删除）").format(seq=expected)
            return rows, expected - 1, prev, ChainBreak(expected, "missing", text)
        if entry_hash(e) != e.row_hash:
            text = _("第 {seq} 条记录（{at:%Y-%m-%d %H:%M}，{action}）的内容被改动").format(
                seq=e.seq, at=e.at.astimezone(CHINA_TZ), action=e.action
            )
            return rows, e.seq, prev, ChainBreak(e.seq, "changed", text)
        if e.prev_hash != prev:
            text = _("第 {seq} 条记录接不上前一条：前一条被改写或其前插入了记录").format(seq=e.seq)
            return rows, e.seq, prev, ChainBreak(e.seq, "link", text)
        expected, prev = e.seq + 1, e.row_hash
        session.expunge(e)
    return rows, expected - 1, prev, None


def verify_chain(session: Session) -> ChainReport:
    """Walk the whole log in sequence; report the first broken link (the command line's check)."""
    rows, last_seq, last_hash, broken = _first_break(session)
    head = session.get(AuditChain, HEAD_ID)
    head_seq, head_hash = (head.seq, head.row_hash) if head else (0, GENESIS)
    if broken is None and (last_seq, last_hash) != (head_seq, head_hash):
        text = _("链尾应为第 {head} 条，实际为第 {last} 条：末尾的记录被删除或被添加").format(
            head=head_seq, last=last_seq
        )
        broken = ChainBreak(min(head_seq, last_seq) + 1, "head", text)
    return ChainReport(rows, head_seq, head_hash, broken)


def check_audit_log(session: Session, actor: Actor) -> ChainReport:
    """The administrator's check of the audit log."""
    require(session, actor, Perm.ADMIN)
    return verify_chain(session)
