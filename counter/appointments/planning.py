"""The automatic appointment plan on the database: its input from the ledger, the slots'
free capacity and the customers' wishes; the proposal; and its acceptance as bookings.

`plan_input` reads the ledger entries in use due in the period (counter.archive's due
list; those already booked in an appointment that still holds are left out), each
department's free capacity per half-day (capacity, closures and reduced days, the
official calendar, what is booked already; per type where the department caps a type),
the customers' preferred weekdays and blocked dates, and the sector rules
(`SECTOR_RULES`, by sector code).  `propose_plan` solves it (CP-SAT, greedy fallback);
`accept_plan` books every placement through `booking.book` (so capacity stays safe
against a clerk booking at the same time) with a confirmation in the outbox, and
reports the placements that could not be booked any more.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.auth import require
from counter.admin.calendar import load_calendar
from counter.admin.rules.roles import Actor, Perm
from counter.admin.rules.workdays import WorkCalendar
from counter.appointments.booking import Booked, BookingItem, book
from counter.appointments.capacity import active_closures, base_capacity, loads
from counter.appointments.prefs import customer_preferences
from counter.appointments.rules.plan_cpsat import solve_plan
from counter.appointments.rules.plan_model import (
    HALVES,
    Demand,
    DueItem,
    Placement,
    Plan,
    PlanInput,
    SectorRule,
    Slot,
    SlotKey,
)
from counter.appointments.rules.slots import HOLDING, days, slot_limit
from counter.archive.recall import due_list
from counter.clock import Clock
from counter.errors import CounterError
from db.models import Department, InstrumentType
from db.models_appointments import Appointment, AppointmentItem, Sector

#: sector code -> how its customers are planned (grain before the May and October
#: purchase seasons; optical shops spread over the year)
SECTOR_RULES: dict[str, SectorRule] = {
    "grain": SectorRule("grain", deadlines=((4, 30), (9, 30))),
    "optical": SectorRule("optical", spread=True),
}
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Refused:
    placement: Placement
    reason: str


@dataclass(frozen=True)
class Accepted:
    booked: tuple[Booked, ...]
    refused: tuple[Refused, ...]


def _departments(session: Session, names: Sequence[str] | None) -> dict[str, int]:
    rows = session.execute(select(Department.name, Department.id).order_by(Department.sort))
    found = {name: id_ for name, id_ in rows}
    if names:
        missing = [n for n in names if n not in found]
        if missing:
            raise CounterError(", ".join(missing))
        found = {n: found[n] for n in names}
    return found


def _slots(
    session: Session,
    departments: Mapping[str, int],
    start: dt.date,
    end: dt.date,
    calendar: WorkCalendar,
) -> list[Slot]:
    closures = active_closures(session, start, end)
    workdays = [d for d in days(start, end) if calendar.is_workday(d)]
    out = []
    for name, dept_id in departments.items():
        base = base_capacity(session, dept_id)
        booked = loads(session, dept_id, start, end)
        for day in workdays:
            for half in HALVES:
                limit = slot_limit(dept_id, day, half, base[half], closures)
                if limit.closed_reason or limit.items <= 0:
                    continue
                used = booked.get((day, half), {})
                free = limit.items - used.get(0, 0)
                by_type = tuple(
                    (str(type_id), max(0, cap - used.get(type_id, 0)))
                    for type_id, cap in sorted(limit.per_type.items())
                )
                if free > 0:
                    out.append(Slot(SlotKey(name, day, half), free, by_type))
    return out


def _booked_entries(session: Session, today: dt.date) -> set[int]:
    """Ledger entries already in an appointment that still holds (today or later)."""
    rows = session.scalars(
        select(AppointmentItem.instrument_id)
        .join(Appointment, Appointment.id == AppointmentItem.appointment_id)
        .where(
            Appointment.status.in_(HOLDING),
            Appointment.day >= today,
            AppointmentItem.instrument_id.is_not(None),
        )
    )
    return {i for i in rows if i is not None}


def plan_input(
    session: Session,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    *,
    departments: Sequence[str] | None = None,
    fixed: Mapping[int, Sequence[SlotKey]] | None = None,
    rules: Iterable[SectorRule] | None = None,
    include_overdue: bool = False,
    lead_days: int = 60,
) -> PlanInput:
    """The plan's input for the period; `fixed`: customer id -> pinned slots."""
    chosen = _departments(session, departments)
    by_id = {dept_id: name for name, dept_id in chosen.items()}
    calendar = load_calendar(session)
    sector_codes = dict(session.execute(select(Sector.name, Sector.code)).all())
    type_ids = dict(session.execute(select(InstrumentType.name, InstrumentType.id)).all())
    booked = _booked_entries(session, today)
    found = due_list(
        session, today, start, end, include_overdue=include_overdue, include_never=False
    )
    prefs = customer_preferences(session, [c.customer_id for c in found])
    pins = fixed or {}
    demands = []
    for customer in found:
        items = tuple(
            DueItem(
                e.instrument_id,
                str(type_ids.get(e.type_name, e.type_name)),
                by_id[e.department_id],
                e.next_due,
                max(1, e.quantity),
            )
            for e in customer.entries
            if e.next_due is not None and e.department_id in by_id and e.instrument_id not in booked
        )
        if not items:
            continue
        wish = prefs.get(customer.customer_id)
        demands.append(
            Demand(
                customer.customer_id,
                customer.name,
                items,
                sector=sector_codes.get(customer.sector, customer.sector),
                preferred_weekdays=frozenset(d - 1 for d in wish.weekdays) if wish else frozenset(),
                blocked=frozenset(
                    d for d in days(start, end) if wish is not None and wish.blocks(d)
                ),
                fixed=tuple(pins.get(customer.customer_id, ())),
                preferred_half=wish.half if wish else "",
            )
        )
    slots = _slots(session, chosen, start, end, calendar)
    rule_list = tuple(rules) if rules is not None else tuple(SECTOR_RULES.values())
    return PlanInput(start, end, tuple(slots), tuple(demands), rule_list, lead_days)


