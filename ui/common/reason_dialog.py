"""Ask for a reason, then run the action; a refusal keeps the dialog open with its text.

Used to void an order or an item, to put an item on hold or return it
unprocessed, and to deactivate a user.  The domain decides whether a reason is
required and says so; the dialog only shows what it said, keeping what the
clerk typed.  The action refuses by raising a `CounterError`, or by showing the
refusal in the dialog's message line itself (an op's `on_failure`).
`WriteWithReason` runs the action through `ui.common.op.write`, so what it
changed is announced once it is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from counter.changes import Change
from counter.i18n import _
from ui.common import op
from ui.common.context import AppContext
from ui.common.dialogs import ok_button, ok_cancel_buttons
from ui.common.message_line import MessageLine

T = TypeVar("T")


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


class WriteWithReason(ReasonDialog, Generic[T]):
    """Ask for a reason, then write `action(session, reason)` and announce `changes`.

    A refusal stays in the dialog (nothing saved); `outcome` holds what the
    action returned once it went through and the dialog accepted.
    """

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        prompt: str,
        action: Callable[[Session, str], T],
        changes: Change,
        parent: QWidget | None = None,
        *,
        confirm_text: str = "",
    ) -> None:
        super().__init__(title, prompt, lambda _reason: None, parent, confirm_text=confirm_text)
        self.ctx = ctx
        self._action = action
        self._changes = changes
        self.outcome: T | None = None

    def submit(self) -> None:
        self.message.clear_message()
        text = self.reason.toPlainText()
        op.write(
            self, lambda s: self._action(s, text), self._changes, on_success=self._went_through
        )

    def _went_through(self, result: T) -> None:
        self.outcome = result
        self.accept()
