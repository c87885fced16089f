"""The standards register as a table; optionally checkable (the form picks the ones used)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from counter.certificates.lookups import StandardRow
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import Index, RowsTableModel

REF, NAME, RANGE, ACCURACY, CERTIFICATE, VALID_UNTIL, STATE = range(7)
COLUMN_COUNT = 7


def headers() -> list[str]:
    return [_("标准编号"), _("标准名称"), _("测量范围"), _("不确定度/准确度等级/最大允许误差"),
            _("证书编号"), _("有效期至"), _("状态")]  # fmt: skip


class StandardsModel(RowsTableModel[StandardRow]):
    def __init__(self, checkable: bool = False, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)
        self.checkable = checkable
        self._checked: set[str] = set()

    def row_of(self, standard_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == standard_id), -1)

    def set_checked(self, refs: Iterable[str]) -> None:
        self._checked = set(refs)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def checked(self) -> list[StandardRow]:
        return [r for r in self._rows if r.ref in self._checked]

    def display(self, row: StandardRow, column: int) -> str:
        return _display(row, column)

    def sort_value(self, row: StandardRow, column: int) -> Any:
        if column == VALID_UNTIL:
            return row.valid_until.toordinal() if row.valid_until else 0
        return _display(row, column)

    def other_role(self, row: StandardRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and column == REF:
            checked = row.ref in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QColor(Qt.GlobalColor.gray)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.checkable and index.isValid() and index.column() == REF:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

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
