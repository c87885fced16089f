"""The OK/Cancel row every dialog ends with (`ui.common.dialogs`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from ui.common.dialogs import ok_button, ok_cancel_buttons


def test_the_accepting_button_runs_on_ok_and_keeps_the_dialog_open(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    pressed: list[str] = []
    buttons = ok_cancel_buttons(dialog, "合并开具", on_ok=lambda: pressed.append("ok"))
    ok = ok_button(buttons)
    assert ok.text() == "合并开具" and ok.isDefault()
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    dialog.show()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert pressed == ["ok"] and dialog.isVisible()  # the dialog accepts only if on_ok says so


def test_without_on_ok_the_button_accepts_and_cancel_rejects(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = ok_cancel_buttons(dialog, save=True, cancel_text="退出")
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is ok_button(buttons) and save.text() == "保存"
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "退出"
    dialog.show()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.show()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
