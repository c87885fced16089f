"""The orders list: filters, sort, keyset paging, and what each order's customer has paid.

The list pages in with keyset pagination (sort value, id), so its cost does not
grow with the number of orders already shown."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select, tuple_
from sqlalchemy.orm import Session

from counter.clock import CHINA_TZ
from counter.customers.rules.search_keys import normalize_query
from counter.orders.payments import payments_of_orders
from db.models import Customer, Item, Order

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
    payment: str = ""  # counter.orders.payments: none / unpaid / partly_paid / paid

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


def order_rows() -> Select[int, str, str, dt.datetime, int, str, dt.date | None, str]:
    """The list's query, unfiltered and unsorted: an `OrderRow`'s columns, one row an order."""
    return select(
        Order.id,
        Order.number,
        Customer.name,
        Order.received_at,
        Order.item_count,
        Order.status,
        Order.promised_date,
        Order.channel,
    ).join(Customer, Customer.id == Order.customer_id)


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
    query = order_rows().where(*_conditions(flt))
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


def customer_orders(session: Session, customer_id: int, limit: int = 50) -> list[OrderRow]:
    return page_orders(session, OrderFilter(customer_id=customer_id), limit=limit)
