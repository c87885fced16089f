"""The standards register as a table; optionally checkable (the form picks the ones used)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from counter.certificate_lookups import StandardRow
from counter.i18n import _

REF, NAME, RANGE, ACCURACY, CERTIFICATE, VALID_UNTIL, STATE = range(7)
COLUMN_COUNT = 7

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


def headers() -> list[str]:
    return [_("标准编号"), _("标准名称"), _("测量范围"), _("不确定度/准确度等级/最大允许误差"),
            _("证书编号"), _("有效期至"), _("状态")]  # fmt: skip


class StandardsModel(QAbstractTableModel):
    def __init__(self, checkable: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checkable = checkable
        self._rows: list[StandardRow] = []
        self._checked: set[str] = set()
        self._headers = headers()

    def set_rows(self, rows: Sequence[StandardRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> StandardRow:
        return self._rows[row]

    def row_of(self, standard_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == standard_id), -1)

    def set_checked(self, refs: Iterable[str]) -> None:
        self._checked = set(refs)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def checked(self) -> list[StandardRow]:
        return [r for r in self._rows if r.ref in self._checked]

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
        if self.checkable and index.isValid() and index.column() == REF:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == SORT_ROLE:
            if column == VALID_UNTIL:
                return row.valid_until.toordinal() if row.valid_until else 0
            return _display(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and column == REF:
            checked = row.ref in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QColor(Qt.GlobalColor.gray)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.checkable and index.isValid() and role == Qt.ItemDataRole.CheckStateRole):
            return False
        ref = self._rows[index.row()].ref
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if on:
            self._checked.add(ref)
        else:
            self._checked.discard(ref)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


def _display(row: StandardRow, column: int) -> str:
    if column == VALID_UNTIL:
        return row.valid_until.isoformat() if row.valid_until else ""
    if column == STATE:
        return _("在用") if row.active else _("已停用")
    values = (row.ref, row.name, row.measuring_range, row.accuracy, row.certificate_number)
    return values[column] if column < len(values) else ""
