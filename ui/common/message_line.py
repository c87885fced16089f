"""An in-place message line: refusals and results shown where the clerk is looking.

Messages are shown inside the screen or dialog instead of in a blocking
message box, so typing is never interrupted and nothing the clerk entered is
lost.  `attempt()` runs a domain call and shows a `CounterError`'s text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from counter.errors import CounterError

T = TypeVar("T")

_ERROR_STYLE = "color: #b00020; font-weight: bold;"
_INFO_STYLE = "color: #1b5e20;"


class MessageLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.is_error = False
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, error=True)

    def show_info(self, text: str) -> None:
        self._show(text, error=False)

    def show_message(self, text: str, is_error: bool) -> None:
        self._show(text, error=is_error)

    def clear_message(self) -> None:
        self.setText("")
        self.is_error = False
        self.hide()

    def _show(self, text: str, *, error: bool) -> None:
        self.is_error = error
        self.setStyleSheet(_ERROR_STYLE if error else _INFO_STYLE)
        self.setText(text)
        self.setVisible(bool(text))

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run `action`; on a refusal show its text and return None."""
        try:
            result = action()
        except CounterError as error:
            self.show_error(str(error))
            return None
        return result

    def succeeded(self, action: Callable[[], object]) -> bool:
        """Run `action`; True when it went through, else show the refusal and return False."""
        try:
            action()
        except CounterError as error:
            self.show_error(str(error))
            return False
        return True
