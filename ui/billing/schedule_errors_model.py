"""The row errors of a fee standard file: row number, column, what is wrong."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from counter.billing.rules.schedule import RowError
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

ROW, COLUMN, MESSAGE = range(3)
COLUMN_COUNT = 3


class ScheduleErrorsModel(RowsTableModel[RowError]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([_("行"), _("列"), _("问题")], parent)

    def set_errors(self, errors: Sequence[RowError]) -> None:
        self.set_rows(errors)

    def display(self, row: RowError, column: int) -> Any:
        if column == ROW:
            return str(row.row_number) if row.row_number > 0 else _("文件")
        return self.sort_value(row, column)

    def sort_value(self, row: RowError, column: int) -> Any:
        return (row.row_number, row.column, row.message)[column]

    def other_role(self, row: RowError, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == MESSAGE:
            return row.message
        return None
