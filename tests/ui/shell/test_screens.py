"""Every screen the shell offers is a `Screen` (ui.common.screen) and builds offscreen.

The main window asks its tabs only what the protocol names; a screen that does not
satisfy it would fail when first opened, so each one is built here, for an administrator
(offered every screen an administrator may use), and asked once of everything.
"""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter.changes import EVERYTHING, Change
from tests.conftest import Counter
from tests.ui.conftest import make_ctx
from ui.common import op
from ui.common.lazy_screen import LazyScreen
from ui.common.screen import Screen
from ui.shell.main_window import MainWindow
from ui.shell.screens import SCREENS, ScreenSpec, offered

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _spec(key: str) -> ScreenSpec:
    return next(s for s in SCREENS if s.key == key)


@pytest.mark.parametrize("key", [s.key for s in SCREENS])
def test_each_offered_screen_is_a_screen_and_builds(
    qtbot: QtBot, sqlite_counter: Counter, key: str
) -> None:
    c = sqlite_counter
    spec = _spec(key)
    if spec not in offered(c.admin):
        pytest.skip(f"{key} is not offered to an administrator")
    ctx = make_ctx(c, c.admin)
    factory = vars(importlib.import_module(spec.module))[spec.factory]
    host = QWidget()
    qtbot.addWidget(host)
    screen = factory(ctx, host)
    assert isinstance(screen, QWidget) and isinstance(screen, Screen)
    assert isinstance(screen.shows, Change)
    host.show()
    qtbot.waitExposed(host)
    screen.focus_first()
    screen.refresh()
    assert screen.accept_scan("NO-SUCH-CODE-0000") in (True, False)
    screen.on_changed(EVERYTHING)
    op.announce(ctx, EVERYTHING)  # what a restore or a user switch announces


def test_the_window_offers_every_tab_as_a_screen(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    window = MainWindow(make_ctx(c, c.admin))
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        s.title() for s in offered(c.admin)
    ]
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        assert isinstance(tab, Screen), window.tabs.tabText(index)
        if isinstance(tab, LazyScreen):
            assert tab.built is None  # built when first opened, not at start-up
            window.show_screen(tab)
            assert isinstance(tab.built, Screen)


def test_a_lazy_tab_builds_only_a_screen(qtbot: QtBot) -> None:
    tab = LazyScreen(lambda parent: QWidget(parent))
    qtbot.addWidget(tab)
    with pytest.raises(TypeError, match="is not a Screen"):
        tab.ensure_built()
