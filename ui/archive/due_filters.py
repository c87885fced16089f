"""The due list's filters: the window (a month, or from/to dates) and who and what is listed.

`DueFilters.due_window()` gives the dates; `DueFilters.query()` the keyword arguments of
`counter.archive.recall.due_list` (the customer text is matched separately: it may
name several customers).  `changed` fires whenever a filter changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from counter.archive.rules.due import month_window
from counter.customers.records import SECTORS
from counter.i18n import _
from counter.intake.rules.uses import Use, use_label
from ui.customers.dialog import sector_label


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def next_month(today: dt.date) -> tuple[int, int]:
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date
    year: int  # the month the plans and the batch are for (the start's month for dates)
    month: int


class DueFilters(QWidget):
    changed = Signal()

    def __init__(
        self, today: dt.date, departments: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        year, month = next_month(today)
        self.month = QDateEdit(QDate(year, month, 1), self)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setToolTip(_("到期月份（默认下个月）"))
        self.by_dates = QCheckBox(_("按日期"), self)
        start, end = month_window(year, month)
        self.date_from = self._date(start)
        self.date_to = self._date(end)
        self.by_dates.toggled.connect(self._mode)
        self.department = QComboBox(self)
        self.department.addItem(_("全部科室"), None)
        for dept_id, name in departments:
            self.department.addItem(name, dept_id)
        self.sector = QComboBox(self)
        self.sector.addItem(_("全部行业"), None)
        for sector in SECTORS:
            self.sector.addItem(sector_label(sector), sector)
        self.use = QComboBox(self)
        self.use.addItem(_("全部用途"), None)
        for use in Use:
            if use is not Use.NONE:
                self.use.addItem(use_label(use), use.value)
        self.region = QLineEdit(self)
        self.region.setPlaceholderText(_("行政区划代码前缀，如 3715"))
        self.region.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self.region)
        )
        self.customer = QLineEdit(self)
        self.customer.setPlaceholderText(_("客户名称 / 拼音首字母 / 电话"))
        self.customer.setClearButtonEnabled(True)
        self.overdue = QCheckBox(_("含已超期"), self)
        self.overdue.setChecked(True)
        self.never = QCheckBox(_("含从未检定的强检器具"), self)
        self.never.setChecked(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        row0: list[QWidget] = [QLabel(_("到期月份"), self), self.month, self.by_dates,
                               self.date_from, QLabel("—", self), self.date_to,
                               self.overdue, self.never]  # fmt: skip
        row1: list[QWidget] = [self.department, self.sector, self.use, self.region, self.customer]
        for column, widget in enumerate(row0):
            grid.addWidget(widget, 0, column)
        for column, widget in enumerate(row1):
            grid.addWidget(widget, 1, column if column < 3 else 3 + (column - 3) * 3,
                           1, 1 if column < 3 else 3)  # fmt: skip
        grid.setColumnStretch(8, 1)
        for combo in (self.department, self.sector, self.use):
            combo.currentIndexChanged.connect(self.changed)
        for check in (self.overdue, self.never, self.by_dates):
            check.toggled.connect(self.changed)
        for edit in (self.month, self.date_from, self.date_to):
            edit.dateChanged.connect(self.changed)
        self.region.editingFinished.connect(self.changed)
        self.customer.editingFinished.connect(self.changed)
        self._mode(False)

    def _date(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _mode(self, by_dates: bool) -> None:
        self.month.setEnabled(not by_dates)
        self.date_from.setEnabled(by_dates)
        self.date_to.setEnabled(by_dates)

    def set_month(self, year: int, month: int) -> None:
        self.by_dates.setChecked(False)
        self.month.setDate(QDate(year, month, 1))

    def due_window(self) -> Window:
        if self.by_dates.isChecked():
            start, end = pydate(self.date_from.date()), pydate(self.date_to.date())
            return Window(start, end, start.year, start.month)
        chosen = self.month.date()
        start, end = month_window(chosen.year(), chosen.month())
        return Window(start, end, start.year, start.month)

    def query(self) -> dict[str, Any]:
        """`due_list`'s filters (all but the window and the customer)."""
        return {
            "department_id": self.department.currentData(),
            "sector": self.sector.currentData(),
            "division_prefix": self.region.text().strip() or None,
            "use": self.use.currentData(),
            "include_overdue": self.overdue.isChecked(),
            "include_never": self.never.isChecked(),
        }

    def customer_text(self) -> str:
        return self.customer.text().strip()
