"""SQLAlchemy 2 typed models: one metadata, one naming convention.

Nothing a regulator may ask for is deleted: orders and items carry a status and
a void reason instead.  Money columns (from the fees issue on) are integer fen.
Timestamps are stored as UTC and come back timezone-aware (`UTCDateTime`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; timestamps must be timezone-aware")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime()}


# --- reference data ---------------------------------------------------------


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    name_en: Mapped[str] = mapped_column(String(64), default="")
    sort: Mapped[int] = mapped_column(Integer, default=0)


class InstrumentType(Base):
    __tablename__ = "instrument_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    pinyin_initials: Mapped[str] = mapped_column(String(128), default="")
    pinyin_full: Mapped[str] = mapped_column(String(512), default="")
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    regulation: Mapped[str] = mapped_column(String(64), default="")
    period_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # "|"-separated uses under which verification is compulsory, e.g. "贸易结算"
    compulsory_uses: Mapped[str] = mapped_column(String(128), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    department: Mapped[Department] = relationship(lazy="joined")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(256))
    # comma-separated role codes, see counter.admin.auth.Role
    roles: Mapped[str] = mapped_column(String(256), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), index=True)
    short_name: Mapped[str] = mapped_column(String(32), default="")
    pinyin_initials: Mapped[str] = mapped_column(String(128), default="", index=True)
    pinyin_full: Mapped[str] = mapped_column(String(512), default="")
    # lower-case haystack of name | initials | pinyin | phone | code for one-scan search
    search_text: Mapped[str] = mapped_column(Text, default="")
    credit_code: Mapped[str] = mapped_column(String(18), default="", index=True)
    # "credit_code" | "legacy_registration" | "none"
    code_kind: Mapped[str] = mapped_column(String(24), default="none")
    # "enterprise" | "institution" | "individual"
    kind: Mapped[str] = mapped_column(String(16), default="enterprise")
    # "large" | "medium" | "small" | "micro" | "" (unknown / not an enterprise)
    size: Mapped[str] = mapped_column(String(16), default="")
    newly_opened: Mapped[bool] = mapped_column(Boolean, default=False)
    sector: Mapped[str] = mapped_column(String(32), default="")
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    address: Mapped[str] = mapped_column(String(256), default="")
    email: Mapped[str] = mapped_column(String(128), default="")
    account_customer: Mapped[bool] = mapped_column(Boolean, default=False)
    # 首问负责: the department that first took the customer's request owns it
    owner_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    # GB/T 2260 six-digit administrative division of the customer's address
    division_code: Mapped[str] = mapped_column(String(6), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class Instrument(Base):
    """A ledger entry (台账): an instrument a customer owns, whether or not it came to the counter.

    Intake recognises it again by (customer, type, serial) and links each item to it;
    a release records the verification on it (`last_verified`, `valid_until`,
    `next_due`).  Entries are never deleted: they go out of use or are scrapped
    with a date and a reason.  Identical small items may share one entry (`quantity`).
    """

    __tablename__ = "instruments"
    __table_args__ = (
        UniqueConstraint(
            "customer_id", "type_id", "serial", name="uq_instruments_customer_type_serial"
        ),
        Index("ix_instruments_due", "status", "next_due", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    type_id: Mapped[int] = mapped_column(ForeignKey("instrument_types.id"))
    serial: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(128), default="")
    manufacturer: Mapped[str] = mapped_column(String(128), default="")
    measuring_range: Mapped[str] = mapped_column(String(128), default="")
    accuracy_class: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[dt.datetime]
    # --- the ledger (e-CQS columns), see counter.archive
    name: Mapped[str] = mapped_column(String(128), default="")  # 器具名称 as the customer calls it
    category: Mapped[str] = mapped_column(String(64), default="")  # 项别
    kind: Mapped[str] = mapped_column(String(64), default="")  # 种别
    origin: Mapped[str] = mapped_column(String(64), default="")  # 产地
    location: Mapped[str] = mapped_column(String(256), default="")  # 安装/使用地点
    division_code: Mapped[str] = mapped_column(String(6), default="")  # GB/T 2260
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    use: Mapped[str] = mapped_column(String(16), default="")  # 贸易结算 | 安全防护 | …
    # "bring" (送检) | "onsite" (现场检定)
    verify_mode: Mapped[str] = mapped_column(String(16), default="bring")
    regulator_number: Mapped[str] = mapped_column(String(64), default="")  # 强管唯一性号
    compulsory: Mapped[bool] = mapped_column(Boolean, default=False)
    # "in_use" | "out_of_use" | "scrapped"
    status: Mapped[str] = mapped_column(String(16), default="in_use")
    status_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    last_verified: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    last_result: Mapped[str] = mapped_column(String(8), default="")  # "pass" | "fail" | ""
    last_certificate: Mapped[str] = mapped_column(String(40), default="")
    valid_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    next_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # "intake" | "import" | "manual"
    source: Mapped[str] = mapped_column(String(16), default="intake")
    updated_at: Mapped[dt.datetime | None]

    customer: Mapped[Customer] = relationship()
    type: Mapped[InstrumentType] = relationship()


# --- orders and items -------------------------------------------------------


class Order(Base):
    __tablename__ = "orders"
    # the orders list's sorts and filters, each with the id for keyset paging (migration 0015)
    __table_args__ = (
        Index("ix_orders_customer_name", "customer_name", "id"),
        Index("ix_orders_item_count", "item_count", "id"),
        Index("ix_orders_promised_date", "promised_date", "id"),
        Index("ix_orders_received_at_id", "received_at", "id"),
        Index("ix_orders_status_id", "status", "id"),
        Index("ix_orders_status_received_at", "status", "received_at", "id"),
        Index("ix_orders_customer_received_at", "customer_id", "received_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    # the customer's name, kept by triggers (migration 0015): the list sorts by it
    customer_name: Mapped[str] = mapped_column(String(128), default="", server_default="")
    # "counter" | "appointment" | "mail" | "onsite"
    channel: Mapped[str] = mapped_column(String(16), default="counter")
    received_at: Mapped[dt.datetime]
    received_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    # summary of the items' states, kept by counter.intake.lookups (see intake.rules.lifecycle)
    status: Mapped[str] = mapped_column(String(24), default="received")
    promised_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # a per-form token so that a double-pressed Save stores one order, not two
    request_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[dt.datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    customer: Mapped[Customer] = relationship()
    received_by: Mapped[User] = relationship(foreign_keys=[received_by_id])
    items: Mapped[list[Item]] = relationship(
        back_populates="order", order_by="Item.seq", foreign_keys="Item.order_id"
    )


class Item(Base):
    """One physical instrument handed in with an order; it carries its own number."""

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("order_id", "seq", name="uq_items_order_seq"),
        Index("ix_items_department_status", "department_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    seq: Mapped[int] = mapped_column(Integer)
    instrument_id: Mapped[int | None] = mapped_column(ForeignKey("instruments.id"), index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("instrument_types.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    model: Mapped[str] = mapped_column(String(128), default="")
    serial: Mapped[str] = mapped_column(String(64), default="")
    manufacturer: Mapped[str] = mapped_column(String(128), default="")
    measuring_range: Mapped[str] = mapped_column(String(128), default="")
    accuracy_class: Mapped[str] = mapped_column(String(32), default="")
    # "verification" | "calibration" | "testing" | "repair"
    service: Mapped[str] = mapped_column(String(16))
    # "" | "trade" | "safety" | "medical" | "environment"
    use: Mapped[str] = mapped_column(String(16), default="")
    compulsory: Mapped[bool] = mapped_column(Boolean, default=False)
    compulsory_override_reason: Mapped[str] = mapped_column(Text, default="")
    condition: Mapped[str] = mapped_column(String(256), default="")
    accessories: Mapped[str] = mapped_column(String(256), default="")
    # "normal" | "urgent" | "same_day"
    urgency: Mapped[str] = mapped_column(String(16), default="normal")
    # "pickup" | "mail"
    return_way: Mapped[str] = mapped_column(String(16), default="pickup")
    promised_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24), default="received", index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    # set by the first passed final check (statistics count finished items by them):
    # the Beijing date, and the working days from the day received to that date
    finished_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    turnaround_days: Mapped[int | None] = mapped_column(Integer, nullable=True)

    order: Mapped[Order] = relationship(back_populates="items", foreign_keys=[order_id])
    instrument_type: Mapped[InstrumentType] = relationship()
    department: Mapped[Department] = relationship()


# --- numbering, settings, calendar, audit, printing -------------------------


class NumberSequence(Base):
    """Counters behind order/item/statement numbers; incremented atomically."""

    __tablename__ = "number_sequences"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """Business settings shared by every counter (JSON text values)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CalendarDay(Base):
    """An administrator's holiday or make-up working day."""

    __tablename__ = "calendar_days"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    # "holiday" | "workday"
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64), default="")


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    # the hash chain, see db.models_audit: appended only by counter.admin.audit.write
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(48), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(64), index=True)
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()


class PrintJob(Base):
    """A label or receipt that must reach a printer; failed ones wait for reprint."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "label" | "receipt"
    kind: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    # "pending" | "printed" | "failed"
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


# --- fees: fee standard, statements, payments ---------------------------------
# Money is integer fen.  A fee standard version is never edited once imported;
# a statement is voided or superseded (replaces_id + reason), never deleted; a
# refund is a payment with a negative amount.
