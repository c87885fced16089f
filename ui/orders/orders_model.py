"""The orders list: pages of `counter.orders.listing.page_orders`, sorted by the database.

Rows arrive 200 at a time as the view scrolls (`ui.common.paging_model`: keyset
pagination, no COUNT(*)), read off the UI thread when the screen hosts the model.
Clicking a header re-queries in that order: a proxy would only sort the rows already
loaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from sqlalchemy.orm import Session

from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.intake.receive import channel_label
from counter.intake.rules.lifecycle import status_label
from counter.orders.listing import OrderFilter, OrderRow, page_orders
from counter.orders.payments import payment_label
from db.engine import Database
from ui.common import op
from ui.common.paging_model import PAGE_SIZE, PagingTableModel
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE

NUMBER, CUSTOMER, RECEIVED, ITEMS, STATUS, PAYMENT, PROMISED, CHANNEL = range(8)
COLUMN_COUNT = 8


# column → counter.orders.listing.SORTS key; None: the database cannot sort by it
SORT_KEYS: dict[int, str | None] = {
    NUMBER: "number",
    CUSTOMER: "customer",
    RECEIVED: "received_at",
    ITEMS: "item_count",
    STATUS: "status",
    PAYMENT: None,
    PROMISED: "promised_date",
    CHANNEL: None,
}


def headers() -> list[str]:
    return [
        _("委托单号"),
        _("客户"),
        _("收件时间"),
        _("件数"),
        _("状态"),
        _("付款"),
        _("约定日期"),
        _("收件方式"),
    ]


def local_time(row: OrderRow) -> str:
    return row.received_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


class OrdersModel(PagingTableModel[OrderRow]):
    def __init__(
        self,
        database: Database,
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
        host: op.OpHost | None = None,
    ) -> None:
        """With a `host` (the screen) pages load off the UI thread (`PagingTableModel`)."""
        super().__init__(database, headers(), parent, page_size, host)
        self._filter = OrderFilter()
        self._sort = "received_at"
        self._descending = True

    @property
    def order_filter(self) -> OrderFilter:
        return self._filter

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def set_filter(self, flt: OrderFilter) -> None:
        self._filter = flt
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def query(self, session: Session, after: OrderRow | None, limit: int) -> list[OrderRow]:
        flt, sort, desc = self._filter, self._sort, self._descending
        return page_orders(session, flt, sort=sort, descending=desc, after=after, limit=limit)

    def display(self, row: OrderRow, column: int) -> str | int | None:
        if column == NUMBER:
            return row.number
        if column == CUSTOMER:
            return row.customer
        if column == RECEIVED:
            return local_time(row)
        if column == ITEMS:
            return row.item_count
        if column == STATUS:
            return status_label(row.status)
        if column == PAYMENT:
            return payment_label(row.payment)
        if column == PROMISED:
            return row.promised_date.isoformat() if row.promised_date else ""
        if column == CHANNEL:
            return channel_label(row.channel)
        return None

    def sort_value(self, row: OrderRow, column: int) -> Any:
        key = SORT_KEYS.get(column)
        if key:
            return row.sort_value(key)
        return row.payment if column == PAYMENT else row.channel

    def other_role(self, row: OrderRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ITEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
