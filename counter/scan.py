"""What a scanned code is: an item or an order (later: a statement).

The lookup is on the hot path of every scan at every counter, so it runs one
indexed Core query and returns a small frozen dataclass, not ORM objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.i18n import _
from counter.numbering import classify
from db.models import Customer, Department, InstrumentType, Item, Order


@dataclass(frozen=True)
class ScanHit:
    kind: str  # "item" | "order"
    order_id: int
    order_number: str
    customer_name: str
    item_id: int | None = None
    item_number: str = ""
    instrument_name: str = ""
    department: str = ""
    status: str = ""
    promised_date: dt.date | None = None


_ITEM_QUERY = (
    select(
        Item.id,
        Item.number,
        Item.status,
        Item.promised_date,
        Order.id,
        Order.number,
        Customer.name,
        InstrumentType.name,
        Department.name,
    )
    .join(Order, Order.id == Item.order_id)
    .join(Customer, Customer.id == Order.customer_id)
    .join(InstrumentType, InstrumentType.id == Item.type_id)
    .join(Department, Department.id == Item.department_id)
)

_ORDER_QUERY = select(
    Order.id, Order.number, Order.status, Order.promised_date, Customer.name
).join(Customer, Customer.id == Order.customer_id)


def clean_code(raw: str) -> str:
    """What the scanner typed, without spaces, control characters or a scanner's prefix."""
    return "".join(ch for ch in raw.strip() if ch.isalnum() or ch in "-/").upper()


def lookup(session: Session, raw: str) -> ScanHit | None:
    """The item or order a code names, or None when nothing has that number."""
    code = clean_code(raw)
    kind = classify(code)
    if kind == "item":
        row = session.execute(_ITEM_QUERY.where(Item.number == code)).first()
        if row is None:
            return None
        item_id, inum, status, promised, oid, onum, cname, tname, dname = row
        return ScanHit("item", oid, onum, cname, item_id, inum, tname, dname, status, promised)
    if kind == "order":
        orow = session.execute(_ORDER_QUERY.where(Order.number == code)).first()
        if orow is None:
            return None
        oid, onum, ostatus, opromised, cname = orow
        return ScanHit("order", oid, onum, cname, status=ostatus, promised_date=opromised)
    return None


def unknown_code_message(raw: str) -> str:
    code = clean_code(raw)
    if not code:
        return _("扫描内容为空")
    if not classify(code):
        return _("无法识别的条码：{code}（不是本所的收件编号或委托单号）").format(code=code)
    return _("未找到编号为 {code} 的器具或委托单").format(code=code)
