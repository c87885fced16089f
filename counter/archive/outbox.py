"""The notification outbox: reminders drafted from the due list, their status, the read model.

One message per customer and channel, about the ledger entries it names (with the due
date each was reminded of).  A reminder of the same kind for the same entry and due
date is not drafted again while one is drafted, sent or answered; a customer who
cannot be reached on the channel is reported back, not drafted.  Every move
(sent, failed, answered, cancelled) is checked against `rules.messages.MOVES` and
audited.  Sending batches: `counter.archive.sending`; the read model: `outbox_view`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import InstituteSettings, load_settings
from counter.archive.recall import CustomerDue
from counter.archive.rules.messages import (
    CHANNELS,
    LIVE_STATUSES,
    DueCustomer,
    DueEntry,
    channel_label,
    instruments_text,
    kind_for,
    move_problem,
    remindable,
    render,
)
from counter.archive.templates import template_for
from counter.clock import Clock, local_date
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Customer, Instrument
from db.models_archive import OutboxMessage, OutboxMessageInstrument

_CHUNK = 500


@dataclass(frozen=True)
class DraftResult:
    """What `draft_reminders` did: the new messages, who could not be reached, what was skipped."""

    drafted: tuple[int, ...]
    problems: tuple[str, ...]
    duplicates: int  # entries left out: already reminded of (same kind, same due date)


def recipient_of(customer: Customer, channel: str) -> str:
    """Where a message on `channel` goes: phone, e-mail address or postal address."""
    if channel == "email":
        return customer.email.strip()
    if channel == "letter":
        return customer.address.strip()
    return customer.phone.strip()


def no_recipient(customer: Customer, channel: str) -> str:
    what = {"email": _("电子邮箱"), "letter": _("地址")}.get(channel, _("电话"))
    return _("客户“{customer}”没有{what}，未起草{channel}提醒").format(
        customer=customer.name, what=what, channel=channel_label(channel)
    )


def message_values(customer: Customer, settings: InstituteSettings) -> dict[str, object]:
    """The placeholder values every message to `customer` shares."""
    return {
        "customer": customer.name,
        "contact": customer.contact_name or customer.name,
        "institute": settings.institute_name,
        "phone": settings.phone,
        "order": "",
        "details": "",
    }


def draft_message(
    session: Session,
    actor: Actor,
    clock: Clock,
    *,
    customer: Customer,
    kind: str,
    channel: str,
    values: Mapping[str, object],
    order_id: int | None = None,
    instruments: Sequence[tuple[int, dt.date | None]] = (),
    recipient: str | None = None,
    recipient_name: str | None = None,
) -> OutboxMessage:
    """Write one message from the template (the caller checked the permission and recipient;
    the recipient is the customer's own unless given)."""
    template = template_for(session, kind, channel)
    message = OutboxMessage(
        customer_id=customer.id,
        order_id=order_id,
        kind=kind,
        channel=channel,
        recipient=recipient if recipient is not None else recipient_of(customer, channel),
        recipient_name=recipient_name or customer.contact_name or customer.name,
        subject=render(template.subject, values)[:128],
        body=render(template.body, values),
        status="drafted",
        created_at=clock.now(),
        created_by_id=actor.id,
    )
    session.add(message)
    session.flush()
    session.add_all(
        OutboxMessageInstrument(message_id=message.id, instrument_id=i, due=due)
        for i, due in instruments
    )
    record(
        session,
        actor,
        clock,
        "outbox.draft",
        "outbox_message",
        str(message.id),
        after={
            "customer_id": customer.id,
            "order_id": order_id,
            "kind": kind,
            "channel": channel,
            "recipient": message.recipient,
            "instruments": [i for i, _due in instruments],
        },
    )
    return message


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _reminded(session: Session, ids: Sequence[int]) -> set[tuple[int, dt.date | None, str]]:
    """(instrument, due date, kind) of the live reminders about these entries."""
    found: set[tuple[int, dt.date | None, str]] = set()
    for chunk in _chunks(ids):
        rows = session.execute(
            select(
                OutboxMessageInstrument.instrument_id,
                OutboxMessageInstrument.due,
                OutboxMessage.kind,
            )
            .join(OutboxMessage, OutboxMessage.id == OutboxMessageInstrument.message_id)
            .where(
                OutboxMessageInstrument.instrument_id.in_(chunk),
                OutboxMessage.status.in_(LIVE_STATUSES),
            )
        )
        found.update((i, due, kind) for i, due, kind in rows)
    return found


def _owners(session: Session, ids: Sequence[int]) -> dict[int, int]:
    owners: dict[int, int] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(Instrument.id, Instrument.customer_id).where(Instrument.id.in_(chunk))
        )
        owners.update((i, c) for i, c in rows)
    return owners


