"""An account customer's orders without a current statement, to tick for monthly billing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt

from counter.billing import UnbilledOrder
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import Index, RowsTableModel

NUMBER, DATE, ITEMS = range(3)
COLUMN_COUNT = 3


class UnbilledOrdersModel(RowsTableModel[UnbilledOrder]):
    """The first column is checkable: the orders to bill together."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([_("委托单号"), _("收件日期"), _("件数")], parent)
        self._checked: set[int] = set()

    def set_rows(self, rows: Iterable[UnbilledOrder], checked: Iterable[int] = ()) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = {i for i in checked if any(r.id == i for r in self._rows)}
        self.endResetModel()

    def checked_ids(self) -> list[int]:
        """Ticked orders, oldest first (the order the statement lists them)."""
        return [r.id for r in reversed(self._rows) if r.id in self._checked]

    def toggle(self, row: int) -> None:
        index = self.index(row, NUMBER)
        state = self.data(index, Qt.ItemDataRole.CheckStateRole)
        new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
        self.setData(index, new, Qt.ItemDataRole.CheckStateRole)

    def display(self, row: UnbilledOrder, column: int) -> str:
        return row.date.isoformat() if column == DATE else str(self.sort_value(row, column))

    def sort_value(self, row: UnbilledOrder, column: int) -> Any:
        return (row.number, row.date, row.item_count)[column]

    def other_role(self, row: UnbilledOrder, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == NUMBER:
            checked = row.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == NUMBER:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if index.column() != NUMBER:
            return False
        order_id = self._rows[index.row()].id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(order_id)
        else:
            self._checked.discard(order_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
