"""The items of one order as a table (the data comes from `counter.orders.view`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt

from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.intake.receive import service_label, urgency_label
from counter.intake.rules.lifecycle import ItemStatus, status_label
from counter.orders.view import ItemRow, OrderView, load_order_view
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

__all__ = ["ItemRow", "OrderView", "load_order_view"]

NUMBER, INSTRUMENT, DEPARTMENT, MODEL, SERIAL, SERVICE = range(6)
COMPULSORY, URGENCY, PROMISED, STATUS, REASON = range(6, 11)
COLUMN_COUNT = 11


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


class OrderItemsModel(RowsTableModel[ItemRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def row_of(self, item_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == item_id), -1)

    def display(self, row: ItemRow, column: int) -> str | None:
        return _display(row, column)

    def sort_value(self, row: ItemRow, column: int) -> Any:
        return _native(row, column)

    def other_role(self, row: ItemRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == REASON:
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
