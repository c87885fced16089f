"""Scans from anywhere: tell a keyboard-wedge barcode scanner from a person typing.

A scanner types the whole code within a few milliseconds and ends it with Enter.
`ScanDetector` watches every key press of the application (an event filter on
QApplication) without holding any back.  When at least `min_length` printable
characters arrived with gaps below `max_gap` seconds and Enter follows just as
fast, it is a scan: the Enter is consumed, the code's characters are taken out
of the text field they landed in, and `code_scanned(code)` is emitted (on the
next turn of the event loop, after the key event is finished).

While a modal dialog is open, nothing is detected: the dialog gets its keys.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

MIN_LENGTH = 8
MAX_GAP_SECONDS = 0.05

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
)
_TYPING_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class ScanDetector(QObject):
    """An application-wide event filter that recognises scanner bursts."""

    code_scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        min_length: int = MIN_LENGTH,
        max_gap: float = MAX_GAP_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.min_length = min_length
        self.max_gap = max_gap
        self.clock = clock  # injectable: tests decide how fast the "typing" is
        self._chars: list[str] = []
        self._last = 0.0

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def reset(self) -> None:
        self._chars.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not self._is_first_delivery(watched, event):
            return False
        if QApplication.activeModalWidget() is not None:
            self.reset()
            return False
        return self._key_pressed(event)

    @staticmethod
    def _is_first_delivery(watched: QObject, event: QKeyEvent) -> bool:
        """Count each physical key press once.

        The same press also reaches the window (a QWindow), parents of the focus
        widget when it is ignored, and editors it is forwarded to (not spontaneous).
        """
        if not event.spontaneous() or not isinstance(watched, QWidget):
            return False
        if watched is QApplication.activePopupWidget():
            return True  # a completer's popup gets the keys first and hands them on directly
        focus = QApplication.focusWidget()
        if focus is None:
            return watched.isWindow()
        return watched is focus

    def _key_pressed(self, event: QKeyEvent) -> bool:
        now = self.clock()
        fast = bool(self._chars) and now - self._last <= self.max_gap
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        if key in _ENTER_KEYS:
            code = "".join(self._chars)
            self.reset()
            if fast and len(code) >= self.min_length:
                _remove_typed(code)
                QTimer.singleShot(0, lambda: self.code_scanned.emit(code))
                return True
            return False
        text = event.text()
        typing = not (event.modifiers() & ~_TYPING_MODIFIERS)
        if len(text) == 1 and text.isprintable() and typing:
            if not fast:
                self._chars.clear()
            self._chars.append(text)
            self._last = now
        else:
            self.reset()
        return False


def _remove_typed(code: str) -> None:
    """Take the scanned characters back out of the text field they were typed into."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit):
        end = widget.cursorPosition()
        if widget.text()[:end].endswith(code):
            widget.setSelection(end - len(code), len(code))
            widget.backspace()
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        cursor = widget.textCursor()
        cursor.clearSelection()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(code)
        )
        if cursor.selectedText() == code:
            cursor.removeSelectedText()
