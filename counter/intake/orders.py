"""Orders after intake: the list, an order's detail, voids and corrections.

The list pages in with keyset pagination (sort value, id), so its cost does not
grow with the number of orders already shown.  Nothing is deleted: an order
or item is voided with a reason, and every change is in the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select, tuple_
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import Actor, Perm, require
from counter.billing.order_payments import payments_of_orders
from counter.clock import CHINA_TZ, Clock
from counter.customers.rules.search_keys import normalize_query
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from counter.intake.receive import _TEXT_LIMITS, item_field_label
from counter.intake.rules.lifecycle import ItemStatus, check_transition, order_status, status_label
from db.models import Customer, FeeStatement, FeeStatementOrder, Item, Order
from db.models_certificates import CertificateRecord, FinalCheckRecord
from db.models_release import ReleaseItem

SORTS = ("received_at", "number", "customer", "status", "item_count", "promised_date")


@dataclass(frozen=True)
class OrderFilter:
    text: str = ""  # order number (prefix) or part of the customer's name / pinyin
    customer_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: str = ""
    department_id: int | None = None


@dataclass(frozen=True)
class OrderRow:
    id: int
    number: str
    customer: str
    received_at: dt.datetime
    item_count: int
    status: str
    promised_date: dt.date | None
    channel: str
    payment: str = ""  # counter.billing.order_payments: none / unpaid / partly_paid / paid

    def sort_value(self, sort: str) -> Any:
        return {
            "received_at": self.received_at,
            "number": self.number,
            "customer": self.customer,
            "status": self.status,
            "item_count": self.item_count,
            "promised_date": self.promised_date,
        }[sort]


def _sort_column(sort: str) -> Any:
    return {
        "received_at": Order.received_at,
        "number": Order.number,
        "customer": Customer.name,
        "status": Order.status,
        "item_count": Order.item_count,
        "promised_date": Order.promised_date,
    }[sort]


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CHINA_TZ)


def _conditions(flt: OrderFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    text = normalize_query(flt.text)
    if text:
        if text.isdigit():
            # a range, not LIKE, so the unique index on the number is used
            by_phone = select(Customer.id).where(Customer.phone.startswith(text, autoescape=True))
            conds.append(
                or_(
                    and_(Order.number >= text, Order.number < text + "~"),
                    Order.customer_id.in_(by_phone.scalar_subquery()),
                )
            )
        else:
            conds.append(Customer.search_text.contains(text, autoescape=True))
    if flt.customer_id is not None:
        conds.append(Order.customer_id == flt.customer_id)
    if flt.date_from is not None:
        conds.append(Order.received_at >= _day_start(flt.date_from))
    if flt.date_to is not None:
        conds.append(Order.received_at < _day_start(flt.date_to + dt.timedelta(days=1)))
    if flt.status:
        conds.append(Order.status == flt.status)
    if flt.department_id is not None:
        conds.append(
            exists().where(Item.order_id == Order.id, Item.department_id == flt.department_id)
        )
    return conds


def page_orders(
    session: Session,
    flt: OrderFilter = OrderFilter(),
    *,
    sort: str = "received_at",
    descending: bool = True,
    after: OrderRow | None = None,
    limit: int = 200,
) -> list[OrderRow]:
    """One page of the orders list; pass the last row shown as `after` for the next page."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    column = _sort_column(sort)
    query = (
        select(
            Order.id,
            Order.number,
            Customer.name,
            Order.received_at,
            Order.item_count,
            Order.status,
            Order.promised_date,
            Order.channel,
        )
        .join(Customer, Customer.id == Order.customer_id)
        .where(*_conditions(flt))
    )
    if after is not None:
        key = tuple_(column, Order.id)
        last = tuple_(after.sort_value(sort), after.id)
        query = query.where(key < last if descending else key > last)
    if descending:
        query = query.order_by(column.desc(), Order.id.desc())
    else:
        query = query.order_by(column.asc(), Order.id.asc())
    rows = [OrderRow(*row) for row in session.execute(query.limit(limit))]
    paid = payments_of_orders(session, [r.id for r in rows])
    return [dataclasses.replace(r, payment=paid[r.id]) for r in rows]


