"""Promises kept: on-time rate against the promised date, the turnaround in working days
(histogram, median, 90th percentile), and today's overdue backlog per department.

An item is finished when its certificate first passes the final check; the item then
keeps that date and its turnaround in working days (`Item.finished_on`,
`Item.turnaround_days`, see `counter.statistics.finished`), so the histogram is one
GROUP BY over an index range and no item row reaches Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from counter.i18n import _
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Table, median, percentile, rate
from counter.statistics.scope import item_conditions
from db.models import Department, Item

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


def turnaround(session: Session, f: StatFilter, today: dt.date) -> Turnaround:
    """(working days, items, of them on time) per turnaround, summed up here: one index
    range per number of working days between the smallest and the largest any item took
    (read in the index's order, so the database neither sorts nor hashes the items).
    `today` is kept for the callers (the turnaround no longer depends on it)."""
    least = select(func.min(Item.turnaround_days)).scalar_subquery()
    most = select(func.max(Item.turnaround_days)).scalar_subquery()
    low, high = session.execute(select(least, most)).one()
    if low is None:
        return Turnaround(0, 0, ())
    kept = func.sum(case((Item.finished_on <= Item.promised_date, 1), else_=0))
    rows = session.execute(
        select(Item.turnaround_days, func.count(), kept)
        .where(
            Item.turnaround_days.in_(range(int(low), int(high) + 1)),
            Item.finished_on >= f.start,
            Item.finished_on <= f.end,
            *item_conditions(f),
        )
        .group_by(Item.turnaround_days)
        .order_by(Item.turnaround_days)
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
