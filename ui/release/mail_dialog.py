"""Mail the ticked items: courier, tracking number (scan it), recipient, phone, address.

Recipient, phone and address are proposed from the order and the customer and may be
changed.  Like the collector dialog, it runs the dispatch itself (`apply`, None when
refused: the refusal is shown in this dialog), keeps a refusal on screen, and sends one
request token however often it is confirmed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter.i18n import _
from counter.release import MailDefaults, MailTo
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine
from ui.common.scanner import take_own_scans

COURIERS = ("顺丰速运", "中国邮政 EMS", "京东物流", "中通快递", "圆通速递", "韵达快递", "申通快递")


class MailDialog(QDialog):
    def __init__(
        self,
        apply: Callable[[MailTo, str], object],
        defaults: MailDefaults,
        *,
        summary: str = "",
        courier: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("邮寄"))
        self._apply = apply
        self.token = uuid.uuid4().hex
        self.result_value: object = None
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.courier = QComboBox(self)
        self.courier.setEditable(True)
        self.courier.addItems(list(COURIERS))
        if courier:
            self.courier.setCurrentText(courier)
        self.tracking = QLineEdit(self)
        self.tracking.setMaxLength(64)
        self.tracking.setPlaceholderText(_("扫描或输入快递单号"))
        take_own_scans(self.tracking)
        self.recipient = QLineEdit(defaults.recipient, self)
        self.recipient.setMaxLength(64)
        self.phone = QLineEdit(defaults.phone, self)
        self.phone.setMaxLength(32)
        self.address = QPlainTextEdit(defaults.address, self)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 3 + 14)
        form = QFormLayout()
        form.addRow(_("快递公司(&C)："), self.courier)
        form.addRow(_("快递单号(&T)："), self.tracking)
        form.addRow(_("收件人(&R)："), self.recipient)
        form.addRow(_("电话(&P)："), self.phone)
        form.addRow(_("地址(&A)："), self.address)
        self.message = MessageLine(self)
        self.buttons = ok_cancel_buttons(self, _("寄出并打印面单"), on_ok=self.submit)
        self.ok_button = ok_button(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.tracking.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(520, 340)

    def mail_to(self) -> MailTo:
        return MailTo(
            self.courier.currentText(),
            self.tracking.text(),
            self.recipient.text(),
            self.phone.text(),
            self.address.toPlainText(),
        )

    def submit(self) -> None:
        self.message.clear_message()
        result = self._apply(self.mail_to(), self.token)
        if result is not None:
            self.result_value = result
            self.accept()