def propose_plan(
    session: Session,
    actor: Actor,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    *,
    departments: Sequence[str] | None = None,
    fixed: Mapping[int, Sequence[SlotKey]] | None = None,
    time_limit_s: float = 0.3,
    progress: Progress | None = None,
) -> Plan:
    """A proposed plan for the customers due from `start` to `end` (nothing is written)."""
    require(session, actor, Perm.RECEIVE)
    inp = plan_input(session, today, start, end, departments=departments, fixed=fixed)
    return solve_plan(inp, time_limit_s=time_limit_s, progress=progress)


def accept_plan(
    session: Session,
    actor: Actor,
    clock: Clock,
    plan: Plan,
    *,
    notify: str | None = "sms",
    progress: Progress | None = None,
) -> Accepted:
    """Book every placement (source "plan"), a confirmation each in the outbox; a placement
    whose slot is no longer free (or whose customer or entries changed) is refused with
    the reason and the rest is booked."""
    require(session, actor, Perm.RECEIVE)
    departments = _departments(session, None)
    booked: list[Booked] = []
    refused: list[Refused] = []
    report = progress or (lambda done, total, text: None)
    grouped: dict[tuple[int, SlotKey], list[Placement]] = defaultdict(list)
    for placement in plan.placements:  # parts of one visit in one slot: one appointment
        grouped[(placement.visit.customer_id, placement.slot)].append(placement)
    for n, ((customer_id, slot), placements) in enumerate(sorted(grouped.items()), 1):
        report(n - 1, len(grouped), slot.label())
        items = [BookingItem(instrument_id=i) for p in placements for i in p.visit.ledger_ids]
        try:
            booked.append(
                book(
                    session,
                    actor,
                    clock,
                    customer_id=customer_id,
                    department_id=departments[slot.department],
                    day=slot.day,
                    half=slot.half,
                    items=items,
                    source="plan",
                    notify=notify,
                )
            )
        except CounterError as error:
            refused.extend(Refused(p, str(error)) for p in placements)
    report(len(grouped), len(grouped), "")
    return Accepted(tuple(booked), tuple(refused))
