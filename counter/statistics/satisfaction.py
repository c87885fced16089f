"""Customer feedback in the statistics: satisfaction per department and month, complaints by
object and outcome, overdue complaints per owning department, and the appointments'
no-show rate per department and month — each a GROUP BY in the database.

The same figures as `counter.feedback.figures` (satisfaction: live ratings, a rating of an
order two departments worked on counts for each of them and once overall; rate =
(satisfied + basically) / all; overdue: `counter.feedback.complaints.overdue_clause`),
narrowed by the statistics filter: the period, the departments (a complaint's owner),
and the customer, sector and region.  The service does not narrow them (a rating or a
complaint is about an order or the counter, not one service).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from counter.appointments.rules.slots import status_label as appointment_status_label
from counter.feedback.complaints import overdue_clause
from counter.feedback.rules.complaints import OPEN, Status, object_label
from counter.feedback.rules.complaints import status_label as complaint_status_label
from counter.feedback.rules.scores import Level
from counter.feedback.rules.scores import rate as satisfaction_rate
from counter.i18n import _
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Cell, Table, rate
from counter.statistics.scope import customer_conditions
from counter.statistics.sqlbits import day_month_of
from db.models import Department
from db.models_appointments import Appointment
from db.models_feedback import Complaint, Rating, RatingDepartment


def _sum(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _levels() -> tuple[ColumnElement[int], ...]:
    return tuple(_sum(Rating.level == level.value) for level in Level)


def _rating_where(f: StatFilter) -> list[ColumnElement[bool]]:
    return [
        Rating.live.is_(True),
        Rating.rated_on >= f.start,
        Rating.rated_on <= f.end,
        *customer_conditions(f, Rating.customer_id),
    ]


def _level_row(*key: Cell, counts: Any) -> tuple[Cell, ...]:
    s, b, x = (int(v) for v in counts)
    return (*key, s, b, x, s + b + x, _share(satisfaction_rate(s, b, s + b + x)))


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def satisfaction_rows(session: Session, f: StatFilter) -> tuple[list[tuple[Cell, ...]], ...]:
    """(per department and month, per department, overall): department, [month,] satisfied,
    basically, dissatisfied, ratings, rate."""
    month = day_month_of(f, Rating.rated_on).label("month")
    where = _rating_where(f)
    if f.department_ids:
        where.append(RatingDepartment.department_id.in_(f.department_ids))
    base = (
        select(Department.name)
        .select_from(Rating)
        .join(RatingDepartment, RatingDepartment.rating_id == Rating.id)
        .join(Department, Department.id == RatingDepartment.department_id)
        .where(*where)
    )
    keys = (Department.sort, Department.id, Department.name)
    monthly = base.add_columns(month, *_levels()).group_by(*keys, month).order_by(*keys, month)
    totals = base.add_columns(*_levels()).group_by(*keys).order_by(*keys)
    overall_where = _rating_where(f)
    if f.department_ids:
        rated = select(RatingDepartment.rating_id).where(
            RatingDepartment.department_id.in_(f.department_ids)
        )
        overall_where.append(Rating.id.in_(rated))
    overall = session.execute(select(*_levels()).where(*overall_where)).one()
    return (
        [_level_row(n, m, counts=c) for n, m, *c in session.execute(monthly)],
        [_level_row(n, counts=c) for n, *c in session.execute(totals)],
        [_level_row(_("合计"), counts=overall)],
    )


def satisfaction_tables(session: Session, f: StatFilter) -> tuple[Table, Table]:
    monthly, departments, overall = satisfaction_rows(session, f)
    levels = (_("满意"), _("基本满意"), _("不满意"), _("评价数"), _("满意率"))
    note = _("满意率：（满意 + 基本满意）÷ 评价数；一次评价涉及两个科室时各计一次，合计只计一次")
    return (
        Table("satisfaction", _("满意度（按科室、月份）"), (_("科室"), _("月份"), *levels),
              tuple(monthly), rates=frozenset({6}), note=note),
        Table("satisfaction_departments", _("满意度（按科室）"), (_("科室"), *levels),
              (*departments, *overall), rates=frozenset({5}), note=note),
    )  # fmt: skip


def _complaint_where(f: StatFilter) -> list[ColumnElement[bool]]:
    where = [
        Complaint.received_on >= f.start,
        Complaint.received_on <= f.end,
        *customer_conditions(f, Complaint.customer_id),
    ]
    if f.department_ids:
        where.append(Complaint.owner_department_id.in_(f.department_ids))
    return where


def complaint_tables(session: Session, f: StatFilter, today: dt.date) -> tuple[Table, Table]:
    """Complaints received in the period by object and status (the outcome so far), and
    per owning department: how many, overdue (open past the plan or answered late), still
    open past the plan, and the average working days to the answer."""
    statuses = tuple(Status)
    by_object = session.execute(
        select(Complaint.object, *(_sum(Complaint.status == s.value) for s in statuses))
        .where(*_complaint_where(f))
        .group_by(Complaint.object)
        .order_by(Complaint.object)
    ).all()
    rows: list[tuple[Cell, ...]] = []
    for obj, *counts in by_object:
        numbers = [int(n) for n in counts]
        rows.append((object_label(obj), *numbers, sum(numbers)))
    totals = [sum(int(str(r[k])) for r in rows) for k in range(1, len(statuses) + 2)]
    objects = Table(
        "complaints", _("投诉（按对象、处理结果）"),
        (_("对象"), *(complaint_status_label(s.value) for s in statuses), _("合计")),
        (*rows, (_("合计"), *totals)),
    )  # fmt: skip
    still = and_(Complaint.status.in_([s.value for s in OPEN]), Complaint.planned_date < today)
    owners: list[Any] = list(session.execute(
        select(Department.name, func.count(Complaint.id), _sum(overdue_clause(today)),
               _sum(still), func.coalesce(func.sum(Complaint.handling_days), 0),
               func.count(Complaint.handling_days))
        .join(Department, Department.id == Complaint.owner_department_id)
        .where(*_complaint_where(f))
        .group_by(Department.sort, Department.id, Department.name)
        .order_by(Department.sort, Department.id)
    ))  # fmt: skip
    late = [(str(n), int(a), int(b), int(c), int(d), int(e)) for n, a, b, c, d, e in owners]
    sums = [sum(int(r[k]) for r in late) for k in range(1, 6)]
    body = [(n, a, b, c, _average(d, e)) for n, a, b, c, d, e in late]
    overdue = Table(
        "complaints_overdue", _("投诉超期（按首问负责科室）"),
        (_("科室"), _("投诉件数"), _("超期件数"), _("仍超期未答复"), _("平均答复工作日")),
        (*body, (_("合计"), sums[0], sums[1], sums[2], _average(sums[3], sums[4]))),
        note=_("超期：未答复而已过计划日期，或答复晚于计划日期（撤回的不计）"),
    )  # fmt: skip
    return objects, overdue


def _average(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None


def no_show_rows(session: Session, f: StatFilter, today: dt.date) -> list[tuple[Cell, ...]]:
    """Per department and month: past appointments (their day before today), cancelled, not
    come, arrived, and the no-show rate = not come / (past − cancelled)."""
    last = min(f.end, today - dt.timedelta(days=1))
    if last < f.start:
        return []
    month = day_month_of(f, Appointment.day).label("month")
    where = [
        Appointment.day >= f.start,
        Appointment.day <= last,
        *customer_conditions(f, Appointment.customer_id),
    ]
    if f.department_ids:
        where.append(Appointment.department_id.in_(f.department_ids))
    keys = (Department.sort, Department.id, Department.name)
    query = (
        select(Department.name, month, func.count(Appointment.id),
               *(_sum(Appointment.status == s) for s in ("cancelled", "no_show", "arrived")))
        .join(Department, Department.id == Appointment.department_id)
        .where(*where)
        .group_by(*keys, month)
        .order_by(*keys, month)
    )  # fmt: skip
    rows: list[tuple[Cell, ...]] = []
    found: list[Any] = list(session.execute(query))
    for name, key, *counts in found:
        n, cancelled, missed, came = (int(v) for v in counts)
        rows.append((str(name), str(key), n, cancelled, missed, came, rate(missed, n - cancelled)))
    return rows


def no_show_table(session: Session, f: StatFilter, today: dt.date) -> Table:
    rows = no_show_rows(session, f, today)
    sums = [sum(int(str(r[k])) for r in rows) for k in range(2, 6)]
    total = (_("合计"), "", *sums, rate(sums[2], sums[0] - sums[1]))
    return Table(
        "no_show", _("预约爽约率（按科室、月份）"),
        (_("科室"), _("月份"), _("已过预约"), appointment_status_label("cancelled"),
         appointment_status_label("no_show"), appointment_status_label("arrived"), _("爽约率")),
        (*rows, total) if rows else (), rates=frozenset({6}),
        note=_("爽约率：未到 ÷（已过预约 − 已取消）；只计今天以前的预约"),
    )  # fmt: skip


def feedback_tables(session: Session, f: StatFilter, today: dt.date) -> tuple[Table, ...]:
    return (*satisfaction_tables(session, f), *complaint_tables(session, f, today),
            no_show_table(session, f, today))  # fmt: skip
