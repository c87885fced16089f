"""上门检定: the jobs of a week and the week of resources (verifiers, vehicles, standards).

The week starts on the Monday of the day chosen; ←/→ buttons move a week.  Buttons
act on the selected job: start, finish, cancel (with a reason), its sheet as PDF.
"紧急来电" (Ctrl+U) opens the urgent form: a job created and scheduled today.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.changes import Change
from counter.clock import local_date
from counter.i18n import _
from counter.onsite.items import number_items
from counter.onsite.jobs import cancel_job, finish_job, start_job
from counter.onsite.rules.jobs import resource_label
from counter.onsite.sheet import job_sheet_pdf
from counter.onsite.views import JobRow, WeekView, list_jobs, resource_choices, week_view
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.pdf_preview import PdfPreviewDialog
from ui.common.reason_dialog import WriteWithReason
from ui.common.screen import ScreenDefaults
from ui.onsite.job_dialog import NewJobDialog, ScheduleDialog
from ui.onsite.urgent_dialog import UrgentDialog


def job_headers() -> list[str]:
    return [
        _("任务单号"),
        _("日期"),
        _("状态"),
        _("加急"),
        _("客户"),
        _("现场地址"),
        _("器具"),
        _("检定人员"),
        _("车辆"),
    ]


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class OnsiteScreen(ScreenDefaults, QWidget):
    shows = Change.ONSITE | Change.REGISTERS | Change.USERS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = MessageLine(self)
        self.day = local_date(ctx.clock.now())
        self.rows: list[JobRow] = []
        self.week: WeekView | None = None
        self.preview: PdfPreviewDialog | None = None
        self.title = QLabel(self)
        self.jobs = _table(job_headers(), self)
        self.resources = _table([""], self)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("back", _("上一周"), lambda: self.move_week(-7)),
            ("next", _("下一周"), lambda: self.move_week(7)),
            ("new", _("新建任务"), self.new_job),
            ("schedule", _("安排"), self.schedule),
            ("urgent", _("紧急来电"), self.urgent),
            ("number", _("生成收件编号"), self.number_items),
            ("start", _("开始"), self.start),
            ("finish", _("完成"), self.finish),
            ("cancel", _("取消任务"), self.cancel),
            ("sheet", _("任务单"), self.sheet),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        QShortcut(QKeySequence("Ctrl+U"), self, self.urgent)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.jobs)
        split.addWidget(self.resources)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.refresh()

    def move_week(self, days: int) -> None:
        self.day += dt.timedelta(days=days)
        self.refresh()

    def refresh(self) -> None:
        monday = self.day - dt.timedelta(days=self.day.weekday())
        sunday = monday + dt.timedelta(days=6)
        got = op.read(
            self, lambda s: (list_jobs(s, start=monday, end=sunday), week_view(s, monday))
        )
        if got is None:
            return
        self.rows, self.week = got
        self.title.setText(
            _("{start} 至 {end} 的上门任务：{n} 个").format(
                start=monday.isoformat(), end=sunday.isoformat(), n=len(self.rows)
            )
        )
        self.jobs.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            day = (row.confirmed_date or row.requested_date).isoformat()
            values = (
                row.number,
                day,
                row.state_text,
                _("加急") if row.urgent else "",
                row.customer,
                row.site_address,
                str(row.instrument_count),
                row.crew,
                row.vehicle,
            )
            for c, value in enumerate(values):
                self.jobs.setItem(r, c, QTableWidgetItem(value))
        week = self.week
        heads = [_("资源"), _("名称"), *(d.strftime("%m-%d") for d in week.days)]
        self.resources.setColumnCount(len(heads))
        self.resources.setHorizontalHeaderLabels(heads)
        self.resources.setRowCount(len(week.rows))
        for r, res in enumerate(week.rows):
            for c, value in enumerate((resource_label(res.resource), res.label, *res.days)):
                self.resources.setItem(r, c, QTableWidgetItem(value))

    def selected(self) -> JobRow | None:
        rows = self.jobs.selectionModel().selectedRows()
        if not rows:
            self.message.show_error(_("请先选择一个上门任务"))
            return None
        return self.rows[rows[0].row()]

    def urgent(self) -> UrgentDialog | None:
        choices = op.read(self, resource_choices)
        if choices is None:
            return None
        dialog = UrgentDialog(self.ctx, choices, self)
        if dialog.exec():
            self.day = local_date(self.ctx.clock.now())
            self.refresh()
            self.message.show_info(
                _("紧急上门任务 {number} 已安排在今天").format(number=dialog.result_job)
            )
        return dialog

    def new_job(self) -> NewJobDialog:
        dialog = NewJobDialog(self.ctx, self)
        if dialog.exec():
            self.refresh()
            self.message.show_info(
                _("上门任务 {number} 已登记").format(number=dialog.result_number)
            )
        return dialog

    def schedule(self) -> ScheduleDialog | None:
        row = self.selected()
        choices = op.read(self, resource_choices) if row is not None else None
        if row is None or choices is None:
            return None
        day = row.confirmed_date or row.requested_date
        dialog = ScheduleDialog(self.ctx, choices, row.job_id, row.number, day, self)
        if dialog.exec():
            self.refresh()
            self.message.show_info(_("上门任务 {number} 已安排").format(number=row.number))
        return dialog

    def number_items(self) -> None:
        """Item numbers (and labels queued, as at the counter) for the job's instruments."""
        row = self.selected()
        if row is None:
            return
        saved = op.write(
            self,
            lambda s: number_items(s, self.ctx.actor, self.ctx.clock, row.job_id),
            Change.ONSITE | Change.ORDERS | Change.PRINTS,
            on_success=lambda _saved: None,
        )
        if saved is not None:
            self.refresh()
            self.message.show_info(
                _("委托单 {order}：{n} 件器具已编号，标签已排队打印").format(
                    order=saved.number, n=len(saved.item_numbers)
                )
            )

    def start(self) -> None:
        row = self.selected()
        if row is not None:
            op.write(
                self,
                lambda s: start_job(s, self.ctx.actor, self.ctx.clock, row.job_id),
                Change.ONSITE,
            )

    def finish(self) -> None:
        row = self.selected()
        if row is not None:
            op.write(
                self,
                lambda s: finish_job(s, self.ctx.actor, self.ctx.clock, row.job_id),
                Change.ONSITE,
            )

    def cancel(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog: WriteWithReason[object] = WriteWithReason(
            self.ctx,
            _("取消上门任务"),
            _("取消上门任务 {number}：请填写原因").format(number=row.number),
            lambda s, reason: cancel_job(s, self.ctx.actor, self.ctx.clock, row.job_id, reason),
            Change.ONSITE,
            self,
        )
        dialog.exec()

    def sheet(self) -> None:
        row = self.selected()
        if row is None:
            return
        pdf = op.read(self, lambda s: job_sheet_pdf(s, self.ctx.clock, row.job_id))
        if pdf is not None:
            title = _("任务单 {number}").format(number=row.number)
            self.preview = PdfPreviewDialog(pdf, title, self, file_name=f"{row.number}.pdf")
            self.preview.show()
