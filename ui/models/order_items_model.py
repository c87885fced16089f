"""The items of one order as a table (the data comes from `counter.order_view`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.intake import service_label, urgency_label
from counter.lifecycle import ItemStatus, status_label
from counter.order_view import ItemRow, OrderView, load_order_view

__all__ = ["ItemRow", "OrderView", "load_order_view"]

NUMBER, INSTRUMENT, DEPARTMENT, MODEL, SERIAL, SERVICE = range(6)
COMPULSORY, URGENCY, PROMISED, STATUS, REASON = range(6, 11)
COLUMN_COUNT = 11

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


def local_text(moment: dt.datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def headers() -> list[str]:
    return [
        _("收件编号"),
        _("器具名称"),
        _("科室"),
        _("型号规格"),
        _("出厂编号"),
        _("服务"),
        _("强检"),
        _("加急"),
        _("约定日期"),
        _("状态"),
        _("原因"),
    ]


class OrderItemsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ItemRow, ...] = ()
        self._headers = headers()

    def set_rows(self, rows: tuple[ItemRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> ItemRow:
        return self._rows[row]

    def row_of(self, item_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == item_id), -1)

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
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, index.column())
        if role == SORT_ROLE:
            return _native(row, index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == REASON:
            return row.reason or None
        if role == Qt.ItemDataRole.ForegroundRole and row.status is ItemStatus.VOIDED:
            return Qt.GlobalColor.gray
        return None


def _native(row: ItemRow, column: int) -> Any:
    values = (
        row.number,
        row.instrument,
        row.department,
        row.model,
        row.serial,
        row.service,
        row.compulsory,
        row.urgency,
        row.promised_date,
        row.status.value,
        row.reason,
    )
    return values[column] if 0 <= column < COLUMN_COUNT else None


def _display(row: ItemRow, column: int) -> str | None:
    if column == SERVICE:
        return service_label(row.service)
    if column == COMPULSORY:
        return _("是") if row.compulsory else _("否")
    if column == URGENCY:
        return urgency_label(row.urgency)
    if column == PROMISED:
        return row.promised_date.isoformat()
    if column == STATUS:
        return status_label(row.status)
    value = _native(row, column)
    return value if isinstance(value, str) else None
