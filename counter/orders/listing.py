"""The orders list: filters, sort, keyset paging, and what each order's customer has paid.

The list pages in with keyset pagination (sort value, id), so its cost does not
grow with the number of orders already shown.  Every sort key has an index ending in
the id (migration 0015), the customer's name being kept on the order for its sort;
the text filter finds its customers through the customer search indexes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, any_, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from counter.clock import CHINA_TZ
from counter.customers.rules.search_keys import normalize_query
from counter.customers.search_index import few_customer_ids
from counter.customers.search_sql import starts_with
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
        "customer": Order.customer_name,
        "status": Order.status,
        "item_count": Order.item_count,
        "promised_date": Order.promised_date,
    }[sort]


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CHINA_TZ)


# a text that many customers share (有限公司) is checked order by order, newest first:
# the first page is found long before the customers would all be listed
BROAD_TEXT = 3000


def _by_customer_text(session: Session, text: str) -> ColumnElement[bool]:
    few = few_customer_ids(session, text, BROAD_TEXT)
    if few is not None:
        if session.get_bind().dialect.name == "postgresql":
            # an array of the ids, not IN (their query): PostgreSQL guesses the customers
            # from the statistics (a common pair looks like thousands of customers) and
            # walks every order newest first testing each (0.5 s at 1,000,000 orders);
            # for an array it reads the few customers' orders from their index and sorts
            return Order.customer_id == any_(func.array(few.scalar_subquery()))
        return Order.customer_id.in_(few)
    holds = Customer.search_text.contains(text, autoescape=True)
    return exists().where(Customer.id == Order.customer_id, holds)


def _conditions(session: Session, flt: OrderFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    text = normalize_query(flt.text)
    if text:
        if text.isdigit():
            # a range, not LIKE, so the unique index on the number is used
            by_phone = select(Customer.id).where(starts_with(session, Customer.phone, text))
            conds.append(
                or_(
                    and_(Order.number >= text, Order.number < text + "~"),
                    Order.customer_id.in_(by_phone.scalar_subquery()),
                )
            )
        else:
            conds.append(_by_customer_text(session, text))
    if flt.customer_id is not None:
        conds.append(Order.customer_id == flt.customer_id)
    if flt.date_from is not None:
        conds.append(Order.received_at >= _day_start(flt.date_from))
    if flt.date_to is not None:
        conds.append(Order.received_at < _day_start(flt.date_to + dt.timedelta(days=1)))
    if flt.status:
        conds.append(Order.status == flt.status)
    if flt.department_id is not None:
        department: Any = Item.department_id
        if session.get_bind().dialect.name == "sqlite":
            # "+ 0" keeps SQLite from answering the item test from an index that starts with
            # the department (the statistics' ones: every item of the department read for
            # each order); the (order_id, seq) index finds the order's few items instead
            department = department + 0
        conds.append(exists().where(Item.order_id == Order.id, department == flt.department_id))
    return conds


def order_rows() -> Select[int, str, str, dt.datetime, int, str, dt.date | None, str]:
    """The list's query, unfiltered and unsorted: an `OrderRow`'s columns, one row an order."""
    return select(
        Order.id,
        Order.number,
        Order.customer_name,
        Order.received_at,
        Order.item_count,
        Order.status,
        Order.promised_date,
        Order.channel,
    )


def _after(column: Any, value: Any, order_id: int, descending: bool, dialect: str) -> Any:
    """The rows that follow (value, order_id) in the list's order.  A column that may be
    empty (the promised date) has its NULLs first in SQLite's ascending order and last in
    PostgreSQL's, as each engine's index keeps them; the rest compare as (value, id)."""
    key = tuple_(column, Order.id)
    if value is None:
        follows = Order.id < order_id if descending else Order.id > order_id
        same_block = and_(column.is_(None), follows)
        nulls_first = (not descending) == (dialect == "sqlite")
        return or_(same_block, column.is_not(None)) if nulls_first else same_block
    last = tuple_(value, order_id)
    after = key < last if descending else key > last
    if column is Order.promised_date and (descending == (dialect == "sqlite")):
        return or_(after, column.is_(None))  # the empty ones come after every date
    return after


@contextmanager
def _serial(session: Session, serial: bool) -> Iterator[None]:
    """PostgreSQL without parallel workers while inside, when `serial`: for the department
    filter it plans a parallel walk of the orders whose workers take 10 ms to start, for a
    page the plain walk finds in about 1 ms (each order's few items read by its index)."""
    if not serial:
        yield
        return
    conn = session.connection()
    conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
    yield  # a failed statement ends the transaction, and the setting with it
    conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather TO DEFAULT")


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
    dialect = session.get_bind().dialect.name
    order = (column.desc(), Order.id.desc()) if descending else (column.asc(), Order.id.asc())
    # the page's ids first, from the indexes alone (a filter's matches are sorted without
    # reading their rows); then the page's rows
    ids = select(Order.id).where(*_conditions(session, flt))
    if after is not None:
        ids = ids.where(_after(column, after.sort_value(sort), after.id, descending, dialect))
    page = ids.order_by(*order).limit(limit)
    statement = order_rows().where(Order.id.in_(page)).order_by(*order)
    with _serial(session, dialect == "postgresql" and flt.department_id is not None):
        rows = session.execute(statement).all()
    paid = payments_of_orders(session, [row[0] for row in rows])
    return [OrderRow(*row, payment=paid[row[0]]) for row in rows]


def customer_orders(session: Session, customer_id: int, limit: int = 50) -> list[OrderRow]:
    return page_orders(session, OrderFilter(customer_id=customer_id), limit=limit)
