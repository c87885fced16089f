"""Return an instrument unprocessed: the reason (for the record) and a note for the customer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter.i18n import _
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine


def _editor(parent: QWidget, placeholder: str) -> QPlainTextEdit:
    editor = QPlainTextEdit(parent)
    editor.setTabChangesFocus(True)
    editor.setPlaceholderText(placeholder)
    editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
    return editor


class UnprocessedDialog(QDialog):
    def __init__(
        self, item_text: str, apply: Callable[[str, str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("退回未检"))
        self._apply = apply
        prompt = QLabel(_("{item} 不能检定，原样退回客户：").format(item=item_text), self)
        prompt.setWordWrap(True)
        self.reason = _editor(self, _("原因（记入档案和审计日志）"))
        self.note = _editor(self, _("告知客户的说明（印在交接单上；不填则同原因）"))
        self.message = MessageLine(self)
        self.buttons = ok_cancel_buttons(self, _("退回未检"), on_ok=self.submit)
        self.ok_button = ok_button(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(QLabel(_("原因："), self))
        layout.addWidget(self.reason)
        layout.addWidget(QLabel(_("告知客户："), self))
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def submit(self) -> None:
        self.message.clear_message()
        reason, note = self.reason.toPlainText(), self.note.toPlainText()
        self._apply(reason, note)  # a refusal is shown in this dialog's message line
        if not self.message.is_error:
            self.accept()
