"""Help → keyboard shortcuts, read from the window itself: the menus' and the screens' actions
and shortcuts registered for the logged-in user, screen by screen.  An action hidden from
the user's role is not listed; one only disabled until something is selected is.

A `QAction` is described by its text; a `QShortcut` by its `whatsThis`, else by the text of
the button whose tooltip names the same keys.  Nothing is listed by hand, so the list cannot
promise a key the user does not have.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter.i18n import _

Row = tuple[str, str]  # (keys as the user types them, what they do)


def _keys(sequences: list[QKeySequence]) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return " / ".join(k.toString(native) for k in sequences if not k.isEmpty())


def _plain(text: str) -> str:
    """Menu text without its mnemonic and ellipsis: "切换用户(&U)…" → "切换用户"."""
    text = text.replace("&&", "\0").replace("…", "").strip()
    if text.endswith(")") and "(&" in text:
        text = text[: text.rindex("(&")]
    return text.replace("&", "").replace("\0", "&").strip()


def _button_text(scope: QWidget, keys: str) -> str:
    for button in scope.findChildren(QAbstractButton):
        tip = button.toolTip()
        if keys and keys in (tip, *tip.split(" / ")):
            return _plain(button.text())
    return ""


def _enabled(obj: QObject) -> bool:
    parent = obj.parent()
    return not isinstance(parent, QWidget) or parent.isEnabled() or isinstance(parent, QMenu)


def _rows_of(scope: QWidget) -> list[Row]:
    rows: list[Row] = []
    for action in [*scope.actions(), *scope.findChildren(QAction)]:
        keys = _keys(action.shortcuts())
        if keys and action.isVisible() and _enabled(action):
            rows.append((keys, _plain(action.text())))
    for shortcut in scope.findChildren(QShortcut):
        keys = _keys(shortcut.keys())
        if not keys or not shortcut.isEnabled() or not _enabled(shortcut):
            continue
        text = shortcut.whatsThis() or _button_text(scope, keys)
        if text:
            rows.append((keys, _plain(text)))
    return list(dict.fromkeys(rows))


def _menu_rows(menu: QMenu) -> list[Row]:
    rows: list[Row] = []
    for action in menu.actions():
        if action.menu() is not None:
            rows.extend(_menu_rows(action.menu()))  # type: ignore[arg-type]
            continue
        keys = _keys(action.shortcuts())
        if keys and action.isVisible():
            rows.append((keys, _plain(action.text())))
    return rows


def collect(window: QMainWindow, tabs: QTabWidget) -> list[tuple[str, list[Row]]]:
    """(section, rows): the whole window first, then each offered screen by its tab title."""
    general: list[Row] = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            general.extend(_menu_rows(menu))
    for action in window.actions():
        keys = _keys(action.shortcuts())
        if keys and action.isVisible():
            general.append((keys, _plain(action.text())))
    sections = [(_("全部界面"), list(dict.fromkeys(general)))]
    for index in range(tabs.count()):
        page = tabs.widget(index)
        rows = _rows_of(page) if page is not None else []
        if rows:
            sections.append((_plain(tabs.tabText(index)), rows))
    return sections


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, tabs: QTabWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(_("快捷键"))
        self.sections = collect(window, tabs)
        parts = []
        for title, rows in self.sections:
            parts.append(f"<tr><td colspan='2'><h4>{html.escape(title)}</h4></td></tr>")
            parts.extend(
                f"<tr><td style='padding-right:16px'><b>{html.escape(keys)}</b></td>"
                f"<td>{html.escape(text)}</td></tr>"
                for keys, text in rows
            )
        self.label = QLabel(f"<table cellspacing='4'>{''.join(parts)}</table>")
        scroll = QScrollArea(self)
        scroll.setWidget(self.label)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("中") * 40, 560)
