"""Editable rows of text: the results table, results before adjustment, the environment.

Each row is a list of strings, one per field; blank rows are dropped when the rows
are read back (`values`).  The view edits cells in place; Insert adds a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from ui.common.grid_model import GridModel
from ui.common.table_model import Index


class RowsModel(GridModel):
    def __init__(
        self, fields: Sequence[str], headers: Sequence[str], parent: QObject | None = None
    ) -> None:
        super().__init__(headers, parent)
        self.fields = tuple(fields)

    def blank_row(self) -> list[Any]:
        return [""] * len(self.fields)

    def set_values(self, rows: Sequence[Sequence[str]]) -> None:
        self._reset([[str(v) for v in row] for row in rows])

    def values(self) -> list[tuple[str, ...]]:
        """The rows that hold anything, stripped."""
        return [tuple(v.strip() for v in row) for row in self._cells if any(v.strip() for v in row)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cells):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._cells[index.row()][index.column()]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = "" if value is None else str(value)
        if self._cells[index.row()][index.column()] == text:
            return False
        self._cells[index.row()][index.column()] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True
