"""The outbox as the screens read it: messages newest first, with the instruments each is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.archive.rules.messages import STATUSES
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Customer, Instrument
from db.models_archive import OutboxMessage, OutboxMessageInstrument

_CHUNK = 500


@dataclass(frozen=True)
class MessageInstrument:
    instrument_id: int
    name: str
    due: dt.date | None


@dataclass(frozen=True)
class OutboxRow:
    id: int
    customer_id: int
    customer: str
    order_id: int | None
    kind: str
    channel: str
    recipient: str
    recipient_name: str
    subject: str
    body: str
    status: str
    status_reason: str
    batch: str
    answer: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    answered_at: dt.datetime | None
    instruments: tuple[MessageInstrument, ...]


@dataclass(frozen=True)
class OutboxPage:
    rows: tuple[OutboxRow, ...]
    total: int


def _instruments(session: Session, ids: Sequence[int]) -> dict[int, list[MessageInstrument]]:
    found: dict[int, list[MessageInstrument]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = session.execute(
            select(
                OutboxMessageInstrument.message_id,
                OutboxMessageInstrument.instrument_id,
                Instrument.name,
                OutboxMessageInstrument.due,
            )
            .join(Instrument, Instrument.id == OutboxMessageInstrument.instrument_id)
            .where(OutboxMessageInstrument.message_id.in_(chunk))
            .order_by(OutboxMessageInstrument.due, Instrument.name)
        )
        for message_id, instrument_id, name, due in rows:
            found.setdefault(message_id, []).append(MessageInstrument(instrument_id, name, due))
    return found


def _row(m: OutboxMessage, customer: str, instruments: list[MessageInstrument]) -> OutboxRow:
    return OutboxRow(
        m.id, m.customer_id, customer, m.order_id, m.kind, m.channel, m.recipient,
        m.recipient_name, m.subject, m.body, m.status, m.status_reason, m.batch, m.answer,
        m.created_at, m.sent_at, m.answered_at, tuple(instruments),
    )  # fmt: skip


def outbox(
    session: Session,
    status: str | None = None,
    customer_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
    *,
    channel: str | None = None,
) -> OutboxPage:
    """Messages, newest first, with the instruments each is about; `total` for paging."""
    query = select(OutboxMessage, Customer.name).join(
        Customer, Customer.id == OutboxMessage.customer_id
    )
    if status is not None:
        if status not in STATUSES:
            raise ValidationError([_("消息状态无效：{status}").format(status=status)])
        query = query.where(OutboxMessage.status == status)
    if customer_id is not None:
        query = query.where(OutboxMessage.customer_id == customer_id)
    if channel is not None:
        query = query.where(OutboxMessage.channel == channel)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    links = _instruments(session, [m.id for m, _name in rows])
    return OutboxPage(tuple(_row(m, name, links.get(m.id, [])) for m, name in rows), total)


def message_row(session: Session, message_id: int) -> OutboxRow:
    message = session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound(_("消息不存在"))
    links = _instruments(session, [message.id])
    return _row(message, message.customer.name, links.get(message.id, []))
