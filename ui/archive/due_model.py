"""The due list as a two-level tree: a customer row (with its count), its instruments below,
read when the customer is expanded.

Each instrument row shows its due date and due state, the state coloured (overdue red,
escalated dark red, due soon amber, never verified purple).  The customer row carries
the most pressing state of its instruments and the earliest due date.

The model keeps the rows as the plain records it was given and answers the view's
questions from them (a month with the overdue included lists tens of thousands of
customers: one item object per cell would hold hundreds of megabytes).  The customers
page in as the view scrolls (`counter.archive.due_summary.due_page`, keyset on name
and id, 200 at a time), read off the UI thread when the screen hosts the model, as
`ui.common.paging_model` pages a table: the model holds only the pages scrolled to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from sqlalchemy.orm import Session

from counter.archive.due_summary import PAGE_SIZE, CustomerDueSummary
from counter.archive.recall import DueEntry
from counter.archive.rules.due import DueState, due_state_label
from counter.i18n import _
from db.engine import Database
from ui.common import op
from ui.common.paging_model import PageReader

CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1  # the customer id (on every row's first cell)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2  # the instrument id (instrument rows only)

NAME, SERIAL, DUE, STATE, DEPARTMENT, PLACE, PHONE = range(7)

_COLOURS = {
    DueState.ESCALATED: "#8e0000",
    DueState.OVERDUE: "#c62828",
    DueState.NEVER_VERIFIED: "#6a1b9a",
    DueState.DUE_SOON: "#b26a00",
}


def headers() -> list[str]:
    return [
        _("客户 / 器具"),
        _("出厂编号 / 件数"),
        _("到期日"),
        _("状态"),
        _("检定科室 / 首问负责"),
        _("使用地点 / 联系人"),
        _("电话"),
    ]


Index = QModelIndex | QPersistentModelIndex
TOP = 0  # internal id of a customer row; an instrument row's is its customer's row + 1
#: a page of customers: up to `limit` that follow `after` (None: the first page)
Page = Callable[[Session, CustomerDueSummary | None, int], list[CustomerDueSummary]]


def customer_texts(c: CustomerDueSummary) -> tuple[str, ...]:
    return (
        c.name,
        _("{n} 件").format(n=c.entries),
        c.first_due.isoformat() if c.first_due else "—",
        due_state_label(c.state),
        c.owner_department,
        c.contact_name,
        c.phone,
    )


def entry_texts(e: DueEntry) -> tuple[str, ...]:
    name = e.name if e.quantity <= 1 else _("{name} ×{n}").format(name=e.name, n=e.quantity)
    return (
        name,
        e.serial,
        e.next_due.isoformat() if e.next_due else "—",
        due_state_label(e.state),
        e.department,
        e.location,
        "",
    )


class DueTreeModel(QAbstractItemModel):
    """Customers at the top, a page at a time; a customer's instruments are read when it
    is expanded (`canFetchMore`/`fetchMore`, as a view asks when it expands a row or
    scrolls to the end) through `load`."""

    load_failed = Signal(str)  # the database refused a page; the text says why
    rows_loaded = Signal(int)  # customers now shown
    busy_changed = Signal(bool)  # a page is being read in the background (host given)

    def __init__(
        self,
        load: Callable[[int], Sequence[DueEntry] | None],
        parent: QObject | None = None,
        *,
        database: Database | None = None,
        page: Page | None = None,
        host: op.OpHost | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        """`database` and `page` read the customers by pages (`reload`); with a `host`
        (the screen) off the UI thread."""
        super().__init__(parent)
        self._headers = headers()
        self.customers: list[CustomerDueSummary] = []
        self._entries: dict[int, list[DueEntry]] = {}  # customer row → its instruments, read
        self._load = load
        self._page_size = page_size
        self._reader: PageReader[CustomerDueSummary] | None = None
        if database is not None and page is not None:
            self._reader = PageReader(
                database, page, page_size, host,
                failed=self.load_failed.emit, busy=self.busy_changed.emit,
            )  # fmt: skip
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {state: QBrush(QColor(colour)) for state, colour in _COLOURS.items()}

    def set_customers(self, customers: Sequence[CustomerDueSummary]) -> None:
        self.beginResetModel()
        self.customers = list(customers)
        self._entries.clear()
        if self._reader is not None:
            self._reader.more = False
        self.endResetModel()

    # -- paging (`ui.common.paging_model.PageReader`) ----------------------------------------
    @property
    def loading(self) -> bool:
        return self._reader is not None and self._reader.loading

    @property
    def page_size(self) -> int:
        return self._page_size

    @property
    def has_more(self) -> bool:
        return self._reader is not None and self._reader.more

    def reload(self) -> None:
        """Back to the first page."""
        if self._reader is not None:
            self._reader.read(None, self._show_first_page)

    def _show_first_page(self, rows: list[CustomerDueSummary]) -> None:
        reader = self._reader
        assert reader is not None
        more = reader.more
        self.set_customers(rows)
        reader.more = more
        self.rows_loaded.emit(len(self.customers))

    def _append(self, rows: list[CustomerDueSummary]) -> None:
        reader = self._reader
        assert reader is not None
        more, reader.more = reader.more, False  # no nested fetch while inserting
        if rows:
            first = len(self.customers)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.customers.extend(rows)
            self.endInsertRows()
        reader.more = more
        self.rows_loaded.emit(len(self.customers))

    # -- the tree's shape ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index | None = None) -> Any:  # QObject.parent() without an index
        if child is None:
            return QObject.parent(self)
        if not child.isValid() or child.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, NAME, TOP)

    def _is_customer(self, index: Index) -> bool:
        return index.isValid() and index.internalId() == TOP

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.customers)
        if self._is_customer(parent) and parent.column() == NAME:
            return len(self._entries.get(parent.row(), ()))
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self.customers)
        if not self._is_customer(parent) or parent.column() != NAME:
            return False
        entries = self._entries.get(parent.row())
        return entries is None or bool(entries)

    def canFetchMore(self, parent: Index) -> bool:
        if not parent.isValid():  # the next page of customers
            return self.has_more and not self.loading
        return self._is_customer(parent) and parent.row() not in self._entries

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        if not parent.isValid():
            if self.customers and self._reader is not None:
                self._reader.read(self.customers[-1], self._append)
            return
        row = parent.row()
        entries = self._load(self.customers[row].customer_id)
        if entries is None:  # not read (the refusal is shown): expanding again retries
            return
        head = self.index(row, NAME)
        if entries:
            self.beginInsertRows(head, 0, len(entries) - 1)
        self._entries[row] = list(entries)
        if entries:
            self.endInsertRows()

    # -- what a cell shows -----------------------------------------------------------------
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == TOP:
            return self._customer_data(self.customers[index.row()], column, role)
        owner = self.customers[index.internalId() - 1]
        entry = self._entries[index.internalId() - 1][index.row()]
        return self._entry_data(owner.customer_id, entry, column, role)

    def _customer_data(self, c: CustomerDueSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return customer_texts(c)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return self._brushes.get(c.state)
        if role == Qt.ItemDataRole.FontRole and column == NAME:
            return self._bold
        if role == CUSTOMER_ROLE and column == NAME:
            return c.customer_id
        return None

    def _entry_data(self, customer_id: int, e: DueEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return entry_texts(e)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column in (DUE, STATE):
            return self._brushes.get(e.state)
        if column != NAME:
            return None
        if role == CUSTOMER_ROLE:
            return customer_id
        if role == ENTRY_ROLE:
            return e.instrument_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return e.type_name
        return None

    def customer(self, customer_id: int) -> CustomerDueSummary | None:
        return next((c for c in self.customers if c.customer_id == customer_id), None)
