"""The complaints list: one row per complaint, overdue ones drawn in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from counter.feedback.complaint_views import ComplaintRow
from counter.feedback.rules.complaints import (
    callback_label,
    object_label,
    priority_label,
    status_label,
)
from counter.feedback.rules.scores import level_label
from counter.i18n import _
from ui.common.table_model import RowsTableModel

NUMBER, RECEIVED, WHO, OBJECT, PRIORITY, OWNER, STATUS, PLANNED, ANSWERED, CALLBACK = range(10)

OVERDUE_BACKGROUND = QColor("#fde0dc")
OVERDUE_TEXT = QColor("#b71c1c")


def headers() -> list[str]:
    return [
        _("编号"),
        _("受理日期"),
        _("投诉人"),
        _("投诉对象"),
        _("紧急程度"),
        _("首问负责部门"),
        _("状态"),
        _("计划答复"),
        _("实际答复"),
        _("回访"),
    ]


def _date(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


class ComplaintsModel(RowsTableModel[ComplaintRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def display(self, row: ComplaintRow, column: int) -> Any:
        if column == NUMBER:
            return row.number
        if column == RECEIVED:
            return _date(row.received_on)
        if column == WHO:
            return row.who
        if column == OBJECT:
            ref = row.object_ref
            return f"{object_label(row.object)}：{ref}" if ref else object_label(row.object)
        if column == PRIORITY:
            return priority_label(row.priority)
        if column == OWNER:
            return row.owner_department
        if column == STATUS:
            text = status_label(row.status)
            return f"{text}（{_('超期')}）" if row.overdue else text
        if column == PLANNED:
            return _date(row.planned_date)
        if column == ANSWERED:
            return _date(row.answered_on)
        if column == CALLBACK:
            parts = [callback_label(row.callback_kind) if row.callback_kind else ""]
            parts.append(level_label(row.final_level) if row.final_level else "")
            return " / ".join(p for p in parts if p)
        return None

    def sort_value(self, row: ComplaintRow, column: int) -> Any:
        if column == RECEIVED:
            return row.received_at.timestamp()
        return self.display(row, column)

    def other_role(self, row: ComplaintRow, column: int, role: int) -> Any:
        if not row.overdue:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("超期：计划 {date} 前答复").format(date=_date(row.planned_date))
        return None
