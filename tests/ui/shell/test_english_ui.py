"""In English, no Chinese is left on the main window's screens, menus and buttons, and "&" shows."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter import i18n
from counter.admin.rules.roles import Actor, Role
from counter.intake.catalog import list_departments, list_types
from tests.conftest import Counter
from tests.ui.conftest import show_active, wait_for_workers, when_modal
from ui.common.context import AppContext, AppSignals
from ui.common.lazy_screen import LazyScreen
from ui.shell.main_window import MainWindow

CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def _menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        yield f"menu {menu.title()!r}", action.text()
        if action.menu() is not None:
            yield from _menu_texts(action.menu())


def _header_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    for column in range(model.columnCount()):
        text = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(text, str):
            yield text


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for what the clerk reads: labels, buttons, titles, hints, headers, tabs."""
    for widget in [root, *root.findChildren(QWidget)]:
        name = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit):
            yield name, widget.placeholderText()
        elif isinstance(widget, QComboBox) and not widget.isEditable():  # editable: data
            yield from ((name, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView):
            yield from ((name, t) for t in _header_texts(widget.model()))
        elif isinstance(widget, QTabWidget):
            yield from ((name, widget.tabText(i)) for i in range(widget.count()))
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()


def test_every_screen_menu_and_button_is_english(
    qtbot: QtBot, sqlite_counter: Counter, english: None
) -> None:
    boss = Actor(sqlite_counter.admin.id, "boss", "Boss", frozenset(Role))  # sees every screen
    ctx = AppContext(sqlite_counter.db, boss, sqlite_counter.clock, AppSignals())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    seen: list[tuple[str, str]] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)  # a screen is built when first shown
        screen = window.tabs.widget(index)
        assert not isinstance(screen, LazyScreen) or screen.built is not None
        for inner in screen.findChildren(QTabWidget):  # the administration's own tabs
            for sub in range(inner.count()):
                inner.setCurrentIndex(sub)
        wait_for_workers(qtbot)
        seen.extend(visible_texts(window))
    for action in window.menuBar().actions():
        seen.append(("menu bar", action.text()))
        if action.menu() is not None:
            seen.extend(_menu_texts(action.menu()))

    def read_dialog(dialog: QWidget) -> None:
        seen.extend((f"{type(dialog).__name__}: {w}", t) for w, t in visible_texts(dialog))
        seen.append(("dialog title", dialog.windowTitle()))
        dialog.close()

    when_modal(read_dialog)
    qtbot.keyClick(window, Qt.Key.Key_F1)  # the keyboard shortcuts
    assert seen[-1] == ("dialog title", "Keyboard shortcuts")
    institute = "示例市计量检定测试所"  # the institute's name in the title is data, not UI
    seen.append(("window title", window.windowTitle().replace(institute, "")))
    seen.append(("status bar", window.statusBar().currentMessage()))
    with sqlite_counter.db.session() as s:
        data = {d.name for d in list_departments(s)}  # the catalogue's departments: data
        data |= {t.name for t in list_types(s)}  # and its instrument types (appointment admin)
    chinese = sorted(
        {f"{where}: {text!r}" for where, text in seen if CHINESE.search(text) and text not in data}
    )
    assert not chinese, "Chinese in the English UI:\n" + "\n".join(chinese)

    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Standards && authorisations" in tabs  # "&&" is how a tab shows one "&"
    view_menu = [a.text() for a in window.view_menu.actions()]
    assert "Standards && authorisations" in view_menu
    assert not [t for t in tabs if re.search(r"&[^&]", t.replace("&&", ""))]  # no eaten "&"

    window.tabs.setCurrentIndex(0)  # the intake screen and the menu bar: no letter twice
    keys = [a.text() for a in window.menuBar().actions()]
    keys += [w.text() for w in window.findChildren(QLabel) if w.buddy() and w.isVisible()]
    keys += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    letters = [m.casefold() for text in keys for m in re.findall(r"&(\w)", text.replace("&&", ""))]
    assert len(letters) >= 6 and len(letters) == len(set(letters)), keys
    window.close()
