"""A customer's file (客户档案): everything the institute holds about one customer, newest first.

Details, the ledger with due states, orders, certificates, statements, payments,
messages sent (and answered) and notes — the first `PAGE` rows of each, one
indexed statement per part, read in the caller's session.  Each part says
whether more rows exist beyond the first page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from counter.archive.reminder_rules import reminder_rules, rule_for
from counter.archive.rules.due import DueState, due_state
from counter.errors import NotFound
from counter.i18n import _
from db.models import Customer, Department, Instrument, InstrumentType, Item, Order, User
from db.models_archive import CustomerNote, OutboxMessage
from db.models_billing import FeePayment, FeeStatement
from db.models_certificates import CertificateRecord

PAGE = 200


class LedgerRow(NamedTuple):
    id: int
    name: str
    type_name: str
    serial: str
    model: str
    status: str
    last_verified: dt.date | None
    next_due: dt.date | None
    state: DueState
    compulsory: bool
    location: str


class OrderRow(NamedTuple):
    id: int
    number: str
    received_at: dt.datetime
    channel: str
    item_count: int
    status: str


class CertificateRow(NamedTuple):
    id: int
    number: str
    item_number: str
    instrument: str
    status: str
    issued: dt.date | None
    valid_until: dt.date | None
    verdict: str


class StatementRow(NamedTuple):
    id: int
    number: str
    issued_on: dt.date
    total_fen: int
    paid_fen: int
    voided: bool


class PaymentRow(NamedTuple):
    id: int
    statement_number: str
    at: dt.datetime
    method: str
    amount_fen: int
    reference: str


class MessageRow(NamedTuple):
    id: int
    created_at: dt.datetime
    kind: str
    channel: str
    recipient: str
    status: str
    status_reason: str
    answer: str


class NoteRow(NamedTuple):
    id: int
    at: dt.datetime
    author: str
    text: str
    pinned: bool


@dataclass(frozen=True)
class CustomerHead:
    id: int
    name: str
    short_name: str
    credit_code: str
    kind: str
    sector: str
    contact_name: str
    phone: str
    address: str
    email: str
    account_customer: bool
    owner_department: str
    division_code: str
    note: str
    active: bool


@dataclass(frozen=True)
class CustomerFile:
    """One customer's file; each `more_*` says the part has rows beyond the first page."""

    customer: CustomerHead
    today: dt.date
    ledger: tuple[LedgerRow, ...]
    orders: tuple[OrderRow, ...]
    certificates: tuple[CertificateRow, ...]
    statements: tuple[StatementRow, ...]
    payments: tuple[PaymentRow, ...]
    messages: tuple[MessageRow, ...]
    notes: tuple[NoteRow, ...]
    more: frozenset[str]  # names of the parts cut at `PAGE` rows


def _page(session: Session, query: Select[*tuple[Any, ...]]) -> tuple[list[Any], bool]:
    rows = list(session.execute(query.limit(PAGE + 1)))
    return rows[:PAGE], len(rows) > PAGE


def _head(session: Session, customer_id: int) -> CustomerHead:
    row = session.execute(
        select(Customer, Department.name)
        .outerjoin(Department, Department.id == Customer.owner_department_id)
        .where(Customer.id == customer_id)
    ).first()
    if row is None:
        raise NotFound(_("客户不存在"))
    c, owner = row
    return CustomerHead(
        c.id, c.name, c.short_name, c.credit_code, c.kind, c.sector, c.contact_name, c.phone,
        c.address, c.email, c.account_customer, owner or "", c.division_code, c.note, c.active,
    )  # fmt: skip


def _ledger(session: Session, head: CustomerHead, today: dt.date) -> tuple[list[LedgerRow], bool]:
    rule = rule_for(reminder_rules(session), head.sector)
    i = Instrument
    query = (
        select(i.id, i.name, InstrumentType.name, i.serial, i.model, i.status)
        .add_columns(i.last_verified, i.next_due, i.compulsory, i.location)
        .join(InstrumentType, InstrumentType.id == i.type_id)
        .where(i.customer_id == head.id)
        .order_by(i.id.desc())
    )
    rows, more = _page(session, query)
    out = []
    for r in rows:
        state = due_state(
            today, r[7], status=r[5], compulsory=r[8], verified=r[6] is not None, rule=rule
        )
        values = (r[0], r[1] or r[2], *r[2:8], state, bool(r[8]), r[9])
        out.append(LedgerRow._make(values))
    return out, more


def _queries(customer_id: int) -> dict[str, Select[*tuple[Any, ...]]]:
    """The file's other parts, newest first."""
    c, s, m, n = CertificateRecord, FeeStatement, OutboxMessage, CustomerNote
    paid = (
        select(func.coalesce(func.sum(FeePayment.amount_fen), 0))
        .where(FeePayment.statement_id == s.id)
        .scalar_subquery()
    )
    return {
        "orders": select(Order.id, Order.number, Order.received_at, Order.channel)
        .add_columns(Order.item_count, Order.status)
        .where(Order.customer_id == customer_id)
        .order_by(Order.received_at.desc(), Order.id.desc()),
        "certificates": select(c.id, c.number, Item.number, InstrumentType.name, c.status)
        .add_columns(c.issued, c.valid_until, c.verdict)
        .join(Item, Item.id == c.item_id)
        .join(Order, Order.id == Item.order_id)
        .join(InstrumentType, InstrumentType.id == Item.type_id)
        .where(Order.customer_id == customer_id)
        .order_by(c.id.desc()),
        "statements": select(s.id, s.number, s.issued_on, s.total_fen, paid)
        .add_columns(s.voided_at.is_not(None))
        .where(s.customer_id == customer_id)
        .order_by(s.id.desc()),
        "payments": select(FeePayment.id, s.number, FeePayment.at, FeePayment.method)
        .add_columns(FeePayment.amount_fen, FeePayment.reference)
        .join(s, s.id == FeePayment.statement_id)
        .where(s.customer_id == customer_id)
        .order_by(FeePayment.id.desc()),
        "messages": select(m.id, m.created_at, m.kind, m.channel, m.recipient, m.status)
        .add_columns(m.status_reason, m.answer)
        .where(m.customer_id == customer_id)
        .order_by(m.id.desc()),
        "notes": select(n.id, n.at, User.full_name, n.text, n.pinned)
        .join(User, User.id == n.user_id)
        .where(n.customer_id == customer_id)
        .order_by(n.pinned.desc(), n.id.desc()),
    }


def customer_file(session: Session, customer_id: int, today: dt.date) -> CustomerFile:
    """The customer's file as of `today` (due states are taken on that day)."""
    head = _head(session, customer_id)
    ledger, more_ledger = _ledger(session, head, today)
    parts: dict[str, list[Any]] = {}
    more = {"ledger"} if more_ledger else set()
    for name, query in _queries(customer_id).items():
        parts[name], cut = _page(session, query)
        if cut:
            more.add(name)
    return CustomerFile(
        customer=head,
        today=today,
        ledger=tuple(ledger),
        orders=tuple(OrderRow._make(r) for r in parts["orders"]),
        certificates=tuple(CertificateRow._make(r) for r in parts["certificates"]),
        statements=tuple(StatementRow._make(r) for r in parts["statements"]),
        payments=tuple(PaymentRow._make(r) for r in parts["payments"]),
        messages=tuple(MessageRow._make(r) for r in parts["messages"]),
        notes=tuple(NoteRow._make(r) for r in parts["notes"]),
        more=frozenset(more),
    )
