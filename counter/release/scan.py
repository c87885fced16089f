"""Scan anything at the return desk: the order's items, each with whether it may leave and why.

An item label, the pickup receipt (order number), a fee statement (F…, all the
orders it bills) or a handover slip (R…) all open the same view: the customer and
every item of the order(s), in order, each with the gate's answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.certificates.store import LIVE
from counter.errors import NotFound
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus, status_label
from counter.intake.scan import clean_code, lookup, unknown_code_message
from counter.release.gate import evaluate
from counter.release.numbers import is_release_number
from counter.release.rules.gate import GateResult
from db.models import Customer, Item, Order
from db.models_billing import FeeStatementOrder
from db.models_certificates import CertificateRecord
from db.models_release import Release, ReleaseItem


@dataclass(frozen=True)
class ReturnLine:
    """One instrument at the return desk."""

    item_id: int
    item_number: str
    order_id: int
    order_number: str
    instrument: str
    model: str
    serial: str
    status: str
    return_way: str  # "pickup" | "mail"
    certificate_number: str
    can_leave: bool
    reason: str
    fees_only: bool = False  # only unpaid fees stop it (account customer): a supervisor may approve

    @property
    def status_text(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class ReturnOrder:
    id: int
    number: str
    contact_name: str
    contact_phone: str


@dataclass(frozen=True)
class ReturnView:
    """What a scan opens: one customer, their order(s), every item with the gate's answer."""

    customer_id: int
    customer_name: str
    account_customer: bool
    orders: tuple[ReturnOrder, ...]
    lines: tuple[ReturnLine, ...]
    scanned_item_id: int | None = None  # the item whose label was scanned

    @property
    def ready(self) -> tuple[ReturnLine, ...]:
        return tuple(line for line in self.lines if line.can_leave)

    def line(self, item_id: int) -> ReturnLine | None:
        return next((line for line in self.lines if line.item_id == item_id), None)


def certificate_numbers(session: Session, item_ids: Sequence[int]) -> dict[int, str]:
    """Each item's certificate number: the one it left with, else its live certificate's."""
    ids = list(item_ids)
    out: dict[int, str] = {
        item_id: number
        for item_id, number in session.execute(
            select(CertificateRecord.item_id, CertificateRecord.number)
            .where(CertificateRecord.item_id.in_(ids), CertificateRecord.status.in_(list(LIVE)))
            .order_by(CertificateRecord.id)
        )
    }
    left = session.execute(
        select(ReleaseItem.item_id, ReleaseItem.certificate_number).where(
            ReleaseItem.item_id.in_(ids), ReleaseItem.certificate_number != ""
        )
    )
    out.update({key: value for key, value in left})
    return out


def load_items(session: Session, order_ids: Sequence[int]) -> list[Item]:
    query = (
        select(Item)
        .join(Order, Order.id == Item.order_id)
        .where(Item.order_id.in_(list(order_ids)))
        .options(
            selectinload(Item.instrument_type), selectinload(Item.order).joinedload(Order.customer)
        )
        .order_by(Order.received_at, Order.id, Item.seq)
    )
    return list(session.scalars(query))


def return_lines(
    session: Session, items: Sequence[Item], results: dict[int, GateResult]
) -> tuple[ReturnLine, ...]:
    numbers = certificate_numbers(session, [i.id for i in items])
    return tuple(
        ReturnLine(
            item.id,
            item.number,
            item.order_id,
            item.order.number,
            item.instrument_type.name,
            item.model,
            item.serial,
            item.status,
            item.return_way,
            numbers.get(item.id, ""),
            results[item.id].can_leave,
            results[item.id].reason,
            results[item.id].fees_only,
        )
        for item in items
    )


def return_view(
    session: Session,
    order_ids: Sequence[int],
    *,
    scanned_item_id: int | None = None,
    today: dt.date | None = None,
) -> ReturnView:
    """The view of these orders (all of one customer) as the database stands now."""
    orders = list(
        session.scalars(select(Order).where(Order.id.in_(list(order_ids))).order_by(Order.id))
    )
    if not orders:
        raise NotFound(_("委托单不存在"))
    customer = session.get(Customer, orders[0].customer_id)
    assert customer is not None
    items = load_items(session, [o.id for o in orders])
    results = evaluate(session, items, today=today)
    return ReturnView(
        customer.id,
        customer.name,
        customer.account_customer,
        tuple(ReturnOrder(o.id, o.number, o.contact_name, o.contact_phone) for o in orders),
        return_lines(session, items, results),
        scanned_item_id,
    )


def _orders_of_code(session: Session, raw: str) -> tuple[list[int], int | None]:
    code = clean_code(raw)
    if is_release_number(code):
        order_id = session.scalar(select(Release.order_id).where(Release.number == code))
        if order_id is None:
            raise NotFound(_("未找到交接单 {code}").format(code=code))
        return [order_id], None
    hit = lookup(session, raw)
    if hit is None:
        raise NotFound(unknown_code_message(raw))
    if hit.kind == "statement" and hit.statement_id is not None:
        billed = session.scalars(
            select(FeeStatementOrder.order_id)
            .where(FeeStatementOrder.statement_id == hit.statement_id)
            .order_by(FeeStatementOrder.seq)
        )
        return list(billed) or [hit.order_id], None
    return [hit.order_id], hit.item_id if hit.kind in ("item", "certificate") else None


def scan_for_return(session: Session, code: str, *, today: dt.date | None = None) -> ReturnView:
    """What a scanned (or typed) code opens at the return desk; `NotFound` says why not."""
    order_ids, item_id = _orders_of_code(session, code)
    return return_view(session, order_ids, scanned_item_id=item_id, today=today)


def released_without_record(session: Session) -> list[str]:
    """Item numbers marked released with no handover record (must always be empty)."""
    query = (
        select(Item.number)
        .outerjoin(ReleaseItem, ReleaseItem.item_id == Item.id)
        .where(Item.status == ItemStatus.RELEASED, ReleaseItem.id.is_(None))
        .order_by(Item.number)
    )
    return list(session.scalars(query))
