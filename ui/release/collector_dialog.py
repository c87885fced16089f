"""Who collects: name, phone, ID last digits (pre-filled from the order), and a signature.

Enter confirms with the signature on the pad ("确认领取"); "打印纸质交接单" confirms
without one, to be signed on the printed slip.  The dialog runs the release itself
(`apply`, which returns None when refused and shows why in the dialog's message line),
so a refusal stays in it with its reason and nothing typed is lost; the same dialog
always sends the same request token, so a double confirm releases once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.i18n import _
from counter.release import Collector
from ui.common.message_line import MessageLine
from ui.common.signature_pad import SignaturePad


def _sign_please() -> str:
    return _("请领取人在签字板上签名，或打印纸质交接单签字")


class CollectorDialog(QDialog):
    def __init__(
        self,
        apply: Callable[[Collector, str], object],
        *,
        name: str = "",
        phone: str = "",
        summary: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("确认领取"))
        self._apply = apply
        self.token = uuid.uuid4().hex
        self.result_value: object = None
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(64)
        self.phone = QLineEdit(phone, self)
        self.phone.setMaxLength(32)
        self.id_digits = QLineEdit(self)
        self.id_digits.setMaxLength(6)
        self.id_digits.setPlaceholderText(_("身份证后 4 位（可不填）"))
        form = QFormLayout()
        form.addRow(_("领取人(&N)："), self.name)
        form.addRow(_("电话(&P)："), self.phone)
        form.addRow(_("身份证后几位(&I)："), self.id_digits)
        self.pad = SignaturePad(self)
        self.clear_button = QPushButton(_("清除签名"), self)
        self.clear_button.setToolTip("Ctrl+Backspace")
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.pad.clear)
        self.pad.signature_changed.connect(self._signed)
        self.message = MessageLine(self)
        self.paper_button = QPushButton(_("打印纸质交接单（纸上签字）"), self)
        self.paper_button.setToolTip("Ctrl+P")
        self.paper_button.setAutoDefault(False)
        self.paper_button.clicked.connect(lambda: self.submit(paper=True))
        self.ok_button = QPushButton(_("确认领取"), self)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(lambda: self.submit(paper=False))
        cancel = QPushButton(_("取消"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        pad_row = QHBoxLayout()
        pad_row.addWidget(QLabel(_("领取人签名："), self))
        pad_row.addStretch(1)
        pad_row.addWidget(self.clear_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.paper_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addLayout(pad_row)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self.submit(paper=True))
        QShortcut(QKeySequence("Ctrl+Backspace"), self, self.pad.clear)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()
        self.resize(560, 440)

    def collector(self, *, paper: bool) -> Collector:
        png = None if paper else (self.pad.to_png() or None)
        return Collector(
            self.name.text(), self.phone.text(), self.id_digits.text(), png, paper=paper
        )

    def _signed(self, has_ink: bool) -> None:
        """Once the collector has signed, the request to sign is no longer shown."""
        if has_ink and self.message.text() == _sign_please():
            self.message.clear_message()

    def submit(self, *, paper: bool = False) -> None:
        """Release with what is entered; accept only when it went through."""
        self.message.clear_message()
        if not paper and self.pad.is_empty():
            self.message.show_error(_sign_please())
            return
        result = self._apply(self.collector(paper=paper), self.token)
        if result is not None:
            self.result_value = result
            self.accept()
