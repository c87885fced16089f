"""The administrator's holidays and make-up working days (`counter.calendar.list_days`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session

from counter.calendar import list_days
from counter.i18n import _

DAY, WEEKDAY, KIND, NAME = range(4)
COLUMN_COUNT = 4

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index: TypeAlias = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DayRow:
    day: dt.date
    kind: str  # "holiday" | "workday"
    name: str


def load_days(session: Session) -> list[DayRow]:
    return [DayRow(d.day, d.kind, d.name) for d in list_days(session)]


def kind_label(kind: str) -> str:
    return {"holiday": _("节假日（不上班）"), "workday": _("调休工作日（上班）")}.get(kind, kind)


def weekday_label(day: dt.date) -> str:
    names = (_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日"))
    return names[day.weekday()]


def headers() -> list[str]:
    return [_("日期"), _("星期"), _("类型"), _("名称")]


class CalendarModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DayRow] = []
        self._headers = headers()

    def set_rows(self, rows: list[DayRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DayRow:
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
            values = (
                row.day.isoformat(),
                weekday_label(row.day),
                kind_label(row.kind),
                row.name,
            )
            return values[column] if column < COLUMN_COUNT else None
        if role == SORT_ROLE:
            natives = (row.day.toordinal(), row.day.weekday(), row.kind, row.name)
            return natives[column] if column < COLUMN_COUNT else None
        if role == ROW_ROLE:
            return row
        return None
