"""An urgent on-site job from a phone call (绿色通道): customer, what, where, who goes — today.

Everything the dispatcher needs on one form, in the order a call goes: the
customer (typed, chosen from the matches), what is wrong, the site (the customer's
address unless another is typed), a phone, then the crew, vehicle and standards.
Ctrl+Return saves; the job is created and scheduled for today in one transaction.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter.changes import Change
from counter.clock import local_date
from counter.customers.records import search_customers
from counter.i18n import _
from counter.onsite.schedule import Assignment, UrgentCall, urgent_job
from counter.onsite.views import Choices
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine


def checklist(rows: tuple[tuple[int, str], ...], parent: QWidget) -> QListWidget:
    box = QListWidget(parent)
    fill(box, rows)
    box.setMaximumHeight(110)
    return box


def fill(box: QListWidget, rows: tuple[tuple[int, str], ...]) -> None:
    """The rows as unchecked items (ids in UserRole)."""
    box.clear()
    for rid, label in rows:
        item = QListWidgetItem(label, box)
        item.setData(Qt.ItemDataRole.UserRole, rid)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)


def checked_ids(box: QListWidget) -> tuple[int, ...]:
    return tuple(
        int(box.item(n).data(Qt.ItemDataRole.UserRole))
        for n in range(box.count())
        if box.item(n).checkState() == Qt.CheckState.Checked
    )


def check(box: QListWidget, rid: int) -> None:
    for n in range(box.count()):
        if box.item(n).data(Qt.ItemDataRole.UserRole) == rid:
            box.item(n).setCheckState(Qt.CheckState.Checked)


class UrgentDialog(QDialog):
    def __init__(self, ctx: AppContext, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("紧急上门（来电）"))
        self.message = MessageLine(self)
        self.customer_text = QLineEdit(self)
        self.customer_text.setPlaceholderText(_("客户名称、拼音首字母或电话"))
        self.customer = QComboBox(self)
        self.what = QPlainTextEdit(self)
        self.what.setPlaceholderText(_("器具和故障情况，如：地磅显示闪烁"))
        self.what.setMaximumHeight(60)
        self.site = QLineEdit(self)
        self.site.setPlaceholderText(_("不填则用客户地址"))
        self.phone = QLineEdit(self)
        self.crew = checklist(choices.crew, self)
        self.vehicle = QComboBox(self)
        self.vehicle.addItem(_("（不用车）"), None)
        for vid, label in choices.vehicles:
            self.vehicle.addItem(label, vid)
        self.standards = checklist(choices.standards, self)
        form = QFormLayout()
        form.addRow(_("客户"), self.customer_text)
        form.addRow("", self.customer)
        form.addRow(_("检定内容"), self.what)
        form.addRow(_("现场地址"), self.site)
        form.addRow(_("联系电话"), self.phone)
        form.addRow(_("检定人员"), self.crew)
        form.addRow(_("车辆"), self.vehicle)
        form.addRow(_("计量标准"), self.standards)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("今天出发"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.customer_text.textEdited.connect(self.find_customers)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self.result_job: str = ""

    def find_customers(self, text: str) -> None:
        hits = op.read(self, lambda s: search_customers(s, text)) if text.strip() else []
        self.customer.clear()
        for hit in hits or []:
            self.customer.addItem(hit.name, hit.id)

    def call(self) -> UrgentCall | None:
        customer_id = self.customer.currentData()
        if customer_id is None:
            return None
        return UrgentCall(
            int(customer_id),
            self.what.toPlainText(),
            self.site.text(),
            contact_phone=self.phone.text(),
        )

    def assignment(self) -> Assignment:
        vehicle = self.vehicle.currentData()
        day = local_date(self.ctx.clock.now())  # the domain schedules it today anyway
        return Assignment(day, checked_ids(self.crew), vehicle, checked_ids(self.standards))

    def accept(self) -> None:
        call = self.call()
        if call is None:
            self.message.show_error(_("请先查找并选择客户"))
            return
        done = op.write(
            self,
            lambda s: urgent_job(s, self.ctx.actor, self.ctx.clock, call, self.assignment()),
            Change.ONSITE,
            on_failure=op.shown_in(self.message),
        )
        if done is not None:
            self.result_job = done.number
            super().accept()
