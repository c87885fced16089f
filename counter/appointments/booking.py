"""Booking a customer into a department's half-day slot, or saying why not.

`book` checks, in order: the customer, the items (a ledger entry must be the customer's),
that the department does each type (`sectors.departments_doing`), that the day is a
working day of the official calendar and not past, that the slot is not closed, and then
takes the places (`slots_db.reserve`, safe when two clerks book the last place at once).
A refusal is a `SlotRefused` with the reason in Chinese and the next free slots.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.calendar import load_calendar
from counter.admin.rules.roles import Actor, Perm
from counter.admin.rules.workdays import WorkCalendar
from counter.appointments.capacity import active_closures, base_capacity, loads
from counter.appointments.notices import draft_confirmation
from counter.appointments.rules.slots import (
    HALVES,
    SOURCES,
    SlotFree,
    slip_number,
    slot_limit,
    slot_text,
)
from counter.appointments.sectors import departments_doing
from counter.appointments.slots_db import UNLIMITED, reserve
from counter.clock import Clock, local_date
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from counter.intake.numbering import next_values
from db.models import Customer, Department, Instrument, InstrumentType
from db.models_appointments import Appointment, AppointmentItem

MAX_ITEMS = 999
HORIZON_DAYS = 120


@dataclass(frozen=True)
class BookingItem:
    """What is booked: a ledger entry (instrument_id), or `quantity` of a type."""

    type_id: int = 0
    quantity: int = 1
    instrument_id: int | None = None
    wait: bool = False


@dataclass(frozen=True)
class Booked:
    id: int
    number: str
    day: dt.date
    half: str
    department: str
    items: int
    message_id: int | None = None


class SlotRefused(CounterError):
    """The slot cannot take the booking: `reason`, and the next free slots to offer."""

    def __init__(self, reason: str, slot: str, next_slots: Sequence[SlotFree]) -> None:
        offered = _("、").join(
            _("{slot}（余 {n} 台件）").format(slot=s.text, n=s.free) for s in next_slots
        )
        text = _("不能预约 {slot}：{reason}").format(slot=slot, reason=reason)
        if offered:
            text += "\n" + _("可预约的时段：{slots}").format(slots=offered)
        else:
            text += "\n" + _("近期没有可预约的时段")
        super().__init__(text)
        self.reason = reason
        self.next_slots = tuple(next_slots)


def resolve_items(
    session: Session, customer_id: int, items: Sequence[BookingItem]
) -> list[BookingItem]:
    """The items with each ledger entry's type filled in; refused with every problem."""
    problems: list[str] = []
    resolved: list[BookingItem] = []
    if not items:
        problems.append(_("请至少预约一件器具"))
    for n, item in enumerate(items, 1):
        type_id, quantity = item.type_id, item.quantity
        if item.instrument_id is not None:
            entry = session.get(Instrument, item.instrument_id)
            if entry is None or entry.customer_id != customer_id:
                problems.append(_("第 {n} 项：器具不在该客户的台账中").format(n=n))
                continue
            type_id, quantity = entry.type_id, max(1, entry.quantity)
        elif session.get(InstrumentType, type_id) is None:
            problems.append(_("第 {n} 项：器具类型不存在").format(n=n))
            continue
        if not 1 <= quantity <= MAX_ITEMS:
            problems.append(_("第 {n} 项：数量应在 1 到 {max} 之间").format(n=n, max=MAX_ITEMS))
            continue
        resolved.append(BookingItem(type_id, quantity, item.instrument_id, item.wait))
    if problems:
        raise ValidationError(problems)
    return resolved


def needs_of(items: Sequence[BookingItem]) -> dict[int, int]:
    tally: Tally[int] = Tally()
    for item in items:
        tally[item.type_id] += item.quantity
    return dict(tally)


def next_free_slots(
    session: Session,
    department_id: int,
    after: dt.date,
    needs: Mapping[int, int],
    *,
    count: int = 5,
    calendar: WorkCalendar | None = None,
    horizon_days: int = HORIZON_DAYS,
) -> list[SlotFree]:
    """The first `count` slots from `after` on that can take `needs` (type id -> items)."""
    calendar = calendar or load_calendar(session)
    end = after + dt.timedelta(days=horizon_days)
    base = base_capacity(session, department_id)
    closures = active_closures(session, after, end)
    booked = loads(session, department_id, after, end)
    total = sum(needs.values())
    found: list[SlotFree] = []
    day = after
    while day <= end and len(found) < count:
        if calendar.is_workday(day):
            for half in HALVES:
                limit = slot_limit(department_id, day, half, base[half], closures)
                used = booked.get((day, half), {})
                slot = SlotFree(
                    department_id,
                    day,
                    half,
                    limit.items,
                    used.get(0, 0),
                    True,
                    limit.closed_reason,
                    limit.reduced_reason,
                )
                fits = slot.free >= total and all(
                    limit.per_type.get(k, UNLIMITED) - used.get(k, 0) >= n for k, n in needs.items()
                )
                if fits and len(found) < count:
                    found.append(slot)
        day += dt.timedelta(days=1)
    return found


