"""The due list as a two-level tree: a customer row (with its count), its instruments below.

Each instrument row shows its due date and due state, the state coloured (overdue red,
escalated dark red, due soon amber, never verified purple).  The customer row carries
the most pressing state of its instruments and the earliest due date.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from counter.archive.recall import CustomerDue, DueEntry
from counter.archive.rules.due import DueState, due_state_label
from counter.i18n import _

CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1  # the customer id (on every row's first cell)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2  # the instrument id (instrument rows only)

NAME, SERIAL, DUE, STATE, DEPARTMENT, PLACE, PHONE = range(7)

#: most pressing first: the customer row shows the first its instruments have
_PRESSING = (
    DueState.ESCALATED,
    DueState.OVERDUE,
    DueState.NEVER_VERIFIED,
    DueState.DUE_SOON,
    DueState.NOT_DUE,
    DueState.UNKNOWN,
    DueState.RESTING,
)
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


def worst_state(entries: Sequence[DueEntry]) -> DueState:
    states = {e.state for e in entries}
    return next((s for s in _PRESSING if s in states), DueState.UNKNOWN)


def _cell(text: str, state: DueState | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    colour = _COLOURS.get(state) if state is not None else None
    if colour is not None:
        item.setForeground(QBrush(QColor(colour)))
    return item


class DueTreeModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(headers()), parent)
        self.setHorizontalHeaderLabels(headers())
        self.customers: list[CustomerDue] = []

    def set_customers(self, customers: Sequence[CustomerDue]) -> None:
        self.removeRows(0, self.rowCount())
        self.customers = list(customers)
        for customer in customers:
            self.appendRow(self._customer_row(customer))

    def _customer_row(self, c: CustomerDue) -> list[QStandardItem]:
        state = worst_state(c.entries)
        first = min((e.next_due for e in c.entries if e.next_due), default=None)
        row = [
            _cell(c.name),
            _cell(_("{n} 件").format(n=len(c.entries))),
            _cell(first.isoformat() if first else "—"),
            _cell(due_state_label(state), state),
            _cell(c.owner_department),
            _cell(c.contact_name),
            _cell(c.phone),
        ]
        font = row[0].font()
        font.setBold(True)
        row[0].setFont(font)
        row[0].setData(c.customer_id, CUSTOMER_ROLE)
        for entry in c.entries:
            row[0].appendRow(self._entry_row(c.customer_id, entry))
        return row

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

    def customer(self, customer_id: int) -> CustomerDue | None:
        return next((c for c in self.customers if c.customer_id == customer_id), None)
