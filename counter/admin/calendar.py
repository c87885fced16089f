"""The working-day calendar: official data plus the administrator's own days."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.admin.rules.workdays import CalendarOverrides, WorkCalendar
from counter.clock import CHINA_TZ, Clock
from counter.errors import ValidationError
from counter.i18n import _
from db.models import CalendarDay, Item


def load_calendar(session: Session) -> WorkCalendar:
    rows = list(session.scalars(select(CalendarDay)))
    return WorkCalendar(
        CalendarOverrides(
            holidays=frozenset(r.day for r in rows if r.kind == "holiday"),
            workdays=frozenset(r.day for r in rows if r.kind == "workday"),
        )
    )


def list_days(session: Session) -> list[CalendarDay]:
    return list(session.scalars(select(CalendarDay).order_by(CalendarDay.day)))


def set_day(
    session: Session, actor: Actor, clock: Clock, day: dt.date, kind: str, name: str = ""
) -> None:
    """Enter a holiday or a make-up working day; kind "" removes the entry."""
    require(session, actor, Perm.ADMIN)
    if kind not in ("holiday", "workday", ""):
        raise ValidationError([_("日期类型只能是节假日或调休工作日")])
    was_workday = load_calendar(session).is_workday(day)
    row = session.get(CalendarDay, day)
    before = {"kind": row.kind, "name": row.name} if row else {}
    if kind == "":
        if row is not None:
            session.delete(row)  # a calendar entry is configuration, not a record
    elif row is None:
        session.add(CalendarDay(day=day, kind=kind, name=name.strip()))
    else:
        row.kind, row.name = kind, name.strip()
    record(
        session,
        actor,
        clock,
        "calendar.set",
        "calendar",
        day.isoformat(),
        before=before,
        after={"kind": kind, "name": name} if kind else {},
    )
    session.flush()
    _recount_turnaround(session, day, load_calendar(session).is_workday(day) - was_workday)


def _recount_turnaround(session: Session, day: dt.date, change: int) -> None:
    """A day that became (or stopped being) a working day lengthens (shortens) by one the
    turnaround of every item received before it and finished on or after it."""
    if change == 0:
        return
    start = dt.datetime.combine(day, dt.time(), CHINA_TZ)
    session.execute(
        update(Item)
        .where(Item.finished_on >= day, Item.created_at < start)
        .values(turnaround_days=Item.turnaround_days + change)
        .execution_options(synchronize_session=False)
    )
