"""What every read-only, all-loaded list model shares: the roles and a generic base.

`RowsTableModel[RowT]` holds a tuple of row objects and answers Qt's questions
about them; a subclass says only how a cell reads (`display`), what it sorts by
(`sort_value`, native values: numbers, ordinals, timestamps) and, if it needs to,
any other role (`other_role`: tooltips, colours, alignment).

Paging models (`canFetchMore`/`fetchMore`) build on it in `ui.common.paging_model`;
a model with a tick column adds `flags`/`setData` on top.  Editable grids keep
their own `QAbstractTableModel`, but use the same roles from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeAlias, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the native value the column sorts by

Index: TypeAlias = QModelIndex | QPersistentModelIndex

RowT = TypeVar("RowT")


class RowsTableModel(QAbstractTableModel, Generic[RowT]):
    """A read-only table of `RowT`s, all loaded; one column per header label."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = tuple(headers)
        self._rows: list[RowT] = []

    # --- rows -----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> tuple[RowT, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    # --- what a subclass says -------------------------------------------------------------

    def display(self, row: RowT, column: int) -> Any:
        """The text shown in the cell."""
        raise NotImplementedError

    def sort_value(self, row: RowT, column: int) -> Any:
        """The native value `SORT_ROLE` returns; by default the text shown."""
        return self.display(row, column)

    def other_role(self, row: RowT, column: int, role: int) -> Any:
        """Any role but display, sort and row (tooltip, colour, alignment…)."""
        return None

    # --- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._headers):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == ROW_ROLE:
            return row
        return self.other_role(row, column, role)
