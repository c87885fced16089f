"""Administrator settings → the certificate signing key: the public key, export, a new key.

Only the public key is shown (base64 and PEM, with its key id); the private key never
leaves `counter.certificates.signing_keys`.  "导出公钥…" saves every public key as PEM (older keys
too: certificates signed with them still verify); "生成新签名密钥…" asks first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.certificates.signing_keys import (
    ensure_signing_key,
    export_public_keys,
    public_keys,
    rotate_signing_key,
)
from counter.changes import Change
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.file_dialogs import save_file_name
from ui.common.message_line import MessageLine
from ui.common.messages import confirm


class SigningKeyPanel(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("证书签名密钥"), parent)
        self.ctx = ctx
        self.summary = QLabel(self)
        self.summary.setObjectName("key_summary")
        self.summary.setWordWrap(True)
        self.public = QPlainTextEdit(self)
        self.public.setObjectName("public_key")
        self.public.setReadOnly(True)
        self.public.setTabChangesFocus(True)
        self.public.setMaximumHeight(self.fontMetrics().height() * 7)
        self.message = MessageLine(self)
        self.export_button = QPushButton(_("导出公钥…"), self)
        self.export_button.clicked.connect(self.export_public)
        self.rotate_button = QPushButton(_("生成新签名密钥…"), self)
        self.rotate_button.clicked.connect(self.rotate)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.rotate_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.public)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        clock = self.ctx.clock
        loaded = op.write(
            self, lambda s: (ensure_signing_key(s, clock), public_keys(s)), Change.NOTHING
        )
        if loaded is None:
            return
        key, count = loaded[0], len(loaded[1])
        self.summary.setText(
            _("当前密钥 {key}（Ed25519，{day} 生成）；共 {n} 个公钥，旧证书用旧公钥验证。").format(
                key=key.key_id, day=f"{key.created:%Y-%m-%d}", n=count
            )
        )
        self.public.setPlainText(f"{key.base64}\n\n{key.pem}")

    def export_public(self) -> None:
        clock = self.ctx.clock
        pem = op.write(self, lambda s: export_public_keys(s, clock), Change.NOTHING)
        if pem is None:
            return
        path = save_file_name(
            self, _("导出公钥"), "institute-public-key.pem", _("PEM 公钥 (*.pem)")
        )
        if not path:
            return
        try:
            Path(path).write_text(pem, encoding="ascii")
        except OSError as error:
            self.message.show_error(_("无法保存 {path}：{error}").format(path=path, error=error))
            return
        self.message.show_info(_("公钥已导出到 {path}").format(path=path))

    def rotate(self) -> None:
        question = _(
            "生成新的签名密钥？此后打印的证书用新密钥签名；已打印的证书仍可用旧公钥验证。"
            "请把新公钥发给需要验证证书的单位。"
        )
        if not confirm(self, question, yes=_("生成新密钥")):
            return
        actor, clock = self.ctx.actor, self.ctx.clock
        key = op.write(self, lambda s: rotate_signing_key(s, actor, clock), Change.SETTINGS)
        if key is None:
            return
        self.reload()
        self.message.show_info(_("已生成新签名密钥 {key}").format(key=key.key_id))
