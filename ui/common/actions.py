"""A screen's row of action buttons: each shows its shortcut as a tooltip, and the
shortcut works anywhere on the screen (the counter is worked from the keyboard)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

#: (name, label, keys, slot)
Action = tuple[str, str, str, Callable[[], object]]


def action_button(owner: QWidget, label: str, keys: str, slot: Callable[[], object]) -> QPushButton:
    """A button on `owner` that runs `slot` when clicked or when `keys` is pressed on `owner`."""
    button = QPushButton(label, owner)
    button.setToolTip(keys)
    button.clicked.connect(lambda _checked=False: slot())
    QShortcut(QKeySequence(keys), owner, slot)
    return button


def action_row(
    owner: QWidget, actions: Iterable[Action]
) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """The buttons in a row (the caller adds a stretch or a label after them), by name."""
    row = QHBoxLayout()
    buttons: dict[str, QPushButton] = {}
    for name, label, keys, slot in actions:
        buttons[name] = action_button(owner, label, keys, slot)
        row.addWidget(buttons[name])
    return row, buttons
