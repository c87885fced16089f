"""统计: choose a report and a filter, run it off the UI thread (with progress), see its
tables and charts; export XLSX (Ctrl+E), print PDF (Ctrl+P); save the choice under a
name and rerun it later.  F5 runs the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.changes import Change
from counter.clock import local_date
from counter.customers.records import search_customers
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.catalog import list_departments
from counter.session import read
from counter.statistics.export import report_pdf, report_xlsx
from counter.statistics.reports import report_kinds, run_report
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Report
from counter.statistics.saved import SavedDefinition, list_saved, rerun_saved, save_report
from ui.common import op
from ui.common.actions import action_button
from ui.common.context import AppContext
from ui.common.file_dialogs import save_file_name, write_file
from ui.common.message_line import MessageLine
from ui.common.pdf_preview import PdfPreviewDialog
from ui.common.screen import ScreenDefaults
from ui.common.worker import Progress
from ui.statistics.charts import chart_view
from ui.statistics.filter_bar import FilterBar
from ui.statistics.table_model import ReportTableModel


class StatisticsScreen(ScreenDefaults, QWidget):
    shows = Change.REPORTS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.report: Report | None = None
        self.report_filter: StatFilter | None = None
        self.preview: PdfPreviewDialog | None = None
        self.job: object | None = None
        departments = op.read(self, lambda s: [(d.id, d.name) for d in list_departments(s)])
        self.filters = FilterBar(self.today(), departments or [], report_kinds(ctx.actor), self)
        self.saved = QComboBox(self)
        self.save_name = QLineEdit(self)
        self.save_name.setPlaceholderText(_("报表定义名称"))
        self.tabs = QTabWidget(self)
        self.summary = QLabel(self)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, label, keys, slot in (
            ("run", _("统计"), "F5", self.run),
            ("xlsx", _("导出 XLSX…"), "Ctrl+E", self.export_xlsx),
            ("pdf", _("打印 PDF…"), "Ctrl+P", self.print_pdf),
        ):
            row.addWidget(self._button(name, label, keys, slot))
        row.addStretch(1)
        row.addWidget(self.save_name)
        row.addWidget(self._button("save", _("保存定义"), "Ctrl+S", self.save_definition))
        row.addWidget(self.saved)
        row.addWidget(self._button("rerun", _("运行已存报表"), "Ctrl+R", self.rerun))
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.watch_changes(ctx)
        self.refresh()

    def _button(self, name: str, label: str, keys: str, slot: Callable[[], object]) -> QPushButton:
        self.buttons[name] = action_button(self, label, keys, slot)
        return self.buttons[name]

    def today(self) -> dt.date:
        return local_date(self.ctx.clock.now())

    def focus_first(self) -> None:
        self.filters.report.setFocus()

    def refresh(self) -> None:
        """Read the saved definitions again."""
        found = op.read(self, lambda s: list_saved(s, self.ctx.actor))
        self.saved.clear()
        for definition in found or []:
            self.saved.addItem(definition.name, definition)

    # --- running --------------------------------------------------------------------

    def _filter(self, session: Session) -> StatFilter:
        text, customer_id = self.filters.customer_text(), None
        if text:
            hits = search_customers(session, text, 1)
            if not hits:
                raise CounterError(_("没有找到客户“{text}”").format(text=text))
            customer_id = hits[0].id
        try:
            return self.filters.stat_filter(customer_id)
        except ValueError as error:
            raise CounterError(str(error)) from error

    def run(self) -> None:
        self.message.clear_message()
        f = op.read(self, self._filter)
        if f is None:
            return
        kind, actor, today, database = (
            self.filters.kind(),
            self.ctx.actor,
            self.today(),
            self.ctx.database,
        )

        def work(progress: Progress) -> Report:
            return read(database, lambda s: run_report(s, actor, kind, f, today, progress))

        self._start(work, f)

    def rerun(self) -> None:
        definition = self.saved.currentData()
        if not isinstance(definition, SavedDefinition):
            self.message.show_error(_("没有已保存的报表定义"))
            return
        self.filters.show_filter(definition.kind, definition.filters)
        actor, today, database = self.ctx.actor, self.today(), self.ctx.database

        def work(progress: Progress) -> Report:
            return read(database, lambda s: rerun_saved(s, actor, definition.id, today, progress))

        self._start(work, definition.filters)

    def _start(self, work: object, f: StatFilter) -> None:
        self.buttons["run"].setEnabled(False)
        self.job = op.in_background(
            self, work,  # type: ignore[arg-type]
            on_success=lambda report: self.show_report(report, f),
            on_finished=lambda: self.buttons["run"].setEnabled(True),
            progress=_("正在统计…"),
        )  # fmt: skip

    def show_report(self, report: Report, f: StatFilter) -> None:
        self.report, self.report_filter = report, f
        self.tabs.clear()
        for table in report.tables:
            page = QSplitter(Qt.Orientation.Vertical, self.tabs)
            chart = chart_view(table, page)
            if chart is not None:
                page.addWidget(chart)
            view = QTableView(page)
            view.setModel(ReportTableModel(table, view))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAlternatingRowColors(True)
            view.resizeColumnsToContents()
            page.addWidget(view)
            self.tabs.addTab(page, table.title)
        self.summary.setText(
            _("{title}：{start} 至 {end}").format(title=report.title, start=f.start, end=f.end)
        )

    # --- output ---------------------------------------------------------------------

    def export_xlsx(self, path: str | None = None) -> None:
        if self.report is None or self.report_filter is None:
            self.message.show_error(_("请先统计"))
            return
        if path is None:
            path = save_file_name(self, _("导出统计报表"), f"{self.report.title}.xlsx",
                                  _("Excel 工作簿 (*.xlsx)"))  # fmt: skip
            if not path:
                return
        refused = write_file(path, report_xlsx(self.report, self.report_filter))
        if refused:
            self.message.show_error(refused)
        else:
            self.message.show_message(_("已导出到 {path}").format(path=Path(path).name), False)

    def print_pdf(self) -> None:
        report, f, today = self.report, self.report_filter, self.today()
        if report is None or f is None:
            self.message.show_error(_("请先统计"))
            return
        pdf = op.read(self, lambda s: report_pdf(s, report, f, today))
        if pdf is None:
            return
        self.preview = PdfPreviewDialog(pdf, report.title, self, file_name=f"{report.title}.pdf")
        self.preview.open()

    def save_definition(self) -> None:
        name, kind = self.save_name.text().strip(), self.filters.kind()
        f = op.read(self, self._filter)
        if f is None:
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        done = op.write(
            self, lambda s: save_report(s, actor, clock, name, kind, f), changes=Change.REPORTS
        )
        if done is not None:
            self.message.show_message(_("已保存报表定义“{name}”").format(name=done.name), False)
            self.refresh()
            self.saved.setCurrentIndex(self.saved.findText(done.name))
