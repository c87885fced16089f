"""Sending a batch from the outbox: files first, outside any transaction, then one short write.

`send_batch` reads the messages, hands them to a `Sender` (which writes its CSV, .eml
folder, PDF or XLSX into the chosen folder: slow, and never holding the database),
then records each message as sent or failed (with the recipient and why) in one
transaction.  A message cancelled or answered while the files were written keeps
its new status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import load_settings
from counter.archive.outbox import move
from counter.archive.rules.messages import SENDABLE, channel_label, status_label
from counter.archive.senders import (
    CsvSender,
    EmlSender,
    LetterSender,
    Outgoing,
    PhoneListSender,
    Sender,
)
from counter.clock import Clock, local_date
from counter.errors import ValidationError
from counter.i18n import _
from counter.intake.documents import institute_info
from db.engine import Database
from db.models import Customer, Instrument
from db.models_archive import OutboxMessage, OutboxMessageInstrument


@dataclass(frozen=True)
class FailedRecipient:
    message_id: int
    customer: str
    recipient: str
    reason: str


@dataclass(frozen=True)
class BatchResult:
    """What a batch did: its name (the files start with it), what went out, what failed and why."""

    batch: str
    files: tuple[Path, ...]
    sent: tuple[int, ...]
    failed: tuple[FailedRecipient, ...]
    skipped: tuple[str, ...]  # changed by someone else while the files were written


def sender_for(session: Session, channel: str, clock: Clock) -> Sender:
    """The built-in sender of `channel`, with the institute's details."""
    settings = load_settings(session)
    if channel in ("sms", "wechat"):
        return CsvSender(channel)
    if channel == "email":
        return EmlSender(settings.institute_name, clock.now())
    if channel == "letter":
        return LetterSender(institute_info(settings), settings, local_date(clock.now()))
    if channel == "phone":
        return PhoneListSender()
    raise ValidationError([_("发送渠道无效：{channel}").format(channel=channel)])


def _outgoing(session: Session, ids: Sequence[int], channel: str) -> list[Outgoing]:
    messages = {
        m.id: m
        for m in session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(list(ids))))
    }
    problems = []
    for message_id in ids:
        m = messages.get(message_id)
        if m is None:
            problems.append(_("消息不存在（编号 {id}）").format(id=message_id))
        elif m.channel != channel:
            problems.append(
                _("消息 {id} 是{channel}消息，不能由此渠道发送").format(
                    id=message_id, channel=channel_label(m.channel)
                )
            )
        elif m.status not in SENDABLE:
            problems.append(
                _("消息 {id} {status}，不能发送").format(
                    id=message_id, status=status_label(m.status)
                )
            )
    if problems:
        raise ValidationError(problems)
    names = dict(
        session.execute(
            select(Customer.id, Customer.name).where(
                Customer.id.in_({m.customer_id for m in messages.values()})
            )
        ).all()
    )
    things: dict[int, list[tuple[str, dt.date | None]]] = {}
    rows = session.execute(
        select(OutboxMessageInstrument.message_id, Instrument.name, OutboxMessageInstrument.due)
        .join(Instrument, Instrument.id == OutboxMessageInstrument.instrument_id)
        .where(OutboxMessageInstrument.message_id.in_(list(ids)))
        .order_by(OutboxMessageInstrument.due, Instrument.name)
    )
    for message_id, name, due in rows:
        things.setdefault(message_id, []).append((name, due))
    return [
        Outgoing(
            m.id,
            m.channel,
            names[m.customer_id],
            m.recipient,
            m.recipient_name,
            m.subject,
            m.body,
            tuple(things.get(m.id, [])),
        )
        for m in (messages[i] for i in dict.fromkeys(ids))
    ]


def _batch_name(folder: Path, channel: str, clock: Clock) -> str:
    stem = f"{channel}-{clock.now():%Y%m%d-%H%M%S}"
    name, n = stem, 1
    while (folder / name).exists() or any(folder.glob(f"{name}.*")):
        n += 1
        name = f"{stem}-{n}"
    return name


def send_batch(
    database: Database,
    actor: Actor,
    clock: Clock,
    message_ids: Sequence[int],
    sender: Sender,
    folder: Path,
) -> BatchResult:
    """Send `message_ids` through `sender` into `folder`; record who got theirs and who did not."""
    with database.session() as session:
        require(session, actor, Perm.EDIT_CUSTOMER)
        outgoing = _outgoing(session, message_ids, sender.channel)
    folder.mkdir(parents=True, exist_ok=True)
    batch = _batch_name(folder, sender.channel, clock)
    outcomes = sender.send(outgoing, folder, batch)
    by_id = {m.message_id: m for m in outgoing}
    sent: list[int] = []
    failed: list[FailedRecipient] = []
    skipped: list[str] = []
    with database.action() as session:
        require(session, actor, Perm.EDIT_CUSTOMER)
        for outcome in outcomes:
            message = session.get(OutboxMessage, outcome.message_id)
            if message is None or message.status not in SENDABLE:
                skipped.append(
                    _("消息 {id} 已被他人改为{status}，未记录本次发送").format(
                        id=outcome.message_id,
                        status=status_label(message.status if message else ""),
                    )
                )
                continue
            message.batch = batch
            if outcome.ok:
                move(session, actor, clock, message, "sent", "")
                sent.append(message.id)
            else:
                move(session, actor, clock, message, "failed", outcome.reason)
                m = by_id[message.id]
                failed.append(
                    FailedRecipient(m.message_id, m.customer, m.recipient, outcome.reason)
                )
    files = tuple(sorted(p for p in folder.iterdir() if p.name.split(".")[0] == batch))
    return BatchResult(batch, files, tuple(sent), tuple(failed), tuple(skipped))
