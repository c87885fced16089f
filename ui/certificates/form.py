"""The lab's certificate form for one item: enter, save, see the defects at once.

Ctrl+S saves and submits the certificate for the final check; Ctrl+Shift+S keeps it
as a draft in the lab.  Every save runs the whole defect check and lists what it
found under the form; the certificate number is filled in when the counter proposes
it.  The item's live certificate opens for editing until it has passed review.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Perm
from counter.certificates.lookups import CertificateFormData, certificate_form_data
from counter.certificates.service import SavedCertificate, save_certificate
from counter.certificates.store import EDITABLE, CertStatus, cert_status_label
from counter.certificates.worklist import SHOWS_SEND_BACK
from counter.changes import Change
from counter.i18n import _
from ui.certificates.defects_model import DefectsModel
from ui.certificates.fields import CertificateFields
from ui.certificates.widgets import defects_table
from ui.common import op
from ui.common.context import AppContext
from ui.common.message_line import MessageLine
from ui.common.messages import confirm


class CertificateForm(QDialog):
    certificate_saved = Signal(int)  # certificate id

    def __init__(self, ctx: AppContext, item_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item_id = item_id
        self.data: CertificateFormData | None = None
        self.saved: SavedCertificate | None = None
        self.status = ""  # the certificate's status as last read or saved ("" = not saved)
        self.setWindowTitle(_("证书"))
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.send_back = QLabel(self)  # the supervisor's reason, when it was sent back
        self.send_back.setWordWrap(True)
        self.send_back.setStyleSheet("color: #a33;")
        self.send_back.hide()
        self.fields = CertificateFields(self)
        self.defects = DefectsModel(self)
        self.defect_table = defects_table(self)
        self.defect_table.setModel(self.defects)
        self.defect_table.setMaximumHeight(180)
        self.message = MessageLine(self)
        self.draft_button = QPushButton(_("暂存草稿"), self)
        self.draft_button.setToolTip("Ctrl+Shift+S")
        self.draft_button.clicked.connect(lambda: self.save(submit=False))
        self.save_button = QPushButton(_("保存并提交终审"), self)
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save(submit=True))
        self.close_button = QPushButton(_("关闭"), self)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.draft_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.send_back)
        layout.addWidget(self.fields, 1)
        layout.addWidget(QLabel(_("自动检查发现的问题"), self))
        layout.addWidget(self.defect_table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save(submit=True))
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, lambda: self.save(submit=False))
        self.resize(980, 860)
        self.load()

    def load(self) -> None:
        ctx, item_id = self.ctx, self.item_id
        data = op.read(self, lambda s: certificate_form_data(s, item_id, ctx.clock.now()))
        editable = data is not None and (not data.status or data.status in EDITABLE)
        may = ctx.actor.can(Perm.LAB_WORK) and editable
        self.save_button.setEnabled(may)
        self.draft_button.setEnabled(may)
        if data is None:
            return
        self.data = data
        self.fields.load(data)
        self.defects.set_defects(data.defects)
        self.defect_table.resizeRowsToContents()
        self._show_status(data.status)
        if data.send_back is not None:
            self.send_back.setText(data.send_back.text())
        self.send_back.setVisible(data.send_back is not None)
        if data.status and not editable:
            self.message.show_error(
                _("证书{status}，不能再修改；如需更改请换发证书").format(
                    status=cert_status_label(data.status)
                )
            )
        self.fields.number.setFocus()

    def _show_status(self, status: str) -> None:
        """The header: the item, and the certificate's status as it is now."""
        assert self.data is not None
        self.status = status
        item = self.data.item
        self.header.setText(
            _("器具 {item}　{kind}　{customer}　证书状态：{status}").format(
                item=item.item_number, kind=item.instrument_type, customer=item.customer,
                status=cert_status_label(status) if status else _("尚未保存"),
            )
        )  # fmt: skip
        if status not in SHOWS_SEND_BACK:
            self.send_back.hide()

    def save(self, *, submit: bool) -> None:
        if not self.save_button.isEnabled():
            return
        ctx = self.ctx
        cert = self.message.attempt(self.fields.certificate)
        if cert is None:
            return
        withdraw = not submit and self.status == CertStatus.AWAITING_REVIEW
        if withdraw and not confirm(
            self,
            _("证书正在等待终审。存为草稿会把它撤出终审队列，改好后须重新提交终审。"),
            yes=_("撤出终审并存为草稿"),
        ):
            return

        def apply(session: Session) -> SavedCertificate:
            return save_certificate(
                session, ctx.actor, ctx.clock, cert, submit=submit, withdraw=withdraw
            )

        self.message.clear_message()
        saved = op.write(self, apply, Change.CERTIFICATES)
        if saved is None:
            return
        self.saved = saved
        self.fields.number.setText(saved.number)
        self.defects.set_defects(saved.defects)
        self.defect_table.resizeRowsToContents()
        self._show_status(saved.status)
        where = (
            _("已提交终审")
            if submit
            else _("已撤出终审队列并存为草稿，须重新提交终审")
            if withdraw
            else _("已暂存为草稿")
        )
        self.message.show_info(
            _("证书 {number} {where}；阻断性缺陷 {b} 项，提示 {w} 项。").format(
                number=saved.number, where=where, b=saved.blocking, w=saved.warnings
            )
        )
        self.certificate_saved.emit(saved.certificate_id)
        (self.defect_table if saved.defects else self.close_button).setFocus()
