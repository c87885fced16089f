"""One order as the order dialog shows it: a header and its items.

`load_order_view` reads the order with its items, instrument types,
departments and people in a fixed number of queries and returns plain frozen
dataclasses, so a screen never touches a closed session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.admin.settings import label_printer_address, load_settings
from counter.errors import NotFound
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus
from db.models import Item, Order, User


@dataclass(frozen=True)
class ItemRow:
    id: int
    number: str
    instrument: str
    department: str
    model: str
    serial: str
    service: str
    compulsory: bool
    urgency: str
    promised_date: dt.date
    status: ItemStatus
    reason: str  # void reason, or the reason of the hold / return


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    customer: str
    received_at: dt.datetime
    clerk: str
    channel: str
    contact_name: str
    contact_phone: str
    note: str
    status: str  # an item status, or PARTLY_RELEASED
    voided_at: dt.datetime | None
    voided_by: str
    void_reason: str
    items: tuple[ItemRow, ...]
    label_printer: str  # "" when labels only print as PDF
    customer_id: int = 0


def load_order_view(session: Session, order_id: int) -> OrderView:
    order = session.scalar(
        select(Order)
        .where(Order.id == order_id)
        .options(
            selectinload(Order.customer),
            selectinload(Order.received_by),
            selectinload(Order.items).selectinload(Item.instrument_type),
            selectinload(Order.items).selectinload(Item.department),
        )
    )
    if order is None:
        raise NotFound(_("委托单不存在"))
    voided_by = session.get(User, order.voided_by_id) if order.voided_by_id else None
    items = tuple(
        ItemRow(
            i.id,
            i.number,
            i.instrument_type.name,
            i.department.name,
            i.model,
            i.serial,
            i.service,
            i.compulsory,
            i.urgency,
            i.promised_date,
            ItemStatus(i.status),
            i.void_reason or i.status_reason,
        )
        for i in order.items
    )
    return OrderView(
        order.id,
        order.number,
        order.customer.name,
        order.received_at,
        order.received_by.full_name,
        order.channel,
        order.contact_name,
        order.contact_phone,
        order.note,
        order.status,
        order.voided_at,
        voided_by.full_name if voided_by else "",
        order.void_reason,
        items,
        label_printer_address(load_settings(session)),
        order.customer_id,
    )
