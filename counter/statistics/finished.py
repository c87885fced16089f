"""The finished date and turnaround that items carry for the statistics, filled in for
items finished before they were kept (the migration that added them, the benchmark's
lab copy).  New items get them from the domain action that passes their final check
(`counter.certificates.review.pass_certificate`).

An item is finished on the Beijing date of its first passed final check of an original
certificate (a reissue does not finish it again); its turnaround is the working days
after the day it was received up to and including that date (`WorkCalendar.workdays_between`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, bindparam, cast, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from counter.admin.rules.workdays import CalendarOverrides, WorkCalendar
from counter.clock import CHINA_TZ
from db.models import CalendarDay, Item
from db.models_certificates import CertificateRecord, FinalCheckRecord


def _local_date(session: Session, moment: Any) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(moment, "+8 hours")
    return cast(func.timezone("Asia/Shanghai", moment), Date)


def _calendar(session: Session) -> WorkCalendar:
    rows = list(session.execute(select(CalendarDay.day, CalendarDay.kind)))
    return WorkCalendar(
        CalendarOverrides(
            holidays=frozenset(d for d, k in rows if k == "holiday"),
            workdays=frozenset(d for d, k in rows if k == "workday"),
        )
    )


def backfill_finished(session: Session) -> int:
    """Set `finished_on` and `turnaround_days` on every finished item that lacks them;
    returns how many items got a turnaround.  Set-based: one UPDATE for the dates, then
    one per (day received, day finished) pair."""
    passes = (
        select(CertificateRecord.item_id)
        .join(FinalCheckRecord, FinalCheckRecord.certificate_id == CertificateRecord.id)
        .where(FinalCheckRecord.outcome == "passed", CertificateRecord.supersedes_id.is_(None))
    )
    # per certificate of the item, its first pass (an index seek on certificate, outcome,
    # time): nested so the database starts from the item's certificates, not every check
    per_certificate = (
        select(func.min(FinalCheckRecord.at))
        .where(
            FinalCheckRecord.certificate_id == CertificateRecord.id,
            FinalCheckRecord.outcome == "passed",
        )
        .scalar_subquery()
    )
    first = (
        select(func.min(per_certificate))
        .where(CertificateRecord.item_id == Item.id, CertificateRecord.supersedes_id.is_(None))
        .scalar_subquery()
    )
    session.execute(
        update(Item)
        .where(Item.finished_on.is_(None), Item.id.in_(passes))
        .values(finished_on=_local_date(session, first))
        .execution_options(synchronize_session=False)
    )
    received = _local_date(session, Item.created_at)
    pairs = session.execute(
        select(received, Item.finished_on, func.count())
        .where(Item.finished_on.is_not(None), Item.turnaround_days.is_(None))
        .group_by(received, Item.finished_on)
    ).all()
    if not pairs:
        return 0
    cal = _calendar(session)
    params = []
    for got, done, _n in pairs:
        day = got if isinstance(got, dt.date) else dt.date.fromisoformat(str(got))
        finished = done if isinstance(done, dt.date) else dt.date.fromisoformat(str(done))
        params.append(
            {
                "fd": finished,
                "lo": dt.datetime.combine(day, dt.time(), CHINA_TZ),
                "hi": dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), CHINA_TZ),
                "n": cal.workdays_between(day, finished),
            }
        )
    items = Item.__table__.c
    statement = (
        update(Item)
        .where(
            items.finished_on == bindparam("fd"),
            items.created_at >= bindparam("lo", type_=items.created_at.type),
            items.created_at < bindparam("hi", type_=items.created_at.type),
            items.turnaround_days.is_(None),
        )
        .values(turnaround_days=bindparam("n"))
    )
    session.connection().execute(statement, params)
    return sum(int(n) for _r, _d, n in pairs)
