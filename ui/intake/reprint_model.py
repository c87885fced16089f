"""Labels and receipts not yet printed (`counter.intake.documents.reprint_list`), all rows loaded.

The list is bounded (the newest 500 jobs), so a `QSortFilterProxyModel` on
`SORT_ROLE` may sort it in the view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.intake.documents import ReprintRow
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

KIND, ORDER, ITEM, STATUS, ERROR, TIME = range(6)
COLUMN_COUNT = 6


def kind_label(kind: str) -> str:
    return {"label": _("标签"), "receipt": _("回执")}.get(kind, kind)


def job_status_label(status: str) -> str:
    labels = {
        "pending": _("待打印"),
        "failed": _("打印失败"),
        "printed": _("已打印"),
        "no_printer": _("待 PDF 打印"),
    }
    return labels.get(status, status)


def headers() -> list[str]:
    return [_("类型"), _("委托单号"), _("收件编号"), _("状态"), _("打印机回复"), _("时间")]


class ReprintModel(RowsTableModel[ReprintRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def display(self, row: ReprintRow, column: int) -> str | None:
        return _display(row, column)

    def sort_value(self, row: ReprintRow, column: int) -> Any:
        return _native(row, column)

    def other_role(self, row: ReprintRow, column: int, role: int) -> Any:
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
