"""Print fonts in the settings form: picked with the file dialog, refused when incomplete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from counter.settings import load_settings
from printing.fonts import SANS_FONT_PATH
from tests.conftest import Counter
from tests.printing.fontfakes import cjk_font_without_digits
from tests.ui.orders_helpers import context
from ui.admin_settings import SettingsTab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _tab(qtbot: QtBot, counter: Counter) -> SettingsTab:
    tab = SettingsTab(context(counter, counter.admin))
    qtbot.addWidget(tab)
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    return tab


def _answer_file_dialog(qtbot: QtBot, path: Path) -> None:
    """When the file dialog opens, pick ``path`` in it and press Enter."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(path))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_a_font_without_digits_is_refused_and_the_shipped_one_kept(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    droid = cjk_font_without_digits(tmp_path / "droid-like.ttf")
    tab = _tab(qtbot, sqlite_counter)
    assert tab.document_font.text() == ""  # the shipped font
    _answer_file_dialog(qtbot, droid)
    qtbot.mouseClick(tab.document_font.browse_button, Qt.MouseButton.LeftButton)
    assert tab.document_font.text() == str(droid)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.is_error
    assert "文书字体：字体 droid-like.ttf 缺少必需的字符：0 1 2 3" in tab.message.text()
    with sqlite_counter.db.session() as s:
        assert load_settings(s).document_font == ""
    qtbot.mouseClick(tab.document_font.shipped_button, Qt.MouseButton.LeftButton)
    tab.label_font.edit.setText(str(SANS_FONT_PATH))
    with qtbot.waitSignal(tab.ctx.signals.settings_changed):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    with sqlite_counter.db.session() as s:
        saved = load_settings(s)
    assert (saved.document_font, saved.label_font) == ("", str(SANS_FONT_PATH))
