"""A certificate's defects: code, severity, message, clause, whether it may be overridden.

Rows are `ReviewDefect`s (a defect with the override reason written for it, if any);
the certificate form shows plain defects the same way (`set_defects`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from counter.certificates.review import ReviewDefect
from counter.certificates.rules import Defect
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

CODE, SEVERITY, MESSAGE, CLAUSE, OVERRIDABLE, OVERRIDE = range(6)
COLUMN_COUNT = 6

_OPEN = QColor("#b00020")
_HANDLED = QColor("#1b5e20")


def headers() -> list[str]:
    return [_("代码"), _("严重程度"), _("问题"), _("依据条款"), _("可放行"), _("放行理由")]


class DefectsModel(RowsTableModel[ReviewDefect]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def set_defects(self, defects: Sequence[Defect]) -> None:
        self.set_rows([ReviewDefect(d) for d in defects])

    def display(self, row: ReviewDefect, column: int) -> str | None:
        return _display(row, column)

    def sort_value(self, row: ReviewDefect, column: int) -> Any:
        return _native(row, column)

    def other_role(self, row: ReviewDefect, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (MESSAGE, CLAUSE, OVERRIDE):
            return _display(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column in (SEVERITY, MESSAGE):
            if row.is_open:
                return _OPEN
            return _HANDLED if row.override_reason else None
        return None


def _native(row: ReviewDefect, column: int) -> Any:
    d = row.defect
    values = (d.code, 0 if d.blocking else 1, d.message, d.clause, d.overridable,
              row.override_reason)  # fmt: skip
    return values[column] if 0 <= column < COLUMN_COUNT else None


def _display(row: ReviewDefect, column: int) -> str | None:
    d = row.defect
    if column == SEVERITY:
        return _("阻断") if d.blocking else _("提示")
    if column == OVERRIDABLE:
        return _("可") if d.overridable else _("不可")
    if column == OVERRIDE:
        return f"{row.override_reason}（{row.override_by}）" if row.override_reason else ""
    value = _native(row, column)
    return value if isinstance(value, str) else None
