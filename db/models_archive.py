"""The customer's file and recall (same metadata as `db.models`).

The ledger entries themselves are `db.models.Instrument`.  Here: the
administrator's reminder rules per sector, the editable message templates, the
notification outbox (one row per message, with the instruments it is about),
and the notes kept in a customer's file.  Nothing here is deleted: a message is
cancelled, a rule is changed (audited), a note stays.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base, Customer, Instrument, User


class ReminderRule(Base):
    """Remind `lead_days` before the due date, again `grace_days` after, escalate after N days."""

    __tablename__ = "reminder_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    sector: Mapped[str] = mapped_column(String(32), unique=True)  # "" = every other sector
    lead_days: Mapped[int] = mapped_column(Integer, default=30)
    grace_days: Mapped[int] = mapped_column(Integer, default=15)
    escalate_after_days: Mapped[int] = mapped_column(Integer, default=60)
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class MessageTemplate(Base):
    """The text of one kind of message on one channel, with `{placeholders}`."""

    __tablename__ = "message_templates"
    __table_args__ = (UniqueConstraint("kind", "channel", name="uq_message_templates_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "recall" | "overdue" | "escalation" | "ready"
    kind: Mapped[str] = mapped_column(String(16))
    # "sms" | "wechat" | "email" | "phone" | "letter"
    channel: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(128), default="")
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class OutboxMessage(Base):
    """One message to one recipient: drafted, then sent or failed (with why), maybe answered."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(256))  # phone, e-mail address or postal address
    recipient_name: Mapped[str] = mapped_column(String(128), default="")
    subject: Mapped[str] = mapped_column(String(128), default="")
    body: Mapped[str] = mapped_column(Text)
    # "drafted" | "sent" | "failed" | "answered" | "cancelled"
    status: Mapped[str] = mapped_column(String(16), default="drafted", index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    # the export file a batch went out in (CSV, .eml folder, letters PDF)
    batch: Mapped[str] = mapped_column(String(64), default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[dt.datetime | None]
    answered_at: Mapped[dt.datetime | None]

    customer: Mapped[Customer] = relationship()
    created_by: Mapped[User] = relationship()


class OutboxMessageInstrument(Base):
    """Which ledger entries a reminder is about."""

    __tablename__ = "outbox_message_instruments"

    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_messages.id"), primary_key=True)
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instruments.id"), primary_key=True, index=True
    )
    due: Mapped[dt.date | None]

    instrument: Mapped[Instrument] = relationship()


class CustomerNote(Base):
    """A note in a customer's file: who wrote what, when."""

    __tablename__ = "customer_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    at: Mapped[dt.datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
