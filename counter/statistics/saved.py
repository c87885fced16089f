"""Saved report definitions: a name, a report kind and a filter, rerun by anyone with
the right to statistics.  Saving again under a name replaces its definition (audited);
a definition is retired, never deleted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require_any
from counter.admin.rules.roles import Actor
from counter.clock import Clock
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from counter.statistics.reports import STATS_PERMS, Progress, report_kinds, run_report
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Report
from db.models_statistics import SavedReport


@dataclass(frozen=True)
class SavedDefinition:
    id: int
    name: str
    kind: str
    filters: StatFilter
    created_by: str


def _definition(row: SavedReport) -> SavedDefinition:
    return SavedDefinition(
        row.id, row.name, row.kind, StatFilter.from_json(row.filters), row.created_by.full_name
    )


def save_report(
    session: Session, actor: Actor, clock: Clock, name: str, kind: str, f: StatFilter
) -> SavedDefinition:
    """Save (or replace) the definition called `name`."""
    require_any(session, actor, STATS_PERMS)
    name = name.strip()
    if not name:
        raise ValidationError([_("报表名称不能为空")])
    if kind not in dict(report_kinds(actor)):
        raise ValidationError([_("没有这种统计报表：{kind}").format(kind=kind)])
    row = session.scalars(select(SavedReport).where(SavedReport.name == name)).first()
    before = None
    if row is None:
        row = SavedReport(name=name, created_at=clock.now(), created_by_id=actor.id)
        session.add(row)
    else:
        before = {"kind": row.kind, "filters": row.filters, "active": row.active}
    row.kind, row.filters, row.active, row.updated_at = kind, f.to_json(), True, clock.now()
    session.flush()
    record(session, actor, clock, "report.save", "report", name, before=before,
           after={"kind": kind, "filters": row.filters})  # fmt: skip
    return _definition(row)


def list_saved(session: Session, actor: Actor) -> list[SavedDefinition]:
    """The definitions in use that this user may run, by name."""
    require_any(session, actor, STATS_PERMS)
    allowed = dict(report_kinds(actor))
    rows = session.scalars(
        select(SavedReport).where(SavedReport.active.is_(True)).order_by(SavedReport.name)
    )
    return [_definition(r) for r in rows if r.kind in allowed]


def retire_saved(session: Session, actor: Actor, clock: Clock, report_id: int) -> None:
    require_any(session, actor, STATS_PERMS)
    row = session.get(SavedReport, report_id)
    if row is None or not row.active:
        raise NotFound(_("找不到这个报表定义"))
    row.active, row.updated_at = False, clock.now()
    record(session, actor, clock, "report.retire", "report", row.name)


def rerun_saved(
    session: Session,
    actor: Actor,
    report_id: int,
    today: dt.date,
    progress: Progress | None = None,
) -> Report:
    """Run a saved definition again with its own filter."""
    require_any(session, actor, STATS_PERMS)
    row = session.get(SavedReport, report_id)
    if row is None or not row.active:
        raise NotFound(_("找不到这个报表定义"))
    return run_report(session, actor, row.kind, StatFilter.from_json(row.filters), today, progress)
