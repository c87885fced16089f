"""The rating step at pickup (好差评): three big buttons, an optional comment, skippable.

Keys 1 / 2 / 3 choose satisfied / basically satisfied / dissatisfied (while the comment
field does not have the keyboard); Esc or "跳过" skips.  The dialog records the rating
itself (`apply`, None when refused: the reason stays in the dialog's message line).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.feedback.rules.scores import KEYS, Level, level_label
from counter.i18n import _
from ui.common.message_line import MessageLine

#: the colour each level's button is drawn in
_COLOURS = {Level.SATISFIED: "#2e7d32", Level.BASIC: "#f9a825", Level.DISSATISFIED: "#c62828"}


class RatingDialog(QDialog):
    def __init__(
        self,
        apply: Callable[[str, str], object],
        summary: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("服务评价"))
        self._apply = apply
        self.chosen: str = ""
        ask = QLabel(_("请您对本次服务作出评价（按 1 / 2 / 3，或点按钮；Esc 跳过）"), self)
        ask.setWordWrap(True)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.buttons: dict[Level, QPushButton] = {}
        row = QHBoxLayout()
        for key, level in KEYS.items():
            button = QPushButton(f"{key}  {level_label(level)}", self)
            font = QFont(button.font())
            font.setPointSizeF(font.pointSizeF() * 1.6)
            button.setFont(font)
            button.setMinimumSize(150, 72)
            button.setAutoDefault(False)
            button.setStyleSheet(f"QPushButton {{ color: white; background: {_COLOURS[level]}; }}")
            button.clicked.connect(lambda _checked=False, level=level: self.choose(level))
            row.addWidget(button)
            self.buttons[level] = button
        self.comment = QLineEdit(self)
        self.comment.setMaxLength(1000)
        self.comment.setPlaceholderText(_("意见或建议（可不填）"))
        self.message = MessageLine(self)
        self.skip_button = QPushButton(_("跳过"), self)
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.skip_button)
        layout = QVBoxLayout(self)
        layout.addWidget(ask)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.comment)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.buttons[Level.SATISFIED].setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        level = KEYS.get(event.text())
        if level is not None and not self.comment.hasFocus():
            self.choose(level)
            return
        super().keyPressEvent(event)

    def choose(self, level: Level) -> None:
        """Record the rating with the comment; close only when it was recorded."""
        self.message.clear_message()
        if self._apply(level.value, self.comment.text()) is not None:
            self.chosen = level.value
            self.accept()
