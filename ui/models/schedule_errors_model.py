"""The row errors of a fee standard file: row number, column, what is wrong."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from counter.fees.schedule import RowError
from counter.i18n import _

ROW, COLUMN, MESSAGE = range(3)
COLUMN_COUNT = 3

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


class ScheduleErrorsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RowError, ...] = ()
        self._headers = [_("行"), _("列"), _("问题")]

    def set_errors(self, errors: Sequence[RowError]) -> None:
        self.beginResetModel()
        self._rows = tuple(errors)
        self.endResetModel()

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
        error, column = self._rows[index.row()], index.column()
        native = (error.row_number, error.column, error.message)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ROW:
                return str(native) if error.row_number > 0 else _("文件")
            return native
        if role == SORT_ROLE:
            return native
        if role == ROW_ROLE:
            return error
        if role == Qt.ItemDataRole.ToolTipRole and column == MESSAGE:
            return error.message
        return None
