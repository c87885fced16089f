"""The orders list: pages of `counter.intake.lookups.page_orders`, sorted by the database.

Rows arrive 200 at a time through `canFetchMore`/`fetchMore` with keyset
pagination (the last row shown is the key of the next page), so the list
costs the same with 200,000 orders as with 200.  Clicking a header re-queries
in that order: a proxy would only sort the rows already loaded.  There is no
COUNT(*): the screen says "more" while the last page was full.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from counter.clock import CHINA_TZ
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.receive import channel_label
from counter.intake.rules.lifecycle import status_label
from counter.orders.listing import OrderFilter, OrderRow, page_orders
from counter.orders.payments import payment_label
from counter.session import read
from db.engine import Database
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import Index

PAGE_SIZE = 200

NUMBER, CUSTOMER, RECEIVED, ITEMS, STATUS, PAYMENT, PROMISED, CHANNEL = range(8)
COLUMN_COUNT = 8


# column → counter.intake.lookups.SORTS key; None: the database cannot sort by it
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


class OrdersModel(QAbstractTableModel):
    load_failed = Signal(str)  # the database refused; the text says why
    rows_loaded = Signal(int)  # rows now shown

    def __init__(
        self, database: Database, parent: QObject | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._page_size = page_size
        self._rows: list[OrderRow] = []
        self._filter = OrderFilter()
        self._sort = "received_at"
        self._descending = True
        self._more = False
        self._headers = headers()

    # --- what is shown -------------------------------------------------

    @property
    def order_filter(self) -> OrderFilter:
        return self._filter

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    @property
    def has_more(self) -> bool:
        return self._more

    def row_at(self, row: int) -> OrderRow:
        return self._rows[row]

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

    def reload(self) -> None:
        """Back to the first page with the current filter and sort."""
        self.beginResetModel()
        rows = self._page(None)
        # views and testers may ask for more inside endResetModel: offer it only afterwards
        more, self._more = self._more, False
        self._rows = rows
        self.endResetModel()
        self._more = more
        self.rows_loaded.emit(len(self._rows))

    def _page(self, after: OrderRow | None) -> list[OrderRow]:
        flt, sort, desc, size = self._filter, self._sort, self._descending, self._page_size
        try:
            rows = read(
                self._database,
                lambda s: page_orders(s, flt, sort=sort, descending=desc, after=after, limit=size),
            )
        except CounterError as error:
            self._more = False
            self.load_failed.emit(str(error))
            return []
        self._more = len(rows) == size
        return rows

    # --- paging --------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self._rows:
            return
        page = self._page(self._rows[-1])
        more, self._more = self._more, False  # no nested fetch while inserting
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self._more = more
        self.rows_loaded.emit(len(self._rows))

    # --- QAbstractTableModel -------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            key = SORT_KEYS.get(column)
            if key:
                return row.sort_value(key)
            return row.payment if column == PAYMENT else row.channel
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ITEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: OrderRow, column: int) -> str | int | None:
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
