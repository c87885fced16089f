"""Two dialogs of the on-site screen: a new job (customer, site, day, ledger instruments)
and scheduling a job (the day, crew, vehicle, standards), each saved through `ui.common.op`.

A refusal (an expired standard, an unauthorised verifier, a double booking) stays in
the dialog's message line with every reason; nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter.changes import Change
from counter.clock import local_date
from counter.customers.records import search_customers
from counter.i18n import _
from counter.onsite.jobs import InstrumentDraft, JobForm, create_job
from counter.onsite.schedule import Assignment, schedule_job
from counter.onsite.views import Choices, ledger_choices
from ui.common import op
from ui.common.context import AppContext
from ui.common.dates import date_edit, edit_day
from ui.common.message_line import MessageLine
from ui.onsite.urgent_dialog import checked_ids, checklist, fill


class _Dialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.message = MessageLine(self)
        self.form = QFormLayout()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.result_number = ""


class NewJobDialog(_Dialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("新建上门任务"), parent)
        self.customer_text = QLineEdit(self)
        self.customer_text.setPlaceholderText(_("客户名称、拼音首字母或电话"))
        self.customer = QComboBox(self)
        self.site = QLineEdit(self)
        self.site.setPlaceholderText(_("不填则用客户地址"))
        self.day = date_edit(self, local_date(ctx.clock.now()))
        self.what = QPlainTextEdit(self)
        self.what.setMaximumHeight(60)
        self.instruments = checklist((), self)
        self.instruments.setMaximumHeight(160)
        for label, widget in (
            (_("客户"), self.customer_text),
            ("", self.customer),
            (_("现场地址"), self.site),
            (_("要求日期"), self.day),
            (_("检定内容"), self.what),
            (_("台账器具"), self.instruments),
        ):
            self.form.addRow(label, widget)
        self.customer_text.textEdited.connect(self.find_customers)
        self.customer.currentIndexChanged.connect(self.load_ledger)
        self.addresses: dict[int, str] = {}

    def find_customers(self, text: str) -> None:
        hits = op.read(self, lambda s: search_customers(s, text)) if text.strip() else []
        self.customer.clear()
        for hit in hits or []:
            self.customer.addItem(hit.name, hit.id)

    def load_ledger(self) -> None:
        customer_id = self.customer.currentData()
        rows = op.read(self, lambda s: ledger_choices(s, int(customer_id))) if customer_id else ()
        fill(self.instruments, rows or ())

    def accept(self) -> None:
        customer_id = self.customer.currentData()
        if customer_id is None:
            self.message.show_error(_("请先查找并选择客户"))
            return
        site = self.site.text().strip() or self.customer.currentText()
        form = JobForm(
            customer_id=int(customer_id),
            site_address=site,
            requested_date=edit_day(self.day),
            description=self.what.toPlainText(),
            instruments=tuple(
                InstrumentDraft(instrument_id=i) for i in checked_ids(self.instruments)
            ),
        )
        done = op.write(
            self,
            lambda s: create_job(s, self.ctx.actor, self.ctx.clock, form),
            Change.ONSITE,
            on_failure=op.shown_in(self.message),
        )
        if done is not None:
            self.result_number = done.number
            super().accept()


class ScheduleDialog(_Dialog):
    def __init__(
        self,
        ctx: AppContext,
        choices: Choices,
        job_id: int,
        number: str,
        day: dt.date,
        parent: QWidget | None = None,
        *,
        institute: str = "",
        institutes: Sequence[str] = (),
        vehicle_id: int | None = None,
    ) -> None:
        super().__init__(ctx, _("安排上门任务 {number}").format(number=number), parent)
        self.job_id = job_id
        # the institute that does the job (a campaign's partner); empty = this institute
        self.institute = QComboBox(self)
        self.institute.setEditable(True)
        self.institute.addItems(list(dict.fromkeys(["", *institutes, institute])))
        self.institute.setCurrentText(institute)
        edit = self.institute.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(_("不填即本所"))
        self.day = date_edit(self, day)
        self.crew = checklist(choices.crew, self)
        self.vehicle = QComboBox(self)
        self.vehicle.addItem(_("（不用车）"), None)
        for vid, label in choices.vehicles:
            self.vehicle.addItem(label, vid)
        self.vehicle.setCurrentIndex(max(0, self.vehicle.findData(vehicle_id)))
        self.standards = checklist(choices.standards, self)
        for label, widget in (
            (_("任务日期"), self.day),
            (_("检定人员"), self.crew),
            (_("车辆"), self.vehicle),
            (_("计量标准"), self.standards),
            (_("执行机构"), self.institute),
        ):
            self.form.addRow(label, widget)

    def accept(self) -> None:
        a = Assignment(
            edit_day(self.day),
            checked_ids(self.crew),
            self.vehicle.currentData(),
            checked_ids(self.standards),
            institute=self.institute.currentText(),
        )
        done = op.write(
            self,
            lambda s: schedule_job(s, self.ctx.actor, self.ctx.clock, self.job_id, a),
            Change.ONSITE,
            on_failure=op.shown_in(self.message),
        )
        if done is not None:
            self.result_number = done.number
            super().accept()
