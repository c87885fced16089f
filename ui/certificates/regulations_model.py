"""The regulations register (`counter.certificates.regulations.list_regulations`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from counter.certificates.regulations import RegulationRow, field_label
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

CODE, TITLE, EFFECTIVE, WITHDRAWN, REPLACED_BY = range(5)
FIELDS = ("code", "title", "effective", "withdrawn", "replaced_by")


class RegulationsModel(RowsTableModel[RegulationRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([field_label(f) for f in FIELDS], parent)

    def display(self, row: RegulationRow, column: int) -> str:
        value = getattr(row, FIELDS[column])
        return value.isoformat() if hasattr(value, "isoformat") else str(value or "")

    def sort_value(self, row: RegulationRow, column: int) -> Any:
        return self.display(row, column)
