"""The lab's work list (`counter.certificates.worklist.lab_work_list`), all rows loaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from counter.certificates.worklist import WorkRow
from counter.clock import CHINA_TZ
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

NUMBER, ITEM, INSTRUMENT, CUSTOMER, STATUS, CHANGED, BLOCKING, WARNINGS, REASON = range(9)
COLUMN_COUNT = 9


def headers() -> list[str]:
    return [
        _("证书编号"), _("收件编号"), _("器具名称"), _("送检单位"), _("证书状态"), _("最后修改"),
        _("阻断性缺陷"), _("提示"), _("退回原因"),
    ]  # fmt: skip


class WorkListModel(RowsTableModel[WorkRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def display(self, row: WorkRow, column: int) -> str | None:
        if column == STATUS:
            return row.status_label
        if column == CHANGED:
            return row.updated_at.astimezone(CHINA_TZ).strftime("%m-%d %H:%M")
        if column == REASON:
            return row.returned.text() if row.returned else ""
        value = self.sort_value(row, column)
        return str(value) if value is not None else None

    def sort_value(self, row: WorkRow, column: int) -> Any:
        values = (
            row.number, row.item_number, row.instrument, row.customer, row.status,
            row.updated_at.timestamp(), row.blocking, row.warnings,
            row.returned.reason if row.returned else "",
        )  # fmt: skip
        return values[column] if 0 <= column < COLUMN_COUNT else None

    def other_role(self, row: WorkRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and (row.blocking or row.returned):
            return QColor(Qt.GlobalColor.darkRed)
        return None
