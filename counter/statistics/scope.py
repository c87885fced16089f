"""The filter as SQL conditions on an item and its order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.sql.elements import ColumnElement

from counter.statistics.rules.filters import StatFilter
from db.models import Customer, Item, Order


def item_conditions(f: StatFilter, item: Any = Item) -> list[ColumnElement[bool]]:
    """Department, service, customer, sector and region as conditions on `item` alone
    (the customer through a sub-select of its orders, so no join is needed)."""
    out: list[ColumnElement[bool]] = []
    if f.department_ids:
        out.append(item.department_id.in_(f.department_ids))
    if f.service:
        out.append(item.service == f.service)
    wanted = customer_conditions(f, Order.customer_id)
    if wanted:
        out.append(item.order_id.in_(select(Order.id).where(*wanted)))
    return out


def customer_conditions(f: StatFilter, customer_id: Any) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.customer_id is not None:
        out.append(customer_id == f.customer_id)
    wanted = []
    if f.sector:
        wanted.append(Customer.sector == f.sector)
    if f.division_prefix:
        wanted.append(Customer.division_code.startswith(f.division_prefix, autoescape=True))
    if wanted:
        out.append(customer_id.in_(select(Customer.id).where(and_(*wanted))))
    return out
