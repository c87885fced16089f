"""Feedback figures for the statistics screen, counted by the database (GROUP BY), never by
loading every rating or complaint into Python.

- `satisfaction`: live ratings per level, per department and month (a rating of an order
  that two departments worked on counts for each of them), per department, and overall
  (each rating once); rate = (satisfied + basically) / all.
- `complaints_summary`: complaints by object, status, call-back kind and final score; how
  many were overdue (open past the plan, or answered late) and how many still are; the
  average working days to the answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, case, extract, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from counter.feedback.complaints import overdue_clause
from counter.feedback.rules.complaints import OPEN
from counter.feedback.rules.scores import Level, rate
from db.models import Department
from db.models_feedback import Complaint, Rating, RatingDepartment


@dataclass(frozen=True)
class FeedbackFilters:
    """A period (inclusive, the counter's dates) and optionally one department."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    department_id: int | None = None  # ratings: a department rated; complaints: the owner


@dataclass(frozen=True)
class SatisfactionRow:
    department_id: int | None  # None: every department (each rating once)
    department: str
    year: int | None  # None with month None: the whole period
    month: int | None
    satisfied: int
    basic: int
    dissatisfied: int

    @property
    def total(self) -> int:
        return self.satisfied + self.basic + self.dissatisfied

    @property
    def rate(self) -> float | None:
        return rate(self.satisfied, self.basic, self.total)


@dataclass(frozen=True)
class Satisfaction:
    by_department_month: tuple[SatisfactionRow, ...]
    by_department: tuple[SatisfactionRow, ...]
    overall: SatisfactionRow
    stars: tuple[int, int, int, int, int]  # how many gave 1, 2, 3, 4, 5 stars


@dataclass(frozen=True)
class ComplaintsSummary:
    total: int
    by_object: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    by_callback_kind: tuple[tuple[str, int], ...]
    by_final_level: tuple[tuple[str, int], ...]
    overdue: int  # open past the planned date, or answered after it
    open_overdue: int  # still open past the planned date
    average_handling_days: float | None  # working days from receipt to the answer


def _level_sums() -> tuple[ColumnElement[int], ...]:
    return tuple(
        func.coalesce(func.sum(case((Rating.level == level.value, 1), else_=0)), 0)
        for level in Level
    )


def _rating_filters(filters: FeedbackFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Rating.live.is_(True)]
    if filters.date_from:
        where.append(Rating.rated_on >= filters.date_from)
    if filters.date_to:
        where.append(Rating.rated_on <= filters.date_to)
    return where


def satisfaction(session: Session, filters: FeedbackFilters) -> Satisfaction:
    where = _rating_filters(filters)
    by_department = list(where)
    if filters.department_id:
        by_department.append(RatingDepartment.department_id == filters.department_id)
    year = extract("year", Rating.rated_on)
    month = extract("month", Rating.rated_on)
    base = (
        select(RatingDepartment.department_id, Department.name)
        .select_from(Rating)
        .join(RatingDepartment, RatingDepartment.rating_id == Rating.id)
        .join(Department, Department.id == RatingDepartment.department_id)
        .where(*by_department)
    )
    monthly = (
        base.add_columns(year, month, *_level_sums())
        .group_by(RatingDepartment.department_id, Department.name, Department.sort, year, month)
        .order_by(Department.sort, RatingDepartment.department_id, year, month)
    )
    totals = (
        base.add_columns(*_level_sums())
        .group_by(RatingDepartment.department_id, Department.name, Department.sort)
        .order_by(Department.sort, RatingDepartment.department_id)
    )
    overall_where = list(where)
    if filters.department_id:
        overall_where.append(
            Rating.id.in_(
                select(RatingDepartment.rating_id).where(
                    RatingDepartment.department_id == filters.department_id
                )
            )
        )
    overall = session.execute(select(*_level_sums()).where(*overall_where)).one()
    star_counts: dict[int | None, int] = {
        stars: int(n)
        for stars, n in session.execute(
            select(Rating.stars, func.count())
            .where(*overall_where, Rating.stars.is_not(None))
            .group_by(Rating.stars)
        )
    }
    return Satisfaction(
        by_department_month=tuple(
            SatisfactionRow(d, name, int(y), int(m), int(s), int(b), int(x))
            for d, name, y, m, s, b, x in session.execute(monthly)
        ),
        by_department=tuple(
            SatisfactionRow(d, name, None, None, int(s), int(b), int(x))
            for d, name, s, b, x in session.execute(totals)
        ),
        overall=SatisfactionRow(None, "", None, None, *(int(v) for v in overall)),
        stars=(
            star_counts.get(1, 0),
            star_counts.get(2, 0),
            star_counts.get(3, 0),
            star_counts.get(4, 0),
            star_counts.get(5, 0),
        ),
    )


def _complaint_filters(filters: FeedbackFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.date_from:
        where.append(Complaint.received_on >= filters.date_from)
    if filters.date_to:
        where.append(Complaint.received_on <= filters.date_to)
    if filters.department_id:
        where.append(Complaint.owner_department_id == filters.department_id)
    return where


def _counted(
    session: Session, column: InstrumentedAttribute[str], where: list[ColumnElement[bool]]
) -> tuple[tuple[str, int], ...]:
    query: Select[str, int] = (
        select(column, func.count()).where(*where).group_by(column).order_by(column)
    )
    return tuple((key, int(n)) for key, n in session.execute(query) if key)


def complaints_summary(
    session: Session, filters: FeedbackFilters, today: dt.date
) -> ComplaintsSummary:
    """Complaints received in the period (and owned by the department, if one is given)."""
    where = _complaint_filters(filters)
    one = func.coalesce(func.sum(case((overdue_clause(today), 1), else_=0)), 0)
    still = and_(Complaint.status.in_([s.value for s in OPEN]), Complaint.planned_date < today)
    total, overdue, open_overdue, average = session.execute(
        select(
            func.count(Complaint.id),
            one,
            func.coalesce(func.sum(case((still, 1), else_=0)), 0),
            func.avg(Complaint.handling_days),
        ).where(*where)
    ).one()
    return ComplaintsSummary(
        total=int(total),
        by_object=_counted(session, Complaint.object, where),
        by_status=_counted(session, Complaint.status, where),
        by_callback_kind=_counted(session, Complaint.callback_kind, where),
        by_final_level=_counted(session, Complaint.final_level, where),
        overdue=int(overdue),
        open_overdue=int(open_overdue),
        average_handling_days=None if average is None else float(average),
    )
