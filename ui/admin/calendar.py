"""The calendar tab: holidays and make-up working days the administrator enters.

Promised dates use the official calendar (`chinesecalendar`) for the years it
covers; the line at the top says which of this year and next are covered.
For other years, and to override the official data, the entries here count.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.calendar import set_day
from counter.admin.rules.workdays import WorkCalendar
from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from ui.admin.calendar_model import CalendarModel, kind_label, load_days
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine


def coverage_text(year: int) -> str:
    """Which of `year` and `year + 1` the official holiday data covers."""
    calendar = WorkCalendar()
    years = (year, year + 1)
    covered = [str(y) for y in years if calendar.is_official(y)]
    missing = [str(y) for y in years if not calendar.is_official(y)]
    parts = []
    if covered:
        parts.append(_("官方节假日数据已包含 {years} 年。").format(years=_("、").join(covered)))
    if missing:
        parts.append(
            _(
                "官方节假日数据不包含 {years} 年：这些年份按周一至周五计算，"
                "请在下方录入节假日和调休工作日。"
            ).format(years=_("、").join(missing))
        )
    return "".join(parts)


class CalendarTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = local_date(ctx.clock.now())
        self.coverage = QLabel(coverage_text(today.year), self)
        self.coverage.setWordWrap(True)
        self.model = CalendarModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(("2026-10-01", "周六 Sat", "调休工作日（上班）")):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox(self)
        for kind in ("holiday", "workday"):
            self.kind.addItem(kind_label(kind), kind)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("名称，例如 春节、所庆日"))
        self.name.returnPressed.connect(self.add_day)
        self.add_button = QPushButton(_("添加"), self)
        self.add_button.clicked.connect(self.add_day)
        self.remove_button = QPushButton(_("删除所选"), self)
        self.remove_button.setToolTip("Del")
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = MessageLine(self)
        entry = QHBoxLayout()
        for widget in (self.day, self.kind, self.name, self.add_button):
            entry.addWidget(widget)
        entry.addStretch(1)
        entry.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.coverage)
        layout.addLayout(entry)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_selected)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.refresh()

    def refresh(self) -> None:
        rows = op.read(self, load_days)
        if rows is not None:
            self.model.set_rows(rows)

    def _set(self, days: list[tuple[dt.date, str, str]]) -> bool:
        """Set (or with kind "" remove) the days in one transaction."""

        def change(session: Session) -> bool:
            for day, kind, name in days:
                set_day(session, self.ctx.actor, self.ctx.clock, day, kind, name)
            return True

        return op.write(self, change, Change.CALENDAR) is not None

    def add_day(self) -> None:
        qdate = self.day.date()
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        kind = self.kind.currentData()
        if self._set([(day, kind, self.name.text())]):
            self.refresh()
            self.message.show_info(
                _("{day} 已设为{kind}").format(day=day.isoformat(), kind=kind_label(kind))
            )
            self.name.clear()

    def remove_selected(self) -> None:
        rows = [self.model.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]
        if not rows:
            self.message.show_error(_("请先选择要删除的日期"))
            return
        if self._set([(row.day, "", "") for row in rows]):
            self.refresh()
            self.message.show_info(_("已删除 {n} 个日期").format(n=len(rows)))
