"""Complaints as the screens and the command line show them: the list (filtered, overdue
flagged) and one complaint in full."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from counter.errors import NotFound
from counter.feedback.complaints import overdue_clause
from counter.feedback.rules.complaints import OPEN, is_overdue
from counter.i18n import _
from db.models import Customer, Department, Order, User
from db.models_feedback import Complaint


@dataclass(frozen=True)
class ComplaintFilters:
    status: str | None = None
    owner_department_id: int | None = None
    object: str | None = None
    overdue_only: bool = False
    open_only: bool = False  # received or in handling
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    text: str = ""  # part of the number, the complainant, the customer or the summary


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    number: str
    status: str
    received_at: dt.datetime
    received_on: dt.date
    received_by: str
    customer_id: int | None
    customer: str
    complainant: str
    phone: str
    object: str
    object_department: str
    object_user: str
    object_text: str
    order_number: str
    summary: str
    priority: str
    owner_department_id: int
    owner_department: str
    planned_date: dt.date
    handling: str
    answered_on: dt.date | None
    handling_days: int | None
    callback_kind: str
    callback_note: str
    final_level: str
    final_stars: int | None
    withdraw_reason: str
    overdue: bool

    @property
    def who(self) -> str:
        """The customer, and the person when it is someone else."""
        if self.customer and self.complainant:
            return f"{self.customer}（{self.complainant}）"
        return self.customer or self.complainant

    @property
    def object_ref(self) -> str:
        """What the complaint is about: the department, person or number named."""
        return "、".join(
            x for x in (self.object_department, self.object_user, self.object_text) if x
        )


_OWNER = aliased(Department)
_TARGET = aliased(Department)
_TARGET_USER = aliased(User)
_CLERK = aliased(User)


def _query() -> Select[Complaint, str, str, str, str, str, str]:
    return (
        select(
            Complaint,
            Customer.name,
            _OWNER.name,
            _TARGET.name,
            _TARGET_USER.full_name,
            _CLERK.full_name,
            Order.number,
        )
        .outerjoin(Customer, Customer.id == Complaint.customer_id)
        .join(_OWNER, _OWNER.id == Complaint.owner_department_id)
        .outerjoin(_TARGET, _TARGET.id == Complaint.object_department_id)
        .outerjoin(_TARGET_USER, _TARGET_USER.id == Complaint.object_user_id)
        .join(_CLERK, _CLERK.id == Complaint.received_by_id)
        .outerjoin(Order, Order.id == Complaint.order_id)
    )


def _rows(
    session: Session, query: Select[Complaint, str, str, str, str, str, str], today: dt.date
) -> list[ComplaintRow]:
    rows = []
    for c, customer, owner, target, target_user, clerk, order in session.execute(query):
        rows.append(
            ComplaintRow(
                c.id, c.number, c.status, c.received_at, c.received_on, clerk,
                c.customer_id, customer or "", c.complainant, c.phone,
                c.object, target or "", target_user or "", c.object_text, order or "",
                c.summary, c.priority, c.owner_department_id, owner, c.planned_date,
                c.handling, c.answered_on, c.handling_days, c.callback_kind, c.callback_note,
                c.final_level, c.final_stars, c.withdraw_reason,
                is_overdue(c.status, c.planned_date, c.answered_on, today),
            )
        )  # fmt: skip
    return rows


def list_complaints(
    session: Session, filters: ComplaintFilters, today: dt.date, limit: int = 500
) -> list[ComplaintRow]:
    """Complaints matching the filters, newest first."""
    query = _query()
    f = filters
    if f.status:
        query = query.where(Complaint.status == f.status)
    if f.open_only:
        query = query.where(Complaint.status.in_([s.value for s in OPEN]))
    if f.owner_department_id:
        query = query.where(Complaint.owner_department_id == f.owner_department_id)
    if f.object:
        query = query.where(Complaint.object == f.object)
    if f.overdue_only:
        query = query.where(overdue_clause(today))
    if f.received_from:
        query = query.where(Complaint.received_on >= f.received_from)
    if f.received_to:
        query = query.where(Complaint.received_on <= f.received_to)
    text = f.text.strip()
    if text:
        query = query.where(
            or_(
                *(
                    column.contains(text, autoescape=True)
                    for column in (
                        Complaint.number,
                        Complaint.complainant,
                        Complaint.summary,
                        Customer.name,
                    )
                )
            )
        )
    query = query.order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(limit)
    return _rows(session, query, today)


def get_complaint(session: Session, complaint_id: int, today: dt.date) -> ComplaintRow:
    rows = _rows(session, _query().where(Complaint.id == complaint_id), today)
    if not rows:
        raise NotFound(_("投诉不存在"))
    return rows[0]


def overdue_complaints(session: Session, today: dt.date) -> list[ComplaintRow]:
    """Still open after their planned date, the most overdue first."""
    query = (
        _query()
        .where(Complaint.status.in_([s.value for s in OPEN]), Complaint.planned_date < today)
        .order_by(Complaint.planned_date, Complaint.id)
    )
    return _rows(session, query, today)
