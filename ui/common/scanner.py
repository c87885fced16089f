"""Scans from anywhere: tell a keyboard-wedge barcode scanner from a person typing.

A scanner types the whole code within a few milliseconds and ends it with Enter.
`ScanDetector` watches every key press of the application (an event filter on
QApplication) without holding any back.  A burst is taken as a scan only when
all of these hold:

- at least `min_length` printable characters arrived with gaps below `max_gap`
  seconds and Enter followed just as fast;
- the text has the shape of one of OUR numbers (`counter.intake.rules.code_shapes`): a
  customer's serial, a courier's tracking number or a phone number typed fast
  stays where it was typed and its Enter does what Enter does there;
- the field with the focus (or one of its parents) does not take its own scans
  (`take_own_scans`): the courier field, the return desk's code field, the
  serial column.

Then the Enter is consumed, the field the burst landed in is put back exactly
as it was before the burst's first character (text, cursor, selection, a
combo's choice; an editor the burst opened in a table is closed unchanged),
and `code_scanned(code)` is emitted on the next turn of the event loop.

While a modal dialog is open, nothing is detected: the dialog gets its keys.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from counter.intake.rules.code_shapes import is_our_code, normalise

MIN_LENGTH = 8
MAX_GAP_SECONDS = 0.05
OWN_SCANS = "takesOwnScans"  # dynamic property: this widget (and its children) keep scans

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


def take_own_scans(widget: QWidget) -> None:
    """Scans typed into `widget` (or its children) stay there, whatever they look like."""
    widget.setProperty(OWN_SCANS, True)


def takes_own_scans(widget: QWidget | None) -> bool:
    while widget is not None:
        if widget.property(OWN_SCANS):
            return True
        widget = widget.parentWidget()
    return False


def cell_editor(widget: QWidget | None = None) -> QWidget | None:
    """The open cell editor of a table that `widget` (default: the focus widget) is, if any."""
    widget = QApplication.focusWidget() if widget is None else widget
    parent = widget.parentWidget() if widget is not None else None
    while parent is not None:
        view = parent.parentWidget()
        if isinstance(view, QAbstractItemView) and parent is view.viewport():
            return widget
        parent = view
    return None


@dataclass
class _Field:
    """What the focused field held before a burst's first character."""

    widget: QWidget
    text: str = ""
    cursor: int = 0
    selection: tuple[int, int] = (-1, 0)
    choice: int = -1

    @classmethod
    def of(cls, widget: QWidget) -> _Field:
        if isinstance(widget, QLineEdit):
            start = widget.selectionStart()
            return cls(widget, widget.text(), widget.cursorPosition(),
                       (start, len(widget.selectedText())) if start >= 0 else (-1, 0))  # fmt: skip
        if isinstance(widget, QComboBox):
            return cls(widget, widget.currentText(), choice=widget.currentIndex())
        return cls(widget)

    def restore(self, code: str) -> None:
        focus = QApplication.focusWidget()
        widget = self.widget
        if not shiboken6.isValid(widget):
            return
        if focus is not None and focus is not widget and widget.isAncestorOf(focus):
            # the burst's first key opened an editor in a table: close it, storing nothing
            escape = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier
            )
            QApplication.sendEvent(focus, escape)
            return
        if isinstance(widget, QLineEdit):
            widget.setText(self.text)
            start, length = self.selection
            if start >= 0:
                widget.setSelection(start, length)
            else:
                widget.setCursorPosition(self.cursor)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(self.choice)
            if widget.isEditable():
                widget.setEditText(self.text)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            _remove_typed(widget, code)


class ScanDetector(QObject):
    """An application-wide event filter that recognises scanner bursts of our own codes."""

    code_scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        min_length: int = MIN_LENGTH,
        max_gap: float = MAX_GAP_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        recognise: Callable[[str], bool] = is_our_code,
    ) -> None:
        super().__init__(parent)
        self.min_length = min_length
        self.max_gap = max_gap
        self.clock = clock  # injectable: tests decide how fast the "typing" is
        self.recognise = recognise
        self._chars: list[str] = []
        self._last = 0.0
        self._before: _Field | None = None

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
        self._before = None

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

    def _is_scan(self, code: str, fast: bool) -> bool:
        return (
            fast
            and len(code) >= self.min_length
            and self.recognise(code)
            and not takes_own_scans(QApplication.focusWidget())
        )

    def _key_pressed(self, event: QKeyEvent) -> bool:
        now = self.clock()
        fast = bool(self._chars) and now - self._last <= self.max_gap
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        if key in _ENTER_KEYS:
            code = "".join(self._chars)
            before = self._before
            self.reset()
            if not self._is_scan(code, fast):
                return False
            if before is not None:
                before.restore(code)
            scanned = normalise(code)
            QTimer.singleShot(0, lambda: self.code_scanned.emit(scanned))
            return True
        text = event.text()
        typing = not (event.modifiers() & ~_TYPING_MODIFIERS)
        if len(text) == 1 and text.isprintable() and typing:
            if not fast:
                self.reset()
                focus = QApplication.focusWidget()
                self._before = _Field.of(focus) if focus is not None else None
            self._chars.append(text)
            self._last = now
        else:
            self.reset()
        return False


def _remove_typed(widget: QPlainTextEdit | QTextEdit, code: str) -> None:
    """Take the scanned characters back out of the text box they were typed into."""
    cursor = widget.textCursor()
    cursor.clearSelection()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(code))
    if cursor.selectedText() == code:
        cursor.removeSelectedText()
