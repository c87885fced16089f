"""A counter with booking capacity set: the weighing department takes 4 items a half day."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.appointments.booking import Booked, BookingItem, book
from counter.appointments.capacity import set_capacity
from db.models import Department, InstrumentType
from tests.conftest import Counter

MONDAY = dt.date(2026, 11, 23)  # the fixed clock's day (09:30)
TUESDAY = MONDAY + dt.timedelta(days=1)
SATURDAY = MONDAY + dt.timedelta(days=5)


def department_id(session: Session, name: str = "衡器") -> int:
    return session.scalars(select(Department.id).where(Department.name == name)).one()


def type_id(session: Session, name: str = "电子计价秤") -> int:
    return session.scalars(select(InstrumentType.id).where(InstrumentType.name == name)).one()


def with_capacity(counter: Counter, items: int = 4, department: str = "衡器") -> int:
    with counter.db.action() as s:
        dept = department_id(s, department)
        set_capacity(s, counter.admin, counter.clock, dept, "day", items)
    return dept


def book_scales(
    counter: Counter, day: dt.date, half: str = "am", n: int = 1, **kwargs: object
) -> Booked:
    with counter.db.action() as s:
        return book(
            s,
            counter.clerk,
            counter.clock,
            customer_id=counter.customer_id,
            department_id=department_id(s),
            day=day,
            half=half,
            items=[BookingItem(type_id(s), n)],
            **kwargs,  # type: ignore[arg-type]
        )
