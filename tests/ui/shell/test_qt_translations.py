"""Qt's own buttons, dialogs and context menus speak the UI's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter import i18n
from tests.ui.conftest import when_modal
from ui.shell import app
from ui.shell.login_dialog import LoginDialog
from ui.shell.translations import install_qt_translations, remove_qt_translations

UNREACHABLE = "postgresql://nobody@127.0.0.1:1/counter"
Button = QDialogButtonBox.StandardButton


def application() -> QCoreApplication:
    instance = QCoreApplication.instance()
    assert instance is not None
    return instance


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    locale = QLocale()
    yield
    i18n.set_language("zh")
    remove_qt_translations(application())
    QLocale.setDefault(locale)


def button_texts(qtbot: QtBot) -> list[str]:
    box = QDialogButtonBox(Button.Ok | Button.Cancel | Button.Close)
    qtbot.addWidget(box)
    return [box.button(b).text() for b in (Button.Ok, Button.Cancel, Button.Close)]


def context_menu(qtbot: QtBot) -> list[str]:
    edit = QLineEdit("计量")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    menu.deleteLater()
    return texts


def test_chinese_ui_has_chinese_standard_buttons_and_menus(qtbot: QtBot) -> None:
    assert install_qt_translations(application(), "zh")
    assert button_texts(qtbot) == ["确定", "取消", "关闭"]
    menu = context_menu(qtbot)
    assert "复制(&C)" in menu and "粘贴(&P)" in menu and "全选" in menu
    assert QLocale().language() == QLocale.Language.Chinese


def test_english_ui_has_english_standard_buttons_and_menus(qtbot: QtBot) -> None:
    install_qt_translations(application(), "zh")
    assert install_qt_translations(application(), "en") == []  # replaces the Chinese
    assert button_texts(qtbot) == ["OK", "Cancel", "Close"]
    menu = context_menu(qtbot)
    assert "&Copy" in menu and "&Paste" in menu and "Select All" in menu
    assert QLocale().language() == QLocale.Language.English


@pytest.mark.parametrize(
    ("lang", "title", "ok"),
    [("zh", "无法打开数据库", "确定"), ("en", "Cannot open the database", "OK")],
)
def test_the_program_installs_them_before_its_first_window(lang: str, title: str, ok: str) -> None:
    seen: list[str] = []

    def answer(box: QWidget) -> None:
        if isinstance(box, LoginDialog):  # shown at once, while the database is opened
            when_modal(answer)
            return
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.windowTitle()}|{box.buttons()[0].text()}")
        box.accept()

    when_modal(answer)
    assert app.run(["--db", UNREACHABLE, "--lang", lang]) == app.EXIT_DATABASE
    assert seen == [f"{title}|{ok}"]
    assert QApplication.activeModalWidget() is None