def due_customers_from(customers: Iterable[CustomerDue]) -> list[DueCustomer]:
    """The recall due list as `draft_reminders` takes it (the entry's name and due state)."""
    return [
        DueCustomer(
            c.customer_id,
            tuple(DueEntry(e.instrument_id, e.name, e.next_due, e.state) for e in c.entries),
        )
        for c in customers
    ]


def draft_reminders(
    session: Session,
    actor: Actor,
    clock: Clock,
    customers_due: Sequence[DueCustomer],
    channel: str,
) -> DraftResult:
    """One reminder per customer on `channel`, about their due entries not reminded of yet."""
    require(session, actor, Perm.EDIT_CUSTOMER)
    if channel not in CHANNELS:
        raise ValidationError([_("发送渠道无效：{channel}").format(channel=channel)])
    ids = sorted({e.instrument_id for c in customers_due for e in c.entries})
    reminded, owners = _reminded(session, ids), _owners(session, ids)
    settings, today = load_settings(session), local_date(clock.now())
    drafted: list[int] = []
    problems: list[str] = []
    duplicates = 0
    for due in customers_due:
        customer = session.get(Customer, due.customer_id)
        if customer is None:
            problems.append(_("客户不存在（编号 {id}）").format(id=due.customer_id))
            continue
        entries = [e for e in due.entries if remindable(e)]
        strangers = [e for e in entries if owners.get(e.instrument_id) != customer.id]
        for e in strangers:
            problems.append(
                _("器具“{name}”不在客户“{customer}”的台账中，未提醒").format(
                    name=e.name, customer=customer.name
                )
            )
        entries = [e for e in entries if e not in strangers]
        if not entries:
            continue
        kind = kind_for(e.state for e in entries)
        fresh: dict[tuple[int, dt.date | None], DueEntry] = {}
        for e in entries:
            key = (e.instrument_id, e.due)
            if (e.instrument_id, e.due, kind) in reminded or key in fresh:
                duplicates += 1
            else:
                fresh[key] = e
        if not fresh:
            continue
        if not recipient_of(customer, channel):
            problems.append(no_recipient(customer, channel))
            continue
        chosen = sorted(fresh.values(), key=lambda e: (e.due or dt.date.max, e.name))
        values = message_values(customer, settings) | {
            "count": len(chosen),
            "instruments": instruments_text(chosen, channel),
            "due": min((e.due for e in chosen if e.due), default=today).isoformat(),
        }
        message = draft_message(
            session,
            actor,
            clock,
            customer=customer,
            kind=kind,
            channel=channel,
            values=values,
            instruments=[(e.instrument_id, e.due) for e in chosen],
        )
        reminded.update((e.instrument_id, e.due, kind) for e in chosen)
        drafted.append(message.id)
    return DraftResult(tuple(drafted), tuple(problems), duplicates)


def _message(session: Session, message_id: int) -> OutboxMessage:
    message = session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound(_("消息不存在"))
    return message


def move(
    session: Session, actor: Actor, clock: Clock, message: OutboxMessage, new: str, text: str
) -> None:
    """Move `message` to `new` (checked, audited); `text` is the reason or the answer."""
    problem = move_problem(message.status, new)
    if problem:
        raise ValidationError([problem])
    action = (
        "outbox.sent" if new == "sent"
        else "outbox.failed" if new == "failed"
        else "outbox.answered" if new == "answered"
        else "outbox.cancelled"
    )  # fmt: skip
    before = {"status": message.status}
    message.status = new
    now = clock.now()
    if new == "sent":
        message.sent_at, message.status_reason = now, ""
    elif new == "answered":
        message.answered_at, message.answer = now, text
    else:
        message.status_reason = text
    record(
        session,
        actor,
        clock,
        action,
        "outbox_message",
        str(message.id),
        before=before,
        after={"status": new, "recipient": message.recipient} | ({"text": text} if text else {}),
    )


def _required(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError([_("请填写{what}").format(what=what)])
    return text


def mark_sent(session: Session, actor: Actor, clock: Clock, message_id: int) -> None:
    require(session, actor, Perm.EDIT_CUSTOMER)
    move(session, actor, clock, _message(session, message_id), "sent", "")


def mark_failed(session: Session, actor: Actor, clock: Clock, message_id: int, reason: str) -> None:
    require(session, actor, Perm.EDIT_CUSTOMER)
    reason = _required(reason, _("失败原因"))
    move(session, actor, clock, _message(session, message_id), "failed", reason)


def mark_answered(
    session: Session, actor: Actor, clock: Clock, message_id: int, answer: str
) -> None:
    require(session, actor, Perm.EDIT_CUSTOMER)
    answer = _required(answer, _("客户的答复"))
    move(session, actor, clock, _message(session, message_id), "answered", answer)


def cancel(session: Session, actor: Actor, clock: Clock, message_id: int, reason: str) -> None:
    require(session, actor, Perm.EDIT_CUSTOMER)
    reason = _required(reason, _("取消原因"))
    move(session, actor, clock, _message(session, message_id), "cancelled", reason)
