"""The small editable tables of the fee policy form (urgent steps, late steps, campaigns).

One model serves all three: rows are plain Python lists, each column has a kind
(`INT`, `TEXT`, `DATE`).  Text is kept exactly as typed, so a percentage that is
not a number is reported by the form on save instead of being silently dropped.
Dates edit through Qt's default date editor (EditRole returns a `QDate`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

from ui.common.grid_model import GridModel
from ui.common.table_model import Index

INT, TEXT, DATE = "int", "text", "date"

ROW_ROLE = Qt.ItemDataRole.UserRole  # the whole row (a list copy)


class EditableRowsModel(GridModel):
    def __init__(
        self,
        headers: Sequence[str],
        kinds: Sequence[str],
        blank: Callable[[], list[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(headers, parent, row_numbers=True)
        self.kinds = list(kinds)
        self.blank = blank

    def blank_row(self) -> list[Any]:
        return self.blank()

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self._reset([list(row) for row in rows])

    def row_values(self) -> list[list[Any]]:
        return [list(row) for row in self._cells]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._cells[index.row()][index.column()]
        kind = self.kinds[index.column()]
        if role == ROW_ROLE:
            return list(self._cells[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return value.isoformat() if kind == DATE else str(value)
        if role == Qt.ItemDataRole.EditRole:
            if kind == DATE:
                return QDate(value.year, value.month, value.day)
            return value
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        kind = self.kinds[index.column()]
        try:
            if kind == DATE:
                new: Any = (
                    value.toPython()
                    if isinstance(value, QDate)
                    else dt.date.fromisoformat(str(value))
                )
            elif kind == INT:
                new = int(value)
            else:
                new = str(value)
        except (TypeError, ValueError):
            return False
        self._cells[index.row()][index.column()] = new
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


def rows_view(model: EditableRowsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users reach the buttons
    return view


def commit_open_editor(view: QTableView) -> None:
    """A cell still being edited when Ctrl+S is pressed is written to the model first."""
    editor = QApplication.focusWidget()
    if (
        editor is not None
        and view.state() == QAbstractItemView.State.EditingState
        and view.isAncestorOf(editor)
    ):
        view.itemDelegate().commitData.emit(editor)
