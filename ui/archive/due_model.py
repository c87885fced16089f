"""The due list as a two-level tree: a customer row (with its count), its instruments below,
read when the customer is expanded.

Each instrument row shows its due date and due state, the state coloured (overdue red,
escalated dark red, due soon amber, never verified purple).  The customer row carries
the most pressing state of its instruments and the earliest due date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from counter.archive.due_summary import CustomerDueSummary
from counter.archive.recall import DueEntry
from counter.archive.rules.due import DueState, due_state_label
from counter.i18n import _

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


def _cell(text: str, state: DueState | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    colour = _COLOURS.get(state) if state is not None else None
    if colour is not None:
        item.setForeground(QBrush(QColor(colour)))
    return item


class DueTreeModel(QStandardItemModel):
    """Customers at the top; a customer's instruments are read when it is expanded
    (`canFetchMore`/`fetchMore`, as a view asks when it expands a row) through `load`."""

    def __init__(
        self, load: Callable[[int], Sequence[DueEntry] | None], parent: QObject | None = None
    ) -> None:
        super().__init__(0, len(headers()), parent)
        self.setHorizontalHeaderLabels(headers())
        self.customers: list[CustomerDueSummary] = []
        self._load = load
        self._loaded: set[int] = set()

    def set_customers(self, customers: Sequence[CustomerDueSummary]) -> None:
        self.removeRows(0, self.rowCount())
        self._loaded.clear()
        self.customers = list(customers)
        for customer in customers:
            self.appendRow(self._customer_row(customer))

    def _customer_row(self, c: CustomerDueSummary) -> list[QStandardItem]:
        row = [
            _cell(c.name),
            _cell(_("{n} 件").format(n=c.entries)),
            _cell(c.first_due.isoformat() if c.first_due else "—"),
            _cell(due_state_label(c.state), c.state),
            _cell(c.owner_department),
            _cell(c.contact_name),
            _cell(c.phone),
        ]
        font = row[0].font()
        font.setBold(True)
        row[0].setFont(font)
        row[0].setData(c.customer_id, CUSTOMER_ROLE)
        return row

    def _customer_at(self, parent: QModelIndex) -> int | None:
        """The customer id of a top-level row whose instruments are not read yet."""
        if not parent.isValid() or parent.parent().isValid():
            return None
        customer_id = parent.siblingAtColumn(NAME).data(CUSTOMER_ROLE)
        return None if customer_id is None or customer_id in self._loaded else int(customer_id)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if isinstance(parent, QModelIndex) and self._customer_at(parent) is not None:
            return True
        return super().hasChildren(parent)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return isinstance(parent, QModelIndex) and self._customer_at(parent) is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not isinstance(parent, QModelIndex):
            return
        customer_id = self._customer_at(parent)
        if customer_id is None:
            return
        self._loaded.add(customer_id)
        entries = self._load(customer_id)
        if entries is None:  # not read (the refusal is shown): expanding again retries
            self._loaded.discard(customer_id)
            return
        head = self.itemFromIndex(parent.siblingAtColumn(NAME))
        for entry in entries:
            head.appendRow(self._entry_row(customer_id, entry))

    @staticmethod
    def _entry_row(customer_id: int, e: DueEntry) -> list[QStandardItem]:
        name = e.name if e.quantity <= 1 else _("{name} ×{n}").format(name=e.name, n=e.quantity)
        row = [
            _cell(name),
            _cell(e.serial),
            _cell(e.next_due.isoformat() if e.next_due else "—", e.state),
            _cell(due_state_label(e.state), e.state),
            _cell(e.department),
            _cell(e.location),
            _cell(""),
        ]
        row[0].setData(customer_id, CUSTOMER_ROLE)
        row[0].setData(e.instrument_id, ENTRY_ROLE)
        row[0].setToolTip(e.type_name)
        return row

    def customer(self, customer_id: int) -> CustomerDueSummary | None:
        return next((c for c in self.customers if c.customer_id == customer_id), None)
