"""证书 → 验证证书 (Ctrl+Shift+V): scan a paper certificate's QR code, read the answer.

The scan field takes the scanner's burst itself (`ownScan`: the application-wide
scanner leaves it alone) and answers on Enter; the text stays selected, so the next
scan replaces it.  The answer is `counter.certificates.verify.verify_certificate`'s:
有效 / 已被替代 / 已作废 / 未签发 / 非本所证书 / 证书已被改动, with what it rests on.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.certificates.verify import CertificateCheck, Verdict, verify_certificate
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine

_GOOD = "color: #1b5e20; font-size: 20pt; font-weight: bold;"
_WARN = "color: #8a5a00; font-size: 20pt; font-weight: bold;"
_BAD = "color: #b00020; font-size: 20pt; font-weight: bold;"
_STYLES = {
    Verdict.VALID: _GOOD,
    Verdict.SUPERSEDED: _WARN,
    Verdict.NOT_ISSUED: _WARN,
    Verdict.VOIDED: _BAD,
    Verdict.NOT_OURS: _BAD,
    Verdict.ALTERED: _BAD,
}


class CertificateVerifyDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.check: CertificateCheck | None = None
        self.setWindowTitle(_("验证证书"))
        self.setModal(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("certificate_qr")
        self.field.setProperty("ownScan", True)
        self.field.setPlaceholderText(_("扫描纸质证书上的二维码（或粘贴其文字）后回车"))
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)
        self.field.returnPressed.connect(self.verify)
        label = QLabel(_("证书二维码(&Q)："), self)
        label.setBuddy(self.field)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.details = QLabel(self)
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.message = MessageLine(self)
        close = QPushButton(_("关闭"), self)
        close.setAutoDefault(False)  # Enter belongs to the scan field
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.field, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def verify(self) -> None:
        text = self.field.text().strip()
        self.message.clear_message()
        if not text:
            return
        check = op.read(self, lambda s: verify_certificate(s, text))
        self.field.selectAll()
        if check is None:
            return
        self.check = check
        lines = check.lines()
        self.verdict.setText(lines[0])
        self.verdict.setStyleSheet(_STYLES[check.verdict])
        self.details.setText("\n".join(lines[1:]))
