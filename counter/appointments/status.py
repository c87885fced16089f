"""An appointment after booking: moved to another slot, cancelled (with a reason), marked
no-show, or arrived (with the order it became).  Each is audited; cancelling and a no-show
give the places back; nothing is deleted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.appointments.booking import take_slot, type_problems
from counter.appointments.rules.slots import move_problem
from counter.appointments.slots_db import lock_slots, release
from counter.clock import Clock, local_date
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Department
from db.models_appointments import Appointment


def _needs(appointment: Appointment) -> dict[int, int]:
    tally: dict[int, int] = {}
    for item in appointment.items:
        tally[item.type_id] = tally.get(item.type_id, 0) + item.quantity
    return tally


def get_appointment(session: Session, appointment_id: int) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(_("预约不存在"))
    return appointment


def _set_status(
    session: Session,
    actor: Actor,
    clock: Clock,
    appointment: Appointment,
    status: str,
    reason: str,
) -> None:
    problem = move_problem(appointment.status, status)
    if problem:
        raise ValidationError([problem])
    before = {"status": appointment.status}
    appointment.status = status
    appointment.status_reason = reason
    appointment.status_at = clock.now()
    appointment.status_by_id = actor.id
    if status in ("cancelled", "no_show"):
        release(
            session,
            appointment.department_id,
            appointment.day,
            appointment.half,
            _needs(appointment),
        )
    record(
        session,
        actor,
        clock,
        f"appointment.{status}",
        "appointment",
        appointment.number,
        before=before,
        after={"status": status},
        reason=reason,
    )


def cancel(session: Session, actor: Actor, clock: Clock, appointment_id: int, reason: str) -> None:
    """Cancel a booked appointment; its places become free again."""
    require(session, actor, Perm.RECEIVE)
    if not reason.strip():
        raise ValidationError([_("请填写取消原因")])
    _set_status(
        session, actor, clock, get_appointment(session, appointment_id), "cancelled", reason.strip()
    )


def mark_no_show(
    session: Session, actor: Actor, clock: Clock, appointment_id: int, reason: str = ""
) -> None:
    """The customer did not come (only on or after the day)."""
    require(session, actor, Perm.RECEIVE)
    appointment = get_appointment(session, appointment_id)
    if appointment.day > local_date(clock.now()):
        raise ValidationError([_("预约日期未到，不能标记为未到")])
    _set_status(session, actor, clock, appointment, "no_show", reason.strip())


def mark_arrived(
    session: Session, actor: Actor, clock: Clock, appointment_id: int, order_id: int | None = None
) -> None:
    """The customer came; `order_id` is the order the appointment became at the counter."""
    require(session, actor, Perm.RECEIVE)
    appointment = get_appointment(session, appointment_id)
    _set_status(session, actor, clock, appointment, "arrived", "")
    appointment.order_id = order_id


def move(
    session: Session,
    actor: Actor,
    clock: Clock,
    appointment_id: int,
    day: dt.date,
    half: str,
    department_id: int | None = None,
    reason: str = "",
) -> None:
    """Move a booked appointment to another slot (same number); refused like a booking."""
    require(session, actor, Perm.RECEIVE)
    appointment = get_appointment(session, appointment_id)
    problem = move_problem(appointment.status, "cancelled")  # only a booked one moves
    if problem:
        raise ValidationError([_("只有已预约的预约可以改期")])
    department = session.get(Department, department_id or appointment.department_id)
    if department is None:
        raise NotFound(_("科室不存在"))
    old = (appointment.department_id, appointment.day, appointment.half)
    if old == (department.id, day, half):
        return
    needs = _needs(appointment)
    problems = type_problems(session, department, needs)
    if problems:
        raise ValidationError(problems)
    lock_slots(session, [old, (department.id, day, half)])
    release(session, *old, needs)
    take_slot(session, department, day, half, needs, local_date(clock.now()))
    before = {"slot": f"{old[1].isoformat()} {old[2]}", "department_id": old[0]}
    appointment.moved_from = f"{old[1].isoformat()} {old[2]}"
    appointment.department_id, appointment.day, appointment.half = department.id, day, half
    appointment.reminder_message_id = None
    after = {"slot": f"{day.isoformat()} {half}", "department_id": department.id}
    record(
        session,
        actor,
        clock,
        "appointment.move",
        "appointment",
        appointment.number,
        before=before,
        after=after,
        reason=reason.strip(),
    )
