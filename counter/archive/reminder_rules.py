"""The administrator's recall rules: lead time, grace period and escalation, per sector.

One row per sector (`db.models_archive.ReminderRule`); the row with sector "" is the
default for every sector without its own.  Without any row the built-in
`RecallRule()` applies.  Changing a rule is an audited administrator's action.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.archive.rules.due import RecallRule
from counter.clock import Clock
from counter.customers.records import SECTORS
from counter.errors import ValidationError
from counter.i18n import _
from db.models_archive import ReminderRule

DEFAULT_SECTOR = ""


def _as_rule(row: ReminderRule) -> RecallRule:
    return RecallRule(row.lead_days, row.grace_days, row.escalate_after_days)


def _fields(rule: RecallRule) -> dict[str, int]:
    return {
        "lead_days": rule.lead_days,
        "grace_days": rule.grace_days,
        "escalate_after_days": rule.escalate_after_days,
    }


def reminder_rules(session: Session) -> dict[str, RecallRule]:
    """Every rule the administrator set, by sector ("" = the default)."""
    return {row.sector: _as_rule(row) for row in session.scalars(select(ReminderRule))}


def rule_for(rules: Mapping[str, RecallRule], sector: str) -> RecallRule:
    """The sector's own rule, else the default row, else the built-in rule."""
    found = rules.get(sector)
    if found is None:
        found = rules.get(DEFAULT_SECTOR)
    return found if found is not None else RecallRule()


def set_reminder_rule(
    session: Session, actor: Actor, clock: Clock, sector: str, rule: RecallRule
) -> RecallRule:
    """Set the rule for `sector` ("" = the default); refused with every problem found."""
    require(session, actor, Perm.ADMIN)
    sector = sector.strip()
    problems = list(rule.problems())
    if sector not in SECTORS:
        problems.insert(0, _("未知行业：{sector}").format(sector=sector))
    if problems:
        raise ValidationError(problems)
    row = session.scalar(select(ReminderRule).where(ReminderRule.sector == sector))
    before = _fields(_as_rule(row)) if row is not None else {}
    if row is None:
        row = ReminderRule(sector=sector, updated_at=clock.now())
        session.add(row)
    row.lead_days = rule.lead_days
    row.grace_days = rule.grace_days
    row.escalate_after_days = rule.escalate_after_days
    row.updated_at = clock.now()
    row.updated_by_id = actor.id
    session.flush()
    old, new = changes(before, _fields(rule))
    record(
        session,
        actor,
        clock,
        "reminder_rule.set",
        "reminder_rule",
        sector or "*",
        before=old,
        after=new,
    )
    return rule
