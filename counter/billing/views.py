"""Issued statements as plain data: what the screen shows, the PDF prints and XLSX exports.

A statement's status is derived, never stored: void, or paid / partly paid /
unpaid from its payments (a refund is a negative payment).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from counter.billing.draft import BillingDraft, OrderRef, open_billing
from counter.billing.rules.lines import GROUPS, Adjustment, LineGroup
from counter.billing.rules.payments import (
    PAYMENT_METHODS,
    Payment,
    PaymentMethod,
    PaymentStatus,
    payment_status,
)
from counter.billing.rules.pricing import PricedLine, priced_line
from counter.billing.rules.statement import PaymentDetails, StatementCustomer
from counter.clock import local_date
from counter.errors import NotFound
from counter.i18n import _
from db.models import Order, User
from db.models_billing import FeeStatement, FeeStatementLine, FeeStatementOrder

_GROUP: dict[str, LineGroup] = {g: g for g in GROUPS}
_METHOD: dict[str, PaymentMethod] = {m: m for m in PAYMENT_METHODS}


@dataclass(frozen=True)
class PaymentRow:
    id: int
    method: PaymentMethod
    amount_fen: int  # negative: a refund
    reference: str
    reason: str
    at: dt.datetime
    clerk: str


@dataclass(frozen=True)
class StatementView:
    id: int
    number: str
    status: PaymentStatus
    customer_id: int
    customer: StatementCustomer
    account_customer: bool
    issued_on: dt.date
    issued_at: dt.datetime
    clerk: str
    orders: tuple[OrderRef, ...]
    lines: tuple[PricedLine, ...]
    change_reasons: tuple[str, ...]  # per line: why the clerk changed tier or price
    total_fen: int
    total_capitals: str
    paid_fen: int  # net: payments minus refunds
    payments: tuple[PaymentRow, ...]
    payment_details: PaymentDetails
    voided_at: dt.datetime | None
    void_reason: str
    replaces: str  # number of the statement this one replaces
    replace_reason: str
    replaced_by: str  # number of the statement that replaced this one
    no_code_reason: str = ""  # why chargeable lines have no fee-standard code

    @property
    def due_fen(self) -> int:
        return 0 if self.voided_at is not None else max(self.total_fen - self.paid_fen, 0)

    @property
    def order_ids(self) -> tuple[int, ...]:
        return tuple(o.id for o in self.orders)


def payments_of(statement: FeeStatement) -> list[Payment]:
    return [
        Payment(_METHOD[p.method], p.amount_fen, p.at, p.reference, p.reason)
        for p in statement.payments
    ]


def status_of(statement: FeeStatement) -> PaymentStatus:
    return payment_status(
        statement.total_fen, payments_of(statement), voided=statement.voided_at is not None
    )


def _priced(line: FeeStatementLine) -> PricedLine:
    def kind(k: str) -> tuple[Adjustment, ...]:
        return tuple(
            Adjustment(a.code, a.reason, a.amount_fen) for a in line.adjustments if a.kind == k
        )

    return priced_line(
        line,
        _GROUP[line.line_group],
        line.base_fen,
        kind("addon"),
        kind("adjustment"),
        line.amount_fen,  # as issued, never recomputed
    )


def _details(text: str) -> PaymentDetails:
    data = json.loads(text) if text else {}
    return PaymentDetails(
        payee=str(data.get("payee", "")),
        bank=str(data.get("bank", "")),
        account=str(data.get("account", "")),
        note=str(data.get("note", "")),
    )


def statement_view(session: Session, statement_id: int) -> StatementView:
    st = session.scalar(
        select(FeeStatement)
        .where(FeeStatement.id == statement_id)
        .options(
            selectinload(FeeStatement.lines).selectinload(FeeStatementLine.adjustments),
            selectinload(FeeStatement.payments),
            selectinload(FeeStatement.orders).selectinload(FeeStatementOrder.order),
            selectinload(FeeStatement.clerk),
        )
    )
    if st is None:
        raise NotFound(_("收费清单不存在"))
    names = select(User.id, User.full_name).where(User.id.in_({p.clerk_id for p in st.payments}))
    clerks = {uid: name for uid, name in session.execute(names)}
    replaces = session.get(FeeStatement, st.replaces_id) if st.replaces_id else None
    replaced_by = session.scalar(
        select(FeeStatement.number).where(FeeStatement.replaces_id == st.id)
    )
    return StatementView(
        id=st.id,
        number=st.number,
        status=status_of(st),
        customer_id=st.customer_id,
        customer=StatementCustomer(st.customer_name, st.customer_code, st.customer_contact),
        account_customer=st.account_customer,
        issued_on=st.issued_on,
        issued_at=st.issued_at,
        clerk=st.clerk.full_name,
        orders=tuple(
            OrderRef(so.order_id, so.order.number, local_date(so.order.received_at))
            for so in st.orders
        ),
        lines=tuple(_priced(line) for line in st.lines),
        change_reasons=tuple(line.manual_change_reason for line in st.lines),
        total_fen=st.total_fen,
        total_capitals=st.total_capitals,
        paid_fen=sum(p.amount_fen for p in st.payments),
        payments=tuple(
            PaymentRow(
                p.id,
                _METHOD[p.method],
                p.amount_fen,
                p.reference,
                p.reason,
                p.at,
                clerks.get(p.clerk_id, ""),
            )
            for p in st.payments
        ),
        payment_details=_details(st.payment_details),
        voided_at=st.voided_at,
        void_reason=st.void_reason,
        replaces=replaces.number if replaces else "",
        replace_reason=st.replace_reason,
        replaced_by=replaced_by or "",
        no_code_reason=st.no_code_reason,
    )


def statement_ids_of_order(session: Session, order_id: int) -> list[int]:
    """Every statement that billed the order, newest first (voided ones included)."""
    query = (
        select(FeeStatementOrder.statement_id)
        .where(FeeStatementOrder.order_id == order_id)
        .order_by(FeeStatementOrder.statement_id.desc())
    )
    return list(session.scalars(query))


def current_statement_ids(session: Session, order_ids: Sequence[int]) -> dict[int, int]:
    """order id → the id of its current (not voided) statement, for orders that have one."""
    query = (
        select(FeeStatementOrder.order_id, FeeStatement.id)
        .join(FeeStatement, FeeStatement.id == FeeStatementOrder.statement_id)
        .where(FeeStatementOrder.order_id.in_(list(order_ids)), FeeStatement.voided_at.is_(None))
    )
    return {order_id: statement_id for order_id, statement_id in session.execute(query)}


def statement_of_order(session: Session, order_id: int) -> StatementView | None:
    """The order's current (not voided) statement, or None."""
    found = current_statement_ids(session, [order_id]).get(order_id)
    return statement_view(session, found) if found is not None else None


