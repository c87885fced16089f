"""Small tables the user types into: rows of cells, edited in place, added and removed one by one.

`GridModel` holds the rows (lists of cell values) and answers Qt's questions about
their shape; a subclass says what a new row holds (`blank_row`), how a cell shows and
edits (`data`) and how a typed value is kept (`setData`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from ui.common.table_model import Index


class GridModel(QAbstractTableModel):
    def __init__(
        self, headers: Sequence[str], parent: QObject | None = None, *, row_numbers: bool = False
    ) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._row_numbers = row_numbers  # the vertical header counts the rows
        self._cells: list[list[Any]] = []

    def blank_row(self) -> list[Any]:
        return [""] * len(self._headers)

    def add_row(self) -> int:
        row = len(self._cells)
        self.beginInsertRows(QModelIndex(), row, row)
        self._cells.append(self.blank_row())
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._cells):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._cells[row]
            self.endRemoveRows()

    def _reset(self, cells: list[list[Any]]) -> None:
        self.beginResetModel()
        self._cells = cells
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1) if self._row_numbers else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable
