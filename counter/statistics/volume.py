"""Units (台件) and orders received, finished, released and returned unprocessed,
per department and month.  Received and finished: one index range count per department ×
month cell (items carry their finished date); released and returned: one GROUP BY over
the two kinds of event."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, literal, select, true, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from counter.i18n import _
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Cell, Table, merge_cells
from counter.statistics.scope import item_conditions
from counter.statistics.sqlbits import bounds, month_days, month_of, month_table
from db.models import Department, Item
from db.models_release import Release, ReleaseItem, UnprocessedReturn

KINDS = ("received", "finished", "released", "returned")


def _events(session: Session, f: StatFilter):  # type: ignore[no-untyped-def]
    lo, hi = bounds(f)
    scope = item_conditions(f)
    unprocessed = select(UnprocessedReturn.item_id)
    released = (
        select(Item.department_id, month_of(f, Release.at).label("month"),
               literal("released").label("kind"), Item.order_id)
        .select_from(Release)
        .join(ReleaseItem, ReleaseItem.release_id == Release.id)
        .join(Item, Item.id == ReleaseItem.item_id)
        .where(Release.at >= lo, Release.at < hi, Item.id.not_in(unprocessed), *scope)
    )  # fmt: skip
    returned = (
        select(Item.department_id, month_of(f, UnprocessedReturn.at), literal("returned"),
               Item.order_id)
        .select_from(UnprocessedReturn)
        .join(Item, Item.id == UnprocessedReturn.item_id)
        .where(UnprocessedReturn.at >= lo, UnprocessedReturn.at < hi, *scope)
    )  # fmt: skip
    return union_all(released, returned).subquery("events")


def _departments(f: StatFilter):  # type: ignore[no-untyped-def]
    depts = select(Department.id, Department.name, Department.sort)
    if f.department_ids:
        depts = depts.where(Department.id.in_(f.department_ids))
    return depts.subquery("d")


def _grid(
    session: Session, f: StatFilter, months: Any, cell: tuple[ColumnElement[bool], ...], d: Any
) -> dict[tuple[str, str], tuple[int, ...]]:
    units: Any = func.count()
    orders: Any = func.count(func.distinct(Item.order_id))
    if session.get_bind().dialect.name == "postgresql":
        # both counts from one read of the cell's index range (a LATERAL subquery), not
        # one read each: 1.3 s -> 0.7 s for a year of 3,280,000 items (SQLite has no LATERAL)
        counted = select(units.label("units"), orders.label("orders")).where(*cell).lateral()
        query = (
            select(d.c.name, months.c.key, counted.c.units, counted.c.orders)
            .select_from(d)
            .join(months, true())
            .join(counted, true())
        )
    else:
        units = select(units).where(*cell).scalar_subquery()
        orders = select(orders).where(*cell).scalar_subquery()
        query = select(d.c.name, months.c.key, units, orders).select_from(d).join(months, true())
    return {(n, m): (int(u), int(o)) for n, m, u, o in session.execute(query) if u}


def _received(session: Session, f: StatFilter) -> dict[tuple[str, str], tuple[int, ...]]:
    """(department, month) → (units, orders) received, then finished: one index range count
    per cell of the department × month grid (items carry an index on department, time,
    status, order, and one on department, finished date, order)."""
    months, d = month_table(f), _departments(f)
    cell = (
        Item.department_id == d.c.id, Item.created_at >= months.c.lo,
        Item.created_at < months.c.hi, Item.status != "voided", *item_conditions(f),
    )  # fmt: skip
    received = _grid(session, f, months, cell, d)
    days = month_days(f)
    cell = (
        Item.department_id == d.c.id, Item.finished_on >= days.c.lo,
        Item.finished_on < days.c.hi, *item_conditions(f),
    )  # fmt: skip
    finished = _grid(session, f, days, cell, d)
    return {
        key: (*received.get(key, (0, 0)), *finished.get(key, (0, 0)))
        for key in set(received) | set(finished)
    }


def volume_rows(session: Session, f: StatFilter) -> list[tuple[Any, ...]]:
    """(department, month, units and orders for each of KINDS…), ordered by department and month."""
    ev = _events(session, f)
    counts: list[ColumnElement[Any]] = []
    for kind in KINDS[2:]:
        counts.append(func.sum(case((ev.c.kind == kind, 1), else_=0)))
        counts.append(func.count(func.distinct(case((ev.c.kind == kind, ev.c.order_id)))))
    grouped = (
        select(ev.c.department_id, ev.c.month, *counts)
        .group_by(ev.c.department_id, ev.c.month)
        .subquery("grouped")
    )
    query = select(Department.name, *list(grouped.c)[1:]).join(
        grouped, grouped.c.department_id == Department.id
    )
    later = {(r[0], r[1]): tuple(int(v) for v in r[2:]) for r in session.execute(query)}
    order = {n: k for k, n in enumerate(session.scalars(
        select(Department.name).order_by(Department.sort, Department.name)))}  # fmt: skip
    return merge_cells(_received(session, f), later, order, (4, 4))


def volume_table(session: Session, f: StatFilter) -> Table:
    rows = volume_rows(session, f)
    columns = (
        _("科室"), _("月份"),
        _("收件台件"), _("收件单数"), _("完成台件"), _("完成单数"),
        _("发放台件"), _("发放单数"), _("退回未检台件"), _("退回未检单数"),
    )  # fmt: skip
    totals = tuple(sum(int(r[k]) for r in rows) for k in range(2, 10))
    body: tuple[tuple[Cell, ...], ...] = tuple(tuple(r) for r in rows)
    return Table(
        "volume", _("台件与单数（按科室、月份）"), columns, (*body, (_("合计"), "", *totals))
    )