@dataclass(frozen=True)
class BillingTarget:
    """What the billing screen opens for orders: their statement, or a draft of their lines."""

    statement: StatementView | None = None  # the current statement (single order)
    draft: BillingDraft | None = None  # otherwise the proposed lines
    voided: StatementView | None = None  # the order's last statement, void and not replaced


def billing_target(
    session: Session, order_ids: Sequence[int], *, today: dt.date, draft_only: bool = False
) -> BillingTarget:
    """The current statement of a single order; else a draft (and the void one it may replace)."""
    ids = list(order_ids)
    if not draft_only and len(ids) == 1:
        current = statement_of_order(session, ids[0])
        if current is not None:
            return BillingTarget(statement=current)
    draft = open_billing(session, ids, today=today)
    latest = statement_ids_of_order(session, ids[0]) if not draft_only else []
    last = statement_view(session, latest[0]) if latest else None
    voided = last if last and last.status == "void" and not last.replaced_by else None
    return BillingTarget(draft=draft, voided=voided)


@dataclass(frozen=True)
class UnbilledOrder:
    id: int
    number: str
    date: dt.date
    item_count: int


def unbilled_orders(session: Session, customer_id: int, limit: int = 200) -> list[UnbilledOrder]:
    """The customer's live orders without a current statement, newest first (monthly billing)."""
    billed = exists().where(
        FeeStatementOrder.order_id == Order.id,
        FeeStatement.id == FeeStatementOrder.statement_id,
        FeeStatement.voided_at.is_(None),
    )
    query = (
        select(Order.id, Order.number, Order.received_at, Order.item_count)
        .where(Order.customer_id == customer_id, Order.voided_at.is_(None), ~billed)
        .order_by(Order.received_at.desc(), Order.id.desc())
        .limit(limit)
    )
    return [
        UnbilledOrder(oid, number, local_date(at), n)
        for oid, number, at, n in session.execute(query)
    ]
