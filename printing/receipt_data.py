"""A pickup receipt as `printing.receipt` draws it: plain frozen data, handed in by the caller."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from printing.common import InstituteInfo


@dataclass(frozen=True)
class ReceiptItem:
    item_number: str
    instrument_name: str
    model: str
    serial: str
    service: str  # 检定 / 校准 / 检测 / 修理 …
    department: str
    promised_date: datetime.date
    urgent: bool
    quantity_note: str = ""  # e.g. "附电源线" or "共 3 只"


@dataclass(frozen=True)
class ReceiptData:
    order_number: str
    customer_name: str
    customer_phone: str
    customer_contact: str
    received_at: datetime.datetime
    clerk: str
    items: tuple[ReceiptItem, ...]
    promised_date: datetime.date
    institute: InstituteInfo
    return_way: str = "自取"
    note: str = ""
