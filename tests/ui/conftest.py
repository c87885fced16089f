"""GUI fixtures: an AppContext on the real test database, the main window, modal answers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter.admin.rules.roles import Actor
from tests.conftest import Counter
from ui.common.context import AppContext, AppSignals
from ui.shell.main_window import MainWindow

# What the offscreen platform cannot do (window hints, raise, keyboard grabs) is not a fault
# of the program; every other Qt warning still fails the test.
OFFSCREEN_LIMITS = r"^This plugin does not support "


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


@pytest.fixture(scope="session", autouse=True)
def _isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings of the tests live in a temporary directory, never in the user's profile."""
    path = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("jiliang-counter-tests")
    QCoreApplication.setApplicationName("jiliang-counter-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path))


def wait_for_workers(qtbot: QtBot) -> None:
    """Until no background job runs (waitForDone would hold the GIL the jobs need)."""
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=30000)


@pytest.fixture(autouse=True)
def _workers_finished(qtbot: QtBot) -> Iterator[None]:
    """No background job outlives its test (it would touch a database already gone)."""
    yield
    wait_for_workers(qtbot)


@pytest.fixture(autouse=True)
def _no_modifier_left_pressed() -> Iterator[None]:
    """A key press whose release never came (a modal opened by Ctrl+Shift+…) leaves the
    modifier "held" for the next test, where selecting a row then extends a selection."""
    yield
    if QApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        probe = QWidget()
        QTest.keyRelease(probe, Qt.Key.Key_Shift)  # a key event without modifiers
        probe.deleteLater()


def make_ctx(counter: Counter, actor: Actor | None = None) -> AppContext:
    return AppContext(counter.db, actor or counter.clerk, counter.clock, AppSignals())


@pytest.fixture
def ctx(sqlite_counter: Counter) -> AppContext:
    return make_ctx(sqlite_counter)


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Show a window and wait until it is the active one (shortcuts need that)."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(ctx, mount_other_screens=False)
    show_active(qtbot, win)
    yield win
    # not qtbot.addWidget: its teardown closes the window before this one could clear the
    # form, and a form with rows asks before closing
    while (modal := QApplication.activeModalWidget()) is not None:
        modal.close()
    win.intake.clear_form()
    wait_for_workers(qtbot)
    win.close()
    win.deleteLater()


def wait_active(qtbot: QtBot, widget: QWidget) -> None:
    """After a modal dialog: its window is active again (a window manager's job, which the
    offscreen platform does not do)."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


@dataclass
class ModalAnswer:
    """One expected modal dialog: answered once it appears, or a failure after `timeout_ms`."""

    description: str
    answered: bool = False
    timed_out: bool = False


_expected: list[ModalAnswer] = []


def when_modal(action: Callable[[QWidget], None], timeout_ms: int = 10000) -> ModalAnswer:
    """Answer the next modal dialog (one opened with exec()) by calling `action(dialog)`.

    The dialog must appear: a test whose expected dialog never shows fails at its end.
    """
    answer = ModalAnswer(getattr(action, "__name__", repr(action)))
    _expected.append(answer)
    deadline = time.monotonic() + timeout_ms / 1000

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if time.monotonic() > deadline:
                answer.timed_out = True
                return
            QTimer.singleShot(10, poll)
            return
        answer.answered = True
        action(dialog)

    QTimer.singleShot(0, poll)
    return answer


@pytest.fixture(autouse=True)
def _expected_dialogs_appeared() -> Iterator[None]:
    _expected.clear()
    yield
    missing = [a.description for a in _expected if not a.answered]
    _expected.clear()
    assert not missing, f"an expected dialog never appeared: {missing}"


def ime_commit(widget: QWidget, text: str) -> None:
    """Type Chinese the way an input method does: one committed string (QTest only knows ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


__all__ = ["focused", "ime_commit", "make_ctx", "show_active", "wait_active", "when_modal"]
