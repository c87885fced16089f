"""A new complaint: who (a customer from the archive, or a name and phone), about what,
how urgent, which department takes it (首问负责), and what was said."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.changes import Change
from counter.feedback.complaints import ComplaintDone, ComplaintForm, add_complaint
from counter.feedback.rules.complaints import Object, Priority, object_label, priority_label
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.customers.picker import CustomerPicker


def combo(parent: QWidget, items: list[tuple[object, str]]) -> QComboBox:
    box = QComboBox(parent)
    for value, label in items:
        box.addItem(label, value)
    return box


class NewComplaintDialog(QDialog):
    def __init__(
        self, ctx: AppContext, departments: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("受理投诉"))
        self.done_value: ComplaintDone | None = None
        self.customer_id: int | None = None
        self.picker = CustomerPicker(ctx, self)
        self.picker.customer_chosen.connect(self._chosen)
        self.picker.customer_cleared.connect(lambda: self._chosen(None))
        self.complainant = QLineEdit(self)
        self.complainant.setMaxLength(128)
        self.complainant.setPlaceholderText(_("投诉人姓名（未选客户时必填）"))
        self.phone = QLineEdit(self)
        self.phone.setMaxLength(32)
        self.object = combo(self, [(o.value, object_label(o)) for o in Object])
        self.object_department = combo(self, [(None, _("（不指定）")), *departments])
        self.object_text = QLineEdit(self)
        self.object_text.setMaxLength(128)
        self.object_text.setPlaceholderText(_("被投诉的人员、证书编号或收费单号"))
        self.priority = combo(self, [(p.value, priority_label(p)) for p in Priority])
        self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL.value))
        self.owner = combo(self, [(None, _("客户的首问负责部门")), *departments])
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText(_("投诉内容"))
        form = QFormLayout()
        form.addRow(_("投诉人(&W)："), self.complainant)
        form.addRow(_("电话(&P)："), self.phone)
        form.addRow(_("投诉对象(&O)："), self.object)
        form.addRow(_("被投诉部门："), self.object_department)
        form.addRow(_("对象说明："), self.object_text)
        form.addRow(_("紧急程度(&U)："), self.priority)
        form.addRow(_("首问负责部门(&D)："), self.owner)
        form.addRow(_("投诉内容(&C)："), self.summary)
        self.message = MessageLine(self)
        self.ok_button = QPushButton(_("受理"), self)
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(_("取消"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(620, 640)

    def _chosen(self, customer_id: int | None) -> None:
        self.customer_id = customer_id

    def form(self) -> ComplaintForm:
        return ComplaintForm(
            summary=self.summary.toPlainText(),
            object=self.object.currentData(),
            customer_id=self.customer_id,
            complainant=self.complainant.text(),
            phone=self.phone.text(),
            object_department_id=self.object_department.currentData(),
            object_text=self.object_text.text(),
            priority=self.priority.currentData(),
            owner_department_id=self.owner.currentData(),
        )

    def submit(self) -> None:
        self.message.clear_message()
        ctx, form = self.ctx, self.form()
        done = op.write(
            self,
            lambda s: add_complaint(s, ctx.actor, ctx.clock, form),
            Change.FEEDBACK,
            on_failure=op.shown_in(self.message),
        )
        if done is not None:
            self.done_value = done
            self.accept()
