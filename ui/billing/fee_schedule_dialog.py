"""Administrator: import a fee standard (CSV or XLSX) in force from a date; row errors in a table.

Nothing is half-imported: with any row error, the table lists them all (row,
column, what is wrong) and nothing is saved.  The versions already in the
database are listed under the form.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.billing import ScheduleImportError, import_fee_schedule, list_versions
from counter.changes import Change
from counter.clock import local_date
from counter.errors import CounterError
from counter.i18n import _
from ui.billing.schedule_errors_model import MESSAGE, ScheduleErrorsModel
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import open_file_name
from ui.common.message_line import MessageLine


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class FeeScheduleDialog(QDialog):
    imported = Signal(str)  # the effective date, ISO

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("导入收费标准"))
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        self.path.setPlaceholderText(_("CSV 或 XLSX 文件"))
        browse = QPushButton(_("选择文件(&B)…"), self)
        browse.clicked.connect(self.choose_file)
        today = local_date(ctx.clock.now())
        self.effective = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(_("例如：粤价〔2012〕90号"))
        self.errors = ScheduleErrorsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.errors)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.versions = QLabel(self)
        self.versions.setWordWrap(True)
        self.message = MessageLine(self)
        self.import_button = QPushButton(_("导入(&I)"), self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_file)
        close = QPushButton(_("关闭"), self)
        close.clicked.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("文件(&F)："), file_row)
        form.addRow(_("生效日期(&E)："), self.effective)
        form.addRow(_("名称/文号(&T)："), self.title_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("文件中的问题（有任何问题时不导入任何一行）："), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.versions)
        layout.addLayout(buttons)
        self.resize(760, 520)
        self.show_versions()
        self.path.setFocus()

    def choose_file(self) -> None:
        path = open_file_name(self, _("选择收费标准文件"), _("收费标准 (*.csv *.xlsx)"))
        if path:
            self.path.setText(path)

    def show_versions(self) -> None:
        versions = op.read(self, list_versions)
        if versions is None:
            return
        lines = [
            _("{start} 起（{rows} 项）{title}").format(
                start=v.effective_from.isoformat(), rows=v.rows, title=v.title
            )
            for v in versions
        ]
        self.versions.setText(_("已有收费标准：") + "\n" + "\n".join(lines))

    def import_file(self) -> None:
        self.message.clear_message()
        self.errors.set_errors(())
        path = Path(self.path.text().strip())
        try:
            data = path.read_bytes()
        except OSError as error:
            self.message.show_error(
                _("无法读取 {path}：{reason}").format(path=path, reason=error.strerror)
            )
            return
        ctx, day, title = self.ctx, _pydate(self.effective.date()), self.title_edit.text()
        summary = op.write(
            self,
            lambda s: import_fee_schedule(
                s, ctx.actor, ctx.clock, data, path.name, day, title=title
            ),
            Change.FEE_STANDARDS,
            on_failure=self._refused,
        )
        if summary is None:
            return
        self.message.show_info(
            _("已导入 {rows} 项收费标准，自 {day} 起生效").format(
                rows=summary.rows, day=summary.effective_from.isoformat()
            )
        )
        self.show_versions()
        self.imported.emit(summary.effective_from.isoformat())

    def _refused(self, error: CounterError) -> None:
        if isinstance(error, ScheduleImportError):
            self.errors.set_errors(error.errors)
            self.message.show_error(
                _("文件有 {n} 处问题，未导入任何内容").format(n=len(error.errors))
            )
            self.table.setFocus()
        else:
            self.message.show_error(str(error))
