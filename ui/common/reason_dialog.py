"""Ask for a reason, then run the action; a refusal keeps the dialog open with its text.

Used to void an order or an item, to put an item on hold or return it
unprocessed, and to deactivate a user.  The domain decides whether a reason is
required and says so; the dialog only shows what it said, keeping what the
clerk typed.  The action refuses by raising a `CounterError`, or by showing the
refusal in the dialog's message line itself (an op's `on_failure`).
"""

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


class ReasonDialog(QDialog):
    def __init__(
        self,
        title: str,
        prompt: str,
        apply: Callable[[str], object],
        parent: QWidget | None = None,
        *,
        confirm_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._apply = apply
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(_("原因"))
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        self.message = MessageLine(self)
        self.buttons = ok_cancel_buttons(self, confirm_text, on_ok=self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    @property
    def ok_button(self) -> QWidget:
        return ok_button(self.buttons)

    def submit(self) -> None:
        """Run the action with the typed reason; accept only when it went through."""
        self.message.clear_message()
        text = self.reason.toPlainText()
        if self.message.succeeded(lambda: self._apply(text)) and not self.message.is_error:
            self.accept()
