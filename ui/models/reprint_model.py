"""Labels and receipts not yet printed (`counter.documents.reprint_list`), all rows loaded.

The list is bounded (the newest 500 jobs), so a `QSortFilterProxyModel` on
`SORT_ROLE` may sort it in the view.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from counter.clock import CHINA_TZ
from counter.documents import ReprintRow
from counter.i18n import _

KIND, ORDER, ITEM, STATUS, ERROR, TIME = range(6)
COLUMN_COUNT = 6

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    return {"label": _("标签"), "receipt": _("回执")}.get(kind, kind)


def job_status_label(status: str) -> str:
    return {"pending": _("待打印"), "failed": _("打印失败"), "printed": _("已打印")}.get(
        status, status
    )


def headers() -> list[str]:
    return [_("类型"), _("委托单号"), _("收件编号"), _("状态"), _("打印机回复"), _("时间")]


class ReprintModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReprintRow] = []
        self._headers = headers()

    def set_rows(self, rows: list[ReprintRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ReprintRow:
        return self._rows[row]

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
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == SORT_ROLE:
            return _native(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column == ERROR:
            return row.error or None
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "failed":
            return Qt.GlobalColor.darkRed
        return None


def _native(row: ReprintRow, column: int) -> Any:
    when = row.updated_at.timestamp()
    values = (row.kind, row.order_number, row.item_number, row.status, row.error, when)
    return values[column] if 0 <= column < COLUMN_COUNT else None


def _display(row: ReprintRow, column: int) -> str | None:
    if column == KIND:
        return kind_label(row.kind)
    if column == STATUS:
        return job_status_label(row.status)
    if column == TIME:
        return row.updated_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    value = _native(row, column)
    return value if isinstance(value, str) else None