def get_order(session: Session, order_id: int) -> Order:
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(_("委托单不存在"))
    return order


def get_item(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(_("器具不存在"))
    return item


def refresh_order_status(order: Order) -> None:
    order.status = order_status(i.status for i in order.items)


# who may move an item into each state
STATUS_PERMS: dict[ItemStatus, Perm] = {
    ItemStatus.RECEIVED: Perm.RECEIVE,
    ItemStatus.IN_LAB: Perm.LAB_WORK,
    ItemStatus.CERT_DRAFTED: Perm.LAB_WORK,
    ItemStatus.CHECKED: Perm.REVIEW,
    ItemStatus.RELEASED: Perm.RELEASE,
    ItemStatus.ON_HOLD: Perm.RECEIVE,
    ItemStatus.RETURNED_UNPROCESSED: Perm.RECEIVE,
    ItemStatus.VOIDED: Perm.VOID,
}


# states a person sets by hand; the others are reached only through the certificate
# functions (drafted, checked) and the release gate (released)
MANUAL_STATES = frozenset(
    {
        ItemStatus.RECEIVED,
        ItemStatus.IN_LAB,
        ItemStatus.ON_HOLD,
        ItemStatus.RETURNED_UNPROCESSED,
        ItemStatus.VOIDED,
    }
)


def set_item_status(
    session: Session,
    actor: Actor,
    clock: Clock,
    item_id: int,
    new: ItemStatus,
    reason: str = "",
) -> Item:
    """Move an item by hand: to the lab, on hold, back, returned unprocessed, voided."""
    if new not in MANUAL_STATES:
        raise CounterError(
            _("“{new}”只能通过证书终审或领取/邮寄办理，不能直接设置").format(new=status_label(new))
        )
    return move_item_status(session, actor, clock, item_id, new, reason)


def require_documents(session: Session, item: Item, new: ItemStatus) -> None:
    """The gate's own papers must exist before an item is "checked" or "released".

    Whoever calls, an item never reaches "checked" without a certificate that passed its
    recorded final check, nor "released" without the handover record that released it.
    """
    if new is ItemStatus.CHECKED:
        passed = exists().where(
            CertificateRecord.item_id == item.id,
            CertificateRecord.status == "passed",
            FinalCheckRecord.certificate_id == CertificateRecord.id,
            FinalCheckRecord.outcome == "passed",
        )
        if not session.scalar(select(passed)):
            raise CounterError(
                _("器具 {number} 的证书没有通过终审的记录，不能设为“已终审”").format(
                    number=item.number
                )
            )
    if new is ItemStatus.RELEASED:
        handed = exists().where(ReleaseItem.item_id == item.id)
        if not session.scalar(select(handed)):
            raise CounterError(
                _("器具 {number} 没有领取或邮寄的交接记录，不能设为“已发放”").format(
                    number=item.number
                )
            )


def move_item_status(
    session: Session,
    actor: Actor,
    clock: Clock,
    item_id: int,
    new: ItemStatus,
    reason: str = "",
) -> Item:
    """Move an item along its life, with the permission the new state needs; "checked"
    and "released" only once their papers exist (`require_documents`)."""
    require(session, actor, STATUS_PERMS[new])
    item = get_item(session, item_id)
    require_documents(session, item, new)
    old = ItemStatus(item.status)
    check_transition(old, new, reason)
    item.status = new
    item.status_reason = reason.strip()
    item.updated_at = clock.now()
    if new is ItemStatus.VOIDED:
        item.void_reason = reason.strip()
    refresh_order_status(item.order)
    record(
        session,
        actor,
        clock,
        f"item.{new.value}",
        "item",
        item.number,
        before={"status": old.value},
        after={"status": new.value},
        reason=reason.strip(),
    )
    session.flush()
    return item


def _refuse_while_billed(session: Session, order: Order) -> None:
    """A voided instrument must not stay on a live fee statement."""
    number = session.scalar(
        select(FeeStatement.number)
        .join(FeeStatementOrder, FeeStatementOrder.statement_id == FeeStatement.id)
        .where(FeeStatementOrder.order_id == order.id, FeeStatement.voided_at.is_(None))
        .limit(1)
    )
    if number:
        raise CounterError(
            _("委托单 {order} 已开收费清单 {statement}，请先作废或重开清单").format(
                order=order.number, statement=number
            )
        )


def void_item(session: Session, actor: Actor, clock: Clock, item_id: int, reason: str) -> Item:
    require(session, actor, Perm.VOID)
    _refuse_while_billed(session, get_item(session, item_id).order)
    return set_item_status(session, actor, clock, item_id, ItemStatus.VOIDED, reason)


def void_order(session: Session, actor: Actor, clock: Clock, order_id: int, reason: str) -> Order:
    """Void a whole order with a reason; refused once any item has left the counter."""
    require(session, actor, Perm.VOID)
    if not reason.strip():
        raise ValidationError([_("作废委托单需要填写原因")])
    order = get_order(session, order_id)
    if order.voided_at is not None:
        raise CounterError(_("委托单 {number} 已作废").format(number=order.number))
    released = [i.number for i in order.items if i.status == ItemStatus.RELEASED]
    if released:
        raise CounterError(
            _("委托单中已有器具发放（{items}），不能整单作废").format(items="、".join(released))
        )
    _refuse_while_billed(session, order)
    live = [i for i in order.items if i.status != ItemStatus.VOIDED]
    for item in live:
        check_transition(ItemStatus(item.status), ItemStatus.VOIDED, reason)
    for item in live:
        move_item_status(session, actor, clock, item.id, ItemStatus.VOIDED, reason)
    now = clock.now()
    order.voided_at, order.voided_by_id, order.void_reason = now, actor.id, reason.strip()
    refresh_order_status(order)
    record(session, actor, clock, "order.void", "order", order.number, reason=reason.strip())
    session.flush()
    return order


@dataclass(frozen=True)
class ItemCorrection:
    model: str
    serial: str
    manufacturer: str
    measuring_range: str
    accuracy_class: str
    condition: str
    accessories: str


def correction_of(item: Item) -> ItemCorrection:
    return ItemCorrection(
        **{f.name: getattr(item, f.name) for f in dataclasses.fields(ItemCorrection)}
    )


def correct_item(
    session: Session, actor: Actor, clock: Clock, item_id: int, new: ItemCorrection, reason: str
) -> Item:
    """Correct an item's details as registered; before → after goes to the audit log."""
    require(session, actor, Perm.CORRECT_ITEM)
    item = get_item(session, item_id)
    if item.status in (ItemStatus.VOIDED, ItemStatus.RELEASED):
        raise CounterError(
            _("器具 {number} 已{status}，不能更正").format(
                number=item.number, status=status_label(item.status)
            )
        )
    if item.status in (ItemStatus.CERT_DRAFTED, ItemStatus.CHECKED):
        # the certificate was checked against the registered details: changing them
        # silently would let a certificate with the old serial leave
        raise CounterError(
            _("器具 {number} 已出证书，更正登记信息前请先将证书退回检定").format(number=item.number)
        )
    problems = []
    if not reason.strip():
        problems.append(_("更正需要填写原因"))
    for fname, limit in _TEXT_LIMITS.items():
        value = getattr(new, fname, None)
        if value is not None and len(value.strip()) > limit:
            problems.append(
                _("“{field}”过长（最多 {n} 个字符）").format(field=item_field_label(fname), n=limit)
            )
    if problems:
        raise ValidationError(problems)
    before, after = changes(
        dataclasses.asdict(correction_of(item)),
        {k: v.strip() for k, v in dataclasses.asdict(new).items()},
    )
    if not after:
        return item
    for key, value in after.items():
        setattr(item, key, value)
    item.updated_at = clock.now()
    record(
        session,
        actor,
        clock,
        "item.correct",
        "item",
        item.number,
        before=before,
        after=after,
        reason=reason.strip(),
    )
    session.flush()
    return item


def customer_orders(session: Session, customer_id: int, limit: int = 50) -> list[OrderRow]:
    return page_orders(session, OrderFilter(customer_id=customer_id), limit=limit)


def customer_exists(session: Session, customer_id: int) -> bool:
    return session.get(Customer, customer_id) is not None
