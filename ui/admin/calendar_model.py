"""The administrator's holidays and make-up working days (`counter.admin.calendar.list_days`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from counter.admin.calendar import list_days
from counter.i18n import _
from ui.common.table_model import ROW_ROLE as ROW_ROLE
from ui.common.table_model import SORT_ROLE as SORT_ROLE
from ui.common.table_model import RowsTableModel

DAY, WEEKDAY, KIND, NAME = range(4)
COLUMN_COUNT = 4


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


class CalendarModel(RowsTableModel[DayRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(headers(), parent)

    def display(self, row: DayRow, column: int) -> str:
        return (row.day.isoformat(), weekday_label(row.day), kind_label(row.kind), row.name)[column]

    def sort_value(self, row: DayRow, column: int) -> Any:
        return (row.day.toordinal(), row.day.weekday(), row.kind, row.name)[column]
