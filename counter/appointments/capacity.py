"""Slot capacity: how many items each department takes per half day, closures and reduced
days, and what is free in a period (`free_capacity`).

Capacity is set per department and half (`type_key` 0 = in all; a type id = that type's
own limit inside the slot).  A closure closes or reduces one half or the whole day of
one department or of all; it is lifted with a reason, never deleted.  Only working days
of the app's official calendar (`counter.admin.calendar`) are bookable.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.calendar import load_calendar
from counter.admin.rules.roles import Actor, Perm
from counter.admin.rules.workdays import WorkCalendar
from counter.appointments.rules.slots import HALVES, Closure, SlotFree, days, slot_limit
from counter.clock import Clock
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Department, InstrumentType
from db.models_appointments import SlotCapacity, SlotClosure, SlotLoad

MAX_ITEMS = 100_000


@dataclass(frozen=True)
class CapacityRow:
    department_id: int
    department: str
    half: str
    type_id: int  # 0 = in all
    type_name: str
    items: int


@dataclass(frozen=True)
class ClosureRow:
    id: int
    department_id: int | None
    department: str  # "" = all departments
    day: dt.date
    half: str
    items: int | None
    reason: str
    active: bool
    lifted_reason: str


def set_capacity(
    session: Session,
    actor: Actor,
    clock: Clock,
    department_id: int,
    half: str,
    items: int,
    type_id: int = 0,
) -> None:
    """Set how many items `department_id` takes in each `half` ("am"/"pm"/"day" = both), in
    all or (type_id) of one type."""
    require(session, actor, Perm.ADMIN)
    problems = []
    if session.get(Department, department_id) is None:
        problems.append(_("科室不存在"))
    if half not in (*HALVES, "day"):
        problems.append(_("时段只能是上午、下午或全天"))
    if not 0 <= items <= MAX_ITEMS:
        problems.append(_("容量应在 0 到 {n} 台件之间").format(n=MAX_ITEMS))
    if type_id and session.get(InstrumentType, type_id) is None:
        problems.append(_("器具类型不存在"))
    if problems:
        raise ValidationError(problems)
    for one in HALVES if half == "day" else (half,):
        row = session.scalar(
            select(SlotCapacity).where(
                SlotCapacity.department_id == department_id,
                SlotCapacity.half == one,
                SlotCapacity.type_key == type_id,
            )
        )
        before = {"items": row.items} if row else {}
        if row is None:
            row = SlotCapacity(department_id=department_id, half=one, type_key=type_id)
            session.add(row)
        row.items, row.updated_at, row.updated_by_id = items, clock.now(), actor.id
        session.flush()
        key = f"{department_id}:{one}:{type_id}"
        record(
            session,
            actor,
            clock,
            "slot.capacity",
            "slot_capacity",
            key,
            before=before,
            after={"items": items},
        )


def list_capacities(session: Session) -> list[CapacityRow]:
    rows = session.execute(
        select(SlotCapacity, Department.name)
        .join(Department, Department.id == SlotCapacity.department_id)
        .order_by(Department.sort, SlotCapacity.type_key, SlotCapacity.half)
    )
    names = dict(session.execute(select(InstrumentType.id, InstrumentType.name)).all())
    return [
        CapacityRow(c.department_id, name, c.half, c.type_key, names.get(c.type_key, ""), c.items)
        for c, name in rows
    ]


def add_closure(
    session: Session,
    actor: Actor,
    clock: Clock,
    *,
    department_id: int | None,
    day: dt.date,
    half: str,
    items: int | None,
    reason: str,
) -> int:
    """Close (items None) or reduce a half or whole day, for one department or all (None)."""
    require(session, actor, Perm.ADMIN)
    problems = []
    if department_id is not None and session.get(Department, department_id) is None:
        problems.append(_("科室不存在"))
    if half not in (*HALVES, "day"):
        problems.append(_("时段只能是上午、下午或全天"))
    if items is not None and not 0 <= items <= MAX_ITEMS:
        problems.append(_("容量应在 0 到 {n} 台件之间").format(n=MAX_ITEMS))
    if not reason.strip():
        problems.append(_("请填写停约或减量的原因"))
    if problems:
        raise ValidationError(problems)
    row = SlotClosure(
        department_id=department_id,
        day=day,
        half=half,
        items=items,
        reason=reason.strip(),
        active=True,
        lifted_reason="",
        created_at=clock.now(),
        created_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    after = {"department_id": department_id, "day": day.isoformat(), "half": half, "items": items}
    record(
        session,
        actor,
        clock,
        "slot.close",
        "slot_closure",
        str(row.id),
        after=after,
        reason=row.reason,
    )
    return row.id


def lift_closure(
    session: Session, actor: Actor, clock: Clock, closure_id: int, reason: str
) -> None:
    require(session, actor, Perm.ADMIN)
    row = session.get(SlotClosure, closure_id)
    if row is None or not row.active:
        raise NotFound(_("停约记录不存在或已撤销"))
    if not reason.strip():
        raise ValidationError([_("请填写撤销原因")])
    row.active, row.lifted_reason = False, reason.strip()
    record(
        session,
        actor,
        clock,
        "slot.reopen",
        "slot_closure",
        str(closure_id),
        before={"active": True},
        after={"active": False},
        reason=row.lifted_reason,
    )


def list_closures(session: Session, start: dt.date, end: dt.date) -> list[ClosureRow]:
    rows = session.execute(
        select(SlotClosure, Department.name)
        .outerjoin(Department, Department.id == SlotClosure.department_id)
        .where(SlotClosure.day >= start, SlotClosure.day <= end)
        .order_by(SlotClosure.day, SlotClosure.id)
    )
    return [
        ClosureRow(
            c.id,
            c.department_id,
            name or "",
            c.day,
            c.half,
            c.items,
            c.reason,
            c.active,
            c.lifted_reason,
        )
        for c, name in rows
    ]


def base_capacity(session: Session, department_id: int) -> dict[str, dict[int, int]]:
    """half -> {type_key: items} for one department."""
    found: dict[str, dict[int, int]] = {h: {} for h in HALVES}
    for c in session.scalars(
        select(SlotCapacity).where(SlotCapacity.department_id == department_id)
    ):
        found.setdefault(c.half, {})[c.type_key] = c.items
    return found


def active_closures(session: Session, start: dt.date, end: dt.date) -> list[Closure]:
    rows = session.scalars(
        select(SlotClosure).where(
            SlotClosure.active, SlotClosure.day >= start, SlotClosure.day <= end
        )
    )
    return [Closure(r.department_id, r.day, r.half, r.items, r.reason) for r in rows]


def loads(
    session: Session, department_id: int, start: dt.date, end: dt.date
) -> Mapping[tuple[dt.date, str], Mapping[int, int]]:
    """(day, half) -> {type_key: booked} of one department."""
    found: dict[tuple[dt.date, str], dict[int, int]] = defaultdict(dict)
    rows = session.scalars(
        select(SlotLoad).where(
            SlotLoad.department_id == department_id, SlotLoad.day >= start, SlotLoad.day <= end
        )
    )
    for r in rows:
        found[(r.day, r.half)][r.type_key] = r.booked
    return found


def free_capacity(
    session: Session,
    department_id: int,
    start: dt.date,
    end: dt.date,
    *,
    calendar: WorkCalendar | None = None,
) -> list[SlotFree]:
    """Every half-day slot of `department_id` from `start` to `end`: capacity, booked, free."""
    calendar = calendar or load_calendar(session)
    base = base_capacity(session, department_id)
    closures = active_closures(session, start, end)
    booked = loads(session, department_id, start, end)
    slots = []
    for day in days(start, end):
        for half in HALVES:
            limit = slot_limit(department_id, day, half, base[half], closures)
            slots.append(
                SlotFree(
                    department_id,
                    day,
                    half,
                    limit.items,
                    booked.get((day, half), {}).get(0, 0),
                    calendar.is_workday(day),
                    limit.closed_reason,
                    limit.reduced_reason,
                )
            )
    return slots
