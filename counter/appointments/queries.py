"""The appointments as screens, slips and the CLI read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.appointments.rules.slots import is_slip_number
from counter.errors import NotFound
from counter.i18n import _
from db.models import Customer, Department, Instrument, InstrumentType, User
from db.models_appointments import Appointment, AppointmentItem


@dataclass(frozen=True)
class AppointmentLine:
    instrument_id: int | None
    type_id: int
    type_name: str
    name: str  # the ledger entry's name, else the type's
    serial: str
    model: str
    quantity: int
    wait: bool


@dataclass(frozen=True)
class AppointmentView:
    id: int
    number: str
    customer_id: int
    customer: str
    department_id: int
    department: str
    day: dt.date
    half: str
    status: str
    status_reason: str
    source: str
    wait: bool
    contact_name: str
    contact_phone: str
    note: str
    order_id: int | None
    moved_from: str
    created_by: str
    created_at: dt.datetime
    lines: tuple[AppointmentLine, ...]

    @property
    def items(self) -> int:
        return sum(line.quantity for line in self.lines)


def _line(item: AppointmentItem) -> AppointmentLine:
    entry = item.instrument
    return AppointmentLine(
        item.instrument_id,
        item.type_id,
        item.instrument_type.name,
        (entry.name if entry else "") or item.instrument_type.name,
        entry.serial if entry else "",
        entry.model if entry else "",
        item.quantity,
        item.wait,
    )


def _view(a: Appointment, customer: str, department: str, created_by: str) -> AppointmentView:
    return AppointmentView(
        a.id,
        a.number,
        a.customer_id,
        customer,
        a.department_id,
        department,
        a.day,
        a.half,
        a.status,
        a.status_reason,
        a.source,
        a.wait,
        a.contact_name,
        a.contact_phone,
        a.note,
        a.order_id,
        a.moved_from,
        created_by,
        a.created_at,
        tuple(_line(i) for i in a.items),
    )


def _query():  # type: ignore[no-untyped-def]
    return (
        select(Appointment, Customer.name, Department.name, User.full_name)
        .join(Customer, Customer.id == Appointment.customer_id)
        .join(Department, Department.id == Appointment.department_id)
        .join(User, User.id == Appointment.created_by_id)
        .options(
            selectinload(Appointment.items).joinedload(AppointmentItem.instrument),
            selectinload(Appointment.items).joinedload(AppointmentItem.instrument_type),
        )
    )


def list_appointments(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    department_id: int | None = None,
    customer_id: int | None = None,
    statuses: tuple[str, ...] = (),
) -> list[AppointmentView]:
    """Appointments from `start` to `end`, by day, half and number."""
    query = _query().where(Appointment.day >= start, Appointment.day <= end)
    if department_id is not None:
        query = query.where(Appointment.department_id == department_id)
    if customer_id is not None:
        query = query.where(Appointment.customer_id == customer_id)
    if statuses:
        query = query.where(Appointment.status.in_(statuses))
    query = query.order_by(Appointment.day, Appointment.half, Appointment.number)
    return [_view(a, c, d, u) for a, c, d, u in session.execute(query).all()]


def appointment_view(session: Session, appointment_id: int) -> AppointmentView:
    row = session.execute(_query().where(Appointment.id == appointment_id)).first()
    if row is None:
        raise NotFound(_("预约不存在"))
    return _view(*row)


def find_by_number(session: Session, code: str) -> AppointmentView:
    """The appointment a scanned or typed slip number names."""
    code = code.strip().upper()
    if not is_slip_number(code):
        raise NotFound(_("“{code}”不是预约单号").format(code=code))
    row = session.execute(_query().where(Appointment.number == code)).first()
    if row is None:
        raise NotFound(_("预约单 {code} 不存在").format(code=code))
    return _view(*row)


def customer_appointments(session: Session, customer_id: int) -> list[AppointmentView]:
    """A customer's appointments, newest first (their file shows them)."""
    query = _query().where(Appointment.customer_id == customer_id)
    query = query.order_by(Appointment.day.desc(), Appointment.id.desc())
    return [_view(a, c, d, u) for a, c, d, u in session.execute(query).all()]


@dataclass(frozen=True)
class LedgerChoice:
    """A ledger entry offered for booking, with the department that verifies its type."""

    instrument_id: int
    label: str  # "电子计价秤 JJ-1（到期 2027-01-05）"
    department_id: int


def ledger_choices(session: Session, instrument_ids: Sequence[int]) -> list[LedgerChoice]:
    """The ledger entries to offer in the booking dialog, in the order given."""
    rows = session.execute(
        select(Instrument, InstrumentType.department_id)
        .join(InstrumentType, InstrumentType.id == Instrument.type_id)
        .where(Instrument.id.in_(instrument_ids))
    ).all()
    found = {}
    for entry, department_id in rows:
        label = f"{entry.name or entry.type.name} {entry.serial}".strip()
        if entry.next_due:
            label += _("（到期 {due}）").format(due=entry.next_due.isoformat())
        found[entry.id] = LedgerChoice(entry.id, label, department_id)
    return [found[i] for i in instrument_ids if i in found]
