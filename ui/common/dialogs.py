"""The OK/Cancel row every dialog ends with, built one way.

The accepting button gets the dialog's own verb (保存, 确认发放 …) and is the
default (Enter); Cancel (Esc) closes without saving.  `on_ok` is connected to the
accepting button; without it the button accepts the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from counter.i18n import _


def ok_cancel_buttons(
    dialog: QDialog,
    ok_text: str | None = None,
    *,
    on_ok: Callable[[], None] | None = None,
    save: bool = False,
    cancel_text: str | None = None,
) -> QDialogButtonBox:
    """A button box with the accepting button (`Save` role when `save`) and Cancel."""
    role = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(role | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = ok_button(buttons)
    ok.setText(ok_text or (_("保存") if save else _("确定")))
    ok.setDefault(True)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(cancel_text or _("取消"))
    if on_ok is not None:
        ok.clicked.connect(on_ok)
    else:
        buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ok_button(buttons: QDialogButtonBox) -> QPushButton:
    """The accepting button of a box made by `ok_cancel_buttons`."""
    for role in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Save):
        button = buttons.button(role)
        if button is not None:
            return button
    raise LookupError("no OK or Save button")
