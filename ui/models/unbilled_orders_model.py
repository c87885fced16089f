"""An account customer's orders without a current statement, to tick for monthly billing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from counter.billing import UnbilledOrder
from counter.i18n import _

NUMBER, DATE, ITEMS = range(3)
COLUMN_COUNT = 3

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


class UnbilledOrdersModel(QAbstractTableModel):
    """The first column is checkable: the orders to bill together."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[UnbilledOrder, ...] = ()
        self._checked: set[int] = set()
        self._headers = [_("委托单号"), _("收件日期"), _("件数")]

    def set_rows(self, rows: Sequence[UnbilledOrder], checked: Iterable[int] = ()) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._checked = {i for i in checked if any(r.id == i for r in rows)}
        self.endResetModel()

    def checked_ids(self) -> list[int]:
        """Ticked orders, oldest first (the order the statement lists them)."""
        return [r.id for r in reversed(self._rows) if r.id in self._checked]

    def toggle(self, row: int) -> None:
        index = self.index(row, NUMBER)
        state = self.data(index, Qt.ItemDataRole.CheckStateRole)
        new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
        self.setData(index, new, Qt.ItemDataRole.CheckStateRole)

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == NUMBER:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        native = (row.number, row.date, row.item_count)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.date.isoformat() if column == DATE else str(native)
        if role == Qt.ItemDataRole.CheckStateRole and column == NUMBER:
            checked = row.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            return native
        if role == ROW_ROLE:
            return row
        return None

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
