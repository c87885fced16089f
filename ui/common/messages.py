"""Showing messages: errors, questions and notices, in one place tests can observe.

Errors open window-modal without blocking the caller (`QMessageBox.open`), so
nothing the clerk typed is touched while the box is up.  Questions block and
return the answer.  Every message is also announced on `events().shown`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QWidget

from counter.errors import ValidationError
from counter.i18n import _

NOTICE_MS = 15000


class MessageEvents(QObject):
    """Every message the user is shown: (kind, text); kind is error/info/question/notice."""

    shown = Signal(str, str)


_events: MessageEvents | None = None


def events() -> MessageEvents:
    global _events
    if _events is None:
        _events = MessageEvents()
    return _events


def error_text(error: BaseException | str) -> str:
    """The text to show: every problem of a ValidationError on its own line."""
    if isinstance(error, ValidationError):
        return "\n".join(f"• {p}" for p in error.problems)
    return str(error)


def _box(
    icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str, kind: str
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    events().shown.emit(kind, text)
    return box


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "") -> QMessageBox:
    """Show why something could not be done; returns at once."""
    return _box(
        QMessageBox.Icon.Warning, parent, title or _("无法完成操作"), error_text(error), "error"
    )


class ErrorBoxes:
    """Refusals in a box over `parent`: the message outlet (`ui.common.op`) of a screen
    without a message line."""

    def __init__(self, parent: QWidget, title: str = "") -> None:
        self._parent = parent
        self._title = title

    def show_error(self, text: str) -> None:
        show_error(self._parent, text, self._title)


def show_info(parent: QWidget | None, text: str, title: str = "") -> QMessageBox:
    return _box(QMessageBox.Icon.Information, parent, title or _("提示"), text, "info")


def confirm(parent: QWidget | None, text: str, *, yes: str, no: str = "", title: str = "") -> bool:
    """Ask a yes/no question (the safe answer is the default); True for `yes`."""
    box = QMessageBox(QMessageBox.Icon.Question, title or _("请确认"), text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no or _("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    events().shown.emit("question", text)
    box.exec()
    return box.clickedButton() is yes_button


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the user, or None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    events().shown.emit("question", label)
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def ask_int(
    parent: QWidget | None, title: str, label: str, value: int, minimum: int, maximum: int
) -> int | None:
    """A whole number from the user, or None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setInputMode(QInputDialog.InputMode.IntInput)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setIntRange(minimum, maximum)
    dialog.setIntValue(value)
    events().shown.emit("question", label)
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.intValue()


class NoticeBar(QLabel):
    """A notice line that never takes focus or blocks; it hides itself after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(
            "QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0c060;"
            " border-radius: 3px; padding: 4px 8px; }"
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_notice(self, text: str, msecs: int = NOTICE_MS) -> None:
        self.setText(text)
        self.show()
        self._timer.start(msecs)
        events().shown.emit("notice", text)

    def show_error(self, text: str) -> None:
        """A refusal, as a notice (the message outlet of `ui.common.op`)."""
        self.show_notice(text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
