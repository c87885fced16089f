"""Messages about appointments in the notification outbox (`counter.archive.outbox`): the
confirmation drafted on booking, and the reminder the day before.

`draft_reminders_for` is idempotent: an appointment that already has a reminder drafted
(and was not moved since) gets no second one.  A customer who cannot be reached on the
channel is reported, not drafted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.auth import require
from counter.admin.calendar import load_calendar
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import load_settings
from counter.appointments.rules.slots import slot_text
from counter.archive.outbox import draft_message, message_values, no_recipient, recipient_of
from counter.archive.rules.messages import CHANNELS
from counter.clock import Clock, local_date
from counter.errors import ValidationError
from counter.i18n import _
from db.models import Customer
from db.models_appointments import Appointment


@dataclass(frozen=True)
class ReminderResult:
    day: dt.date
    drafted: tuple[int, ...]
    problems: tuple[str, ...]
    already: int  # appointments that had their reminder already


def items_text(appointment: Appointment) -> str:
    """ "电子计价秤×3、焦度计"."""
    parts = []
    for item in appointment.items:
        name = (item.instrument.name if item.instrument else "") or item.instrument_type.name
        parts.append(f"{name}×{item.quantity}" if item.quantity > 1 else name)
    return _("、").join(parts)


def _draft(
    session: Session, actor: Actor, clock: Clock, appointment: Appointment, kind: str, channel: str
) -> int | None:
    customer = session.get(Customer, appointment.customer_id)
    assert customer is not None
    recipient = appointment.contact_phone if channel in ("sms", "wechat", "phone") else None
    if not (recipient or recipient_of(customer, channel)):
        return None
    values = message_values(customer, load_settings(session)) | {
        "contact": appointment.contact_name or customer.contact_name or customer.name,
        "count": sum(i.quantity for i in appointment.items),
        "instruments": items_text(appointment),
        "slot": f"{slot_text(appointment.day, appointment.half)} {appointment.department.name}",
        "number": appointment.number,
        "due": appointment.day.isoformat(),
    }
    instruments = [(i.instrument_id, None) for i in appointment.items if i.instrument_id]
    message = draft_message(
        session,
        actor,
        clock,
        customer=customer,
        kind=kind,
        channel=channel,
        values=values,
        instruments=instruments,
        recipient=recipient or None,
        recipient_name=appointment.contact_name or None,
    )
    return message.id


def draft_confirmation(
    session: Session, actor: Actor, clock: Clock, appointment_id: int, channel: str = "sms"
) -> int | None:
    """The booking's confirmation in the outbox; None when the customer has no address there."""
    require(session, actor, Perm.RECEIVE)
    if channel not in CHANNELS:
        raise ValidationError([_("发送渠道无效：{channel}").format(channel=channel)])
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        return None
    message_id = _draft(session, actor, clock, appointment, "appointment", channel)
    appointment.booked_message_id = message_id
    return message_id


def reminder_day(session: Session, clock: Clock) -> dt.date:
    """The working day after today: the appointments to remind of today."""
    return load_calendar(session).add_workdays(local_date(clock.now()), 1)


def draft_reminders_for(
    session: Session,
    actor: Actor,
    clock: Clock,
    day: dt.date | None = None,
    channel: str = "sms",
) -> ReminderResult:
    """A reminder for each booked appointment of `day` (default: the next working day)
    that has none yet."""
    require(session, actor, Perm.RECEIVE)
    if channel not in CHANNELS:
        raise ValidationError([_("发送渠道无效：{channel}").format(channel=channel)])
    day = day or reminder_day(session, clock)
    rows = session.scalars(
        select(Appointment)
        .where(Appointment.day == day, Appointment.status == "booked")
        .order_by(Appointment.half, Appointment.id)
    ).all()
    drafted: list[int] = []
    problems: list[str] = []
    already = 0
    for appointment in rows:
        if appointment.reminder_message_id is not None:
            already += 1
            continue
        message_id = _draft(session, actor, clock, appointment, "appt_reminder", channel)
        if message_id is None:
            problems.append(no_recipient(appointment.customer, channel))
            continue
        appointment.reminder_message_id = message_id
        drafted.append(message_id)
    session.flush()
    return ReminderResult(day, tuple(drafted), tuple(problems), already)
