"""An unexpected error shows one dialog with a report to copy, instead of only stderr."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from ui.shell.crash_dialog import CrashHandler, install_crash_handler


@pytest.fixture
def handler() -> Iterator[CrashHandler]:
    installed = install_crash_handler()
    yield installed
    installed.uninstall()
    if installed.shown is not None:
        installed.shown.close()


def _explode() -> None:
    raise RuntimeError("打印队列已损坏")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_opens_the_dialog_with_its_report(
    qtbot: QtBot, handler: CrashHandler
) -> None:
    QTimer.singleShot(0, _explode)
    qtbot.waitUntil(lambda: handler.shown is not None and handler.shown.isVisible())
    dialog = handler.shown
    assert dialog is not None
    assert "RuntimeError" in dialog.text() and "已保存的数据不受影响" in dialog.text()
    assert "打印队列已损坏" in dialog.detailedText() and "_explode" in dialog.detailedText()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.report
    assert dialog.isVisible()  # copying keeps the dialog open
