"""An order or an item by its id, with a clear message when it does not exist."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.errors import NotFound
from counter.i18n import _
from db.models import Customer, Instrument, Item, Order


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


def customer_exists(session: Session, customer_id: int) -> bool:
    return session.get(Customer, customer_id) is not None


def order_of_item(session: Session, item_id: int) -> int:
    """The order an item belongs to (to open the order with the item in focus)."""
    order_id = session.scalar(select(Item.order_id).where(Item.id == item_id))
    if order_id is None:
        raise NotFound(_("器具不存在"))
    return order_id


def instrument_history(session: Session, customer_id: int, type_id: int, serial: str) -> list[Item]:
    """Earlier items of the same physical instrument (same customer, type and serial)."""
    inst = session.scalar(
        select(Instrument).where(
            Instrument.customer_id == customer_id,
            Instrument.type_id == type_id,
            Instrument.serial == serial.strip(),
        )
    )
    if inst is None:
        return []
    return list(
        session.scalars(
            select(Item).where(Item.instrument_id == inst.id).order_by(Item.created_at.desc())
        )
    )