def slot_problem(
    session: Session,
    department_id: int,
    day: dt.date,
    half: str,
    needs: Mapping[int, int],
    today: dt.date,
    calendar: WorkCalendar,
) -> str | None:
    """Why the slot cannot be booked before any place is taken (past, holiday, closed)."""
    if half not in HALVES:
        return _("时段只能是上午或下午")
    if day < today:
        return _("日期已过")
    if not calendar.is_workday(day):
        return _("{day} 不是工作日").format(day=day.isoformat())
    limit = slot_limit(
        department_id,
        day,
        half,
        base_capacity(session, department_id)[half],
        active_closures(session, day, day),
    )
    if limit.closed_reason:
        return _("该时段停止预约（{reason}）").format(reason=limit.closed_reason)
    if limit.items <= 0:
        return _("科室未设置该时段的预约容量")
    return None


def type_problems(session: Session, department: Department, needs: Mapping[int, int]) -> list[str]:
    names = dict(
        session.execute(
            select(InstrumentType.id, InstrumentType.name).where(InstrumentType.id.in_(needs))
        ).all()
    )
    return [
        _("{department}不检定“{type}”").format(department=department.name, type=names.get(t, t))
        for t in sorted(needs)
        if department.id not in departments_doing(session, t)
    ]


def take_slot(
    session: Session,
    department: Department,
    day: dt.date,
    half: str,
    needs: Mapping[int, int],
    today: dt.date,
) -> None:
    """Check the slot and take its places, or raise `SlotRefused` with the next free slots."""
    calendar = load_calendar(session)
    reason = slot_problem(session, department.id, day, half, needs, today, calendar)
    if reason is None:
        names = dict(session.execute(select(InstrumentType.id, InstrumentType.name)).all())
        limit = slot_limit(
            department.id,
            day,
            half,
            base_capacity(session, department.id)[half],
            active_closures(session, day, day),
        )
        reason = reserve(session, department.id, day, half, needs, limit, names)
    if reason is not None:
        offered = next_free_slots(session, department.id, max(day, today), needs, calendar=calendar)
        slot = f"{slot_text(day, half)}（{department.name}）"
        raise SlotRefused(reason, slot, offered)


def book(
    session: Session,
    actor: Actor,
    clock: Clock,
    *,
    customer_id: int,
    department_id: int,
    day: dt.date,
    half: str,
    items: Sequence[BookingItem],
    source: str = "phone",
    wait: bool = False,
    contact_name: str = "",
    contact_phone: str = "",
    note: str = "",
    notify: str | None = "sms",
) -> Booked:
    """Book the customer's items into the slot; refused with the reason and next free slots.
    A confirmation goes to the outbox on channel `notify` (None: none)."""
    require(session, actor, Perm.RECEIVE)
    customer = session.get(Customer, customer_id)
    if customer is None or not customer.active:
        raise NotFound(_("客户不存在或已停用"))
    department = session.get(Department, department_id)
    if department is None:
        raise NotFound(_("科室不存在"))
    if source not in SOURCES:
        raise ValidationError([_("预约来源无效：{source}").format(source=source)])
    resolved = resolve_items(session, customer_id, items)
    needs = needs_of(resolved)
    problems = type_problems(session, department, needs)
    if problems:
        raise ValidationError(problems)
    take_slot(session, department, day, half, needs, local_date(clock.now()))
    now = clock.now()
    (seq,) = next_values(session, f"appointment:{day.year}")
    appointment = Appointment(
        number=slip_number(day.year, seq),
        customer_id=customer_id,
        department_id=department_id,
        day=day,
        half=half,
        status="booked",
        status_reason="",
        source=source,
        wait=wait,
        contact_name=contact_name.strip() or customer.contact_name,
        contact_phone=contact_phone.strip() or customer.phone,
        note=note.strip(),
        moved_from="",
        created_at=now,
        created_by_id=actor.id,
    )
    session.add(appointment)
    session.flush()
    session.add_all(
        AppointmentItem(
            appointment_id=appointment.id,
            seq=n,
            instrument_id=item.instrument_id,
            type_id=item.type_id,
            quantity=item.quantity,
            wait=item.wait or wait,
        )
        for n, item in enumerate(resolved, 1)
    )
    session.flush()
    total = sum(needs.values())
    after = {
        "customer": customer.name,
        "department": department.name,
        "slot": f"{day.isoformat()} {half}",
        "items": total,
        "source": source,
        "wait": wait,
    }
    record(
        session, actor, clock, "appointment.book", "appointment", appointment.number, after=after
    )
    message_id = None
    if notify:
        message_id = draft_confirmation(session, actor, clock, appointment.id, notify)
    return Booked(appointment.id, appointment.number, day, half, department.name, total, message_id)
