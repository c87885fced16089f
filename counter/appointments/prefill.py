"""The booked customer at the counter: a scanned slip (or one of today's appointments)
becomes an intake form pre-filled with the customer and the booked ledger instruments;
saving it stores the order and marks the appointment arrived in one transaction.

Items booked "while you wait" (随送随检随取) are received as same-day (`urgency
"same_day"`), so intake promises them for today (`counter.intake.receive.promised_dates`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.appointments.queries import AppointmentView, appointment_view, find_by_number
from counter.appointments.rules.slots import slot_text, status_label
from counter.appointments.status import mark_arrived
from counter.clock import Clock, local_date
from counter.errors import ValidationError
from counter.i18n import _
from counter.intake.catalog import default_use, list_types
from counter.intake.receive import ItemDraft, OrderDraft, SavedOrder, save_order
from db.models import Instrument

MAX_COPIES = 200


@dataclass(frozen=True)
class Prefill:
    appointment: AppointmentView
    customer_id: int
    items: tuple[ItemDraft, ...]
    contact_name: str
    contact_phone: str
    warnings: tuple[str, ...]


def _drafts(session: Session, view: AppointmentView) -> list[ItemDraft]:
    types = {t.id: t for t in list_types(session)}
    drafts: list[ItemDraft] = []
    for line in view.lines:
        urgency = "same_day" if line.wait else "normal"
        info = types.get(line.type_id)
        use = default_use(info).value if info else ""
        entry = session.get(Instrument, line.instrument_id) if line.instrument_id else None
        if entry is not None:
            drafts.append(
                ItemDraft(
                    entry.type_id,
                    model=entry.model,
                    serial=entry.serial,
                    manufacturer=entry.manufacturer,
                    measuring_range=entry.measuring_range,
                    accuracy_class=entry.accuracy_class,
                    use=entry.use or use,
                    urgency=urgency,
                )
            )
            continue
        copies = min(line.quantity, MAX_COPIES)
        drafts.extend(ItemDraft(line.type_id, use=use, urgency=urgency) for _n in range(copies))
    return drafts


def intake_prefill(session: Session, actor: Actor, clock: Clock, code: str | int) -> Prefill:
    """The intake form for a slip number (or an appointment id); refused when the
    appointment was cancelled, missed or already received."""
    require(session, actor, Perm.RECEIVE)
    view = (
        appointment_view(session, code) if isinstance(code, int) else find_by_number(session, code)
    )
    if view.status != "booked":
        raise ValidationError(
            [
                _("预约单 {number} {status}，不能据此收件").format(
                    number=view.number, status=status_label(view.status)
                )
            ]
        )
    warnings = []
    today = local_date(clock.now())
    if view.day != today:
        warnings.append(
            _("预约时段是 {slot}，不是今天").format(slot=slot_text(view.day, view.half))
        )
    return Prefill(
        view,
        view.customer_id,
        tuple(_drafts(session, view)),
        view.contact_name,
        view.contact_phone,
        tuple(warnings),
    )


def receive_booked(
    session: Session, actor: Actor, clock: Clock, appointment_id: int, draft: OrderDraft
) -> SavedOrder:
    """Save the order received for the appointment and mark the appointment arrived."""
    require(session, actor, Perm.RECEIVE)
    view = appointment_view(session, appointment_id)
    if draft.customer_id != view.customer_id:
        raise ValidationError([_("委托单的客户与预约的客户不一致")])
    saved = save_order(session, actor, clock, draft)
    if not saved.already_saved:
        mark_arrived(session, actor, clock, appointment_id, saved.order_id)
    return saved


def booked_order_draft(prefill: Prefill, request_token: str = "") -> OrderDraft:
    """The order exactly as booked (for the CLI and tests; the screen lets the clerk edit)."""
    return OrderDraft(
        prefill.customer_id,
        prefill.items,
        channel="appointment",
        contact_name=prefill.contact_name,
        contact_phone=prefill.contact_phone,
        note=_("预约单 {number}").format(number=prefill.appointment.number),
        request_token=request_token,
    )
