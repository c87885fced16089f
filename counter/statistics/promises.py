"""Promises kept: on-time rate against the promised date, the turnaround in working days
(histogram, median, 90th percentile), and today's overdue backlog per department.

An item is finished when its certificate first passes the final check.  The
database groups the finished items by (received day, finished day, promised day)
and maps days to working-day numbers through the `wd` table, so no item row
reaches Python.  Items received more than `LOOKBACK_DAYS` before the period are
left out of the turnaround (not of the on-time rate).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from counter.i18n import _
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Table, median, percentile, rate
from counter.statistics.scope import finished_in, item_conditions
from counter.statistics.sqlbits import (
    bounds,
    calendar_exceptions,
    date_day,
    local_day,
    workday_number,
)
from db.models import Department, Item

LOOKBACK_DAYS = 400
OPEN = ("received", "in_lab", "cert_drafted", "on_hold")


@dataclass(frozen=True)
class Turnaround:
    finished: int
    on_time: int
    histogram: tuple[tuple[int, int], ...]  # (working days, items)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.on_time, self.finished)

    @property
    def median(self) -> int | None:
        return median(self.histogram)

    @property
    def p90(self) -> int | None:
        return percentile(self.histogram, 0.9)


def _pairs(session: Session, f: StatFilter):  # type: ignore[no-untyped-def]
    lo, hi = bounds(f)
    done = finished_in(lo, hi)
    rd = local_day(session, Item.created_at).label("rd")
    fd = local_day(session, done.c.at).label("fd")
    pd = date_day(session, Item.promised_date).label("pd")
    return (
        select(rd, fd, pd, func.count().label("n"))
        .select_from(done)
        .join(Item, Item.id == done.c.item_id)
        .where(*item_conditions(f))
        .group_by(rd, fd, pd)
        .subquery("pairs")
    )


def turnaround(session: Session, f: StatFilter, today: dt.date) -> Turnaround:
    """One pass: (working days, items, of them on time) per turnaround, summed up here."""
    pairs = _pairs(session, f)
    ex = calendar_exceptions(session, f.start - dt.timedelta(days=LOOKBACK_DAYS), max(f.end, today))
    days = (workday_number(pairs.c.fd, ex) - workday_number(pairs.c.rd, ex)).label("days")
    kept = case((pairs.c.fd <= pairs.c.pd, pairs.c.n), else_=0).label("kept")
    per_pair = select(days, pairs.c.n, kept).subquery("per_pair")
    rows = session.execute(
        select(per_pair.c.days, func.sum(per_pair.c.n), func.sum(per_pair.c.kept))
        .group_by(per_pair.c.days)
        .order_by(per_pair.c.days)
    ).all()
    histogram = tuple((int(d), int(n)) for d, n, _k in rows)
    return Turnaround(sum(n for _d, n in histogram), sum(int(k) for _d, _n, k in rows), histogram)


def overdue_backlog(
    session: Session, f: StatFilter, today: dt.date
) -> list[tuple[str, int, dt.date]]:
    """(department, open items past their promised date today, the oldest promised date)."""
    query = (
        select(Department.name, func.count(), func.min(Item.promised_date))
        .select_from(Item)
        .join(Department, Department.id == Item.department_id)
        .where(Item.status.in_(OPEN), Item.promised_date < today, *item_conditions(f))
        .group_by(Department.id, Department.name, Department.sort)
        .order_by(Department.sort, Department.name)
    )
    return [(str(d), int(n), oldest) for d, n, oldest in session.execute(query)]


def promise_tables(session: Session, f: StatFilter, today: dt.date) -> tuple[Table, ...]:
    t = turnaround(session, f, today)
    summary = Table(
        "promises", _("承诺兑现"),
        (_("完成台件"), _("按期完成"), _("按期率"), _("中位数（工作日）"), _("90% 分位（工作日）")),
        ((t.finished, t.on_time, t.on_time_rate, t.median, t.p90),),
        rates=frozenset({2}),
    )  # fmt: skip
    hist = Table("turnaround", _("周期分布（工作日）"), (_("工作日"), _("台件")), t.histogram)
    backlog = overdue_backlog(session, f, today)
    overdue = Table(
        "overdue", _("今日超期未完成（按科室）"), (_("科室"), _("台件"), _("最早承诺日期")),
        tuple((d, n, oldest.isoformat()) for d, n, oldest in backlog),
    )  # fmt: skip
    return summary, hist, overdue
