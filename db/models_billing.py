"""Fee standards, statements with their lines and adjustments, payments (metadata of `db.models`).

Money is integer fen.  Nothing is deleted: a statement is voided or superseded with a reason."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models import Base, Order, User


class FeeScheduleVersion(Base):
    """One imported fee standard (收费标准), in force from `effective_from`."""

    __tablename__ = "fee_schedule_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[dt.date] = mapped_column(Date, unique=True)
    # last day in force; None = until the next version starts
    effective_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    title: Mapped[str] = mapped_column(String(128), default="")
    source_filename: Mapped[str] = mapped_column(String(256), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[dt.datetime]
    # None: the starter standard shipped with the program
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    rows: Mapped[list[FeeScheduleRow]] = relationship(
        back_populates="version", order_by="FeeScheduleRow.seq"
    )


class FeeScheduleRow(Base):
    """code | instrument name | tier | measuring range | unit | price | add-on rules."""

    __tablename__ = "fee_rows"
    __table_args__ = (
        UniqueConstraint(
            "version_id", "code", "tier", "measuring_range", name="uq_fee_rows_version_code_tier"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("fee_schedule_versions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(128))
    tier: Mapped[str] = mapped_column(String(128), default="")
    measuring_range: Mapped[str] = mapped_column(String(128), default="")
    unit: Mapped[str] = mapped_column(String(32), default="")
    price_fen: Mapped[int] = mapped_column(Integer)
    # the Chinese text form (counter.billing.rules.addons.format_addons); "" = none
    addons: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[FeeScheduleVersion] = relationship(back_populates="rows")


class FeeStatement(Base):
    """An issued fee statement (检定费专用清单); its status is derived from payments and void."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    # the customer as printed on the statement
    customer_name: Mapped[str] = mapped_column(String(128))
    customer_code: Mapped[str] = mapped_column(String(18), default="")
    customer_contact: Mapped[str] = mapped_column(String(128), default="")
    account_customer: Mapped[bool] = mapped_column(Boolean, default=False)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    issued_at: Mapped[dt.datetime]
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    total_fen: Mapped[int] = mapped_column(Integer)
    total_capitals: Mapped[str] = mapped_column(String(128))
    # the institute's payment details as printed (JSON)
    payment_details: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[dt.datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str] = mapped_column(Text, default="")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id"), index=True)
    replace_reason: Mapped[str] = mapped_column(Text, default="")
    # why chargeable lines carry no fee-standard code (printed on the statement)
    no_code_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    lines: Mapped[list[FeeStatementLine]] = relationship(
        back_populates="statement", order_by="FeeStatementLine.seq"
    )
    orders: Mapped[list[FeeStatementOrder]] = relationship(
        back_populates="statement", order_by="FeeStatementOrder.seq"
    )
    payments: Mapped[list[FeePayment]] = relationship(
        back_populates="statement", order_by="FeePayment.id"
    )
    clerk: Mapped[User] = relationship(foreign_keys=[clerk_id])


class FeeStatementOrder(Base):
    """The orders a statement bills (several for an account customer's monthly statement)."""

    __tablename__ = "statement_orders"

    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id"), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True, index=True)
    seq: Mapped[int] = mapped_column(Integer, default=1)

    statement: Mapped[FeeStatement] = relationship(back_populates="orders")
    order: Mapped[Order] = relationship()


class FeeStatementLine(Base):
    """A priced line as issued: a snapshot of the fee row and the facts it was priced on."""

    __tablename__ = "statement_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    # a service ("verification" …) or an extra charge ("repair_fee", "parts" …)
    line_group: Mapped[str] = mapped_column(String(16))
    order_number: Mapped[str] = mapped_column(String(32), default="")
    item_number: Mapped[str] = mapped_column(String(40), default="")
    instrument: Mapped[str] = mapped_column(String(128), default="")
    model: Mapped[str] = mapped_column(String(128), default="")
    serial: Mapped[str] = mapped_column(String(64), default="")
    fee_version_id: Mapped[int | None] = mapped_column(ForeignKey("fee_schedule_versions.id"))
    fee_code: Mapped[str] = mapped_column(String(64), default="")
    tier: Mapped[str] = mapped_column(String(128), default="")
    fee_range: Mapped[str] = mapped_column(String(128), default="")
    unit: Mapped[str] = mapped_column(String(32), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    base_fen: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)
    # the row's add-on rules as text, and what they were applied to
    addon_rules: Mapped[str] = mapped_column(Text, default="")
    line_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    compulsory: Mapped[bool] = mapped_column(Boolean, default=False)
    turnaround_hours: Mapped[int | None] = mapped_column(Integer, nullable=True)
    promise_missed: Mapped[bool] = mapped_column(Boolean, default=False)
    working_days_late: Mapped[int] = mapped_column(Integer, default=0)
    reverification_after_own_repair: Mapped[bool] = mapped_column(Boolean, default=False)
    measured: Mapped[str] = mapped_column(String(32), default="")
    extra_points: Mapped[int] = mapped_column(Integer, default=0)
    extra_ranges: Mapped[int] = mapped_column(Integer, default=0)
    # "|"-separated add-on conditions that hold (e.g. 交直流两用)
    conditions: Mapped[str] = mapped_column(Text, default="")
    # why the clerk changed the proposed tier or price ("" = as proposed); also audited
    manual_change_reason: Mapped[str] = mapped_column(Text, default="")

    statement: Mapped[FeeStatement] = relationship(back_populates="lines")
    adjustments: Mapped[list[FeeStatementAdjustment]] = relationship(
        back_populates="line", order_by="FeeStatementAdjustment.seq"
    )


class FeeStatementAdjustment(Base):
    """An add-on or a policy adjustment of a line, with the reason printed next to it."""

    __tablename__ = "statement_adjustments"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("statement_lines.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    # "addon" | "adjustment"
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    amount_fen: Mapped[int] = mapped_column(Integer)

    line: Mapped[FeeStatementLine] = relationship(back_populates="adjustments")


class FeePayment(Base):
    """Money received against a statement; a refund is a negative amount with its reason."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id"), index=True)
    # "cash" | "bank_transfer" | "wechat" | "alipay" | "pos"
    method: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime]
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    statement: Mapped[FeeStatement] = relationship(back_populates="payments")
