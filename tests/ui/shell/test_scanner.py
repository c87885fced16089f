"""The scanner filter on its own: a fast burst is a scan, a person typing is not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ime_commit, show_active
from ui.common.scanner import ScanDetector, take_own_scans


class SteppingClock:
    """Each reading is `step` seconds after the previous one."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 100.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def form(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QPlainTextEdit]:
    window = QWidget()
    line = QLineEdit()
    text = QPlainTextEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(line)
    layout.addWidget(text)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    return window, line, text


@pytest.fixture
def detector(qtbot: QtBot) -> Iterator[ScanDetector]:
    scanner = ScanDetector(clock=SteppingClock(0.005))
    scanner.install()
    yield scanner
    scanner.uninstall()


def _stays_where_typed(qtbot: QtBot, detector: ScanDetector, line: QLineEdit, code: str) -> None:
    """Typed (or scanned into a field of its own) and Enter: no global scan, the text stays."""
    with (
        qtbot.assertNotEmitted(detector.code_scanned, wait=50),
        qtbot.waitSignal(line.returnPressed),
    ):
        qtbot.keyClicks(line, code)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert line.text() == code


def test_fast_burst_with_enter_is_a_scan(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QPlainTextEdit], detector: ScanDetector
) -> None:
    _window, line, _text = form
    qtbot.keyClicks(line, "lc")  # the clerk had typed something, a while ago
    assert isinstance(detector.clock, SteppingClock)
    detector.clock.now += 2.0
    with (
        qtbot.waitSignal(detector.code_scanned) as scanned,
        qtbot.assertNotEmitted(line.returnPressed),
    ):
        qtbot.keyClicks(line, "20261000001002")
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert scanned.args == ["20261000001002"]
    assert line.text() == "lc"  # the scanned digits were taken back out


def test_slow_typing_is_not_a_scan_and_enter_reaches_the_field(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QPlainTextEdit], detector: ScanDetector
) -> None:
    _window, line, _text = form
    detector.clock = SteppingClock(0.2)  # a person: 200 ms between keys
    _stays_where_typed(qtbot, detector, line, "20261000001002")


def test_short_fast_burst_is_typing(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QPlainTextEdit], detector: ScanDetector
) -> None:
    _window, line, _text = form
    with (
        qtbot.assertNotEmitted(detector.code_scanned, wait=50),
        qtbot.waitSignal(line.returnPressed),
    ):
        qtbot.keyClicks(line, "lcjl")
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert line.text() == "lcjl"


def test_a_pause_inside_the_code_breaks_the_burst(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QPlainTextEdit], detector: ScanDetector
) -> None:
    _window, line, _text = form
    clock = SteppingClock(0.005)
    detector.clock = clock
    qtbot.keyClicks(line, "2026100")
    clock.now += 1.0  # the clerk stopped to think
    with qtbot.assertNotEmitted(detector.code_scanned, wait=50):
        qtbot.keyClicks(line, "0001")
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert line.text() == "20261000001"


def test_scan_into_a_text_box_is_removed_from_it(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QPlainTextEdit], detector: ScanDetector
) -> None:
    _window, _line, text = form
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    ime_commit(text, "备注")
    assert isinstance(detector.clock, SteppingClock)
    detector.clock.now += 2.0
    with qtbot.waitSignal(detector.code_scanned) as scanned:
        qtbot.keyClicks(text, "20261000001")
        qtbot.keyClick(text, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert scanned.args == ["20261000001"]
    assert text.toPlainText() == "备注"


@pytest.mark.parametrize("typed", ["S2026002", "SF1234567890", "773012345678901"])
def test_a_fast_burst_that_is_not_our_code_stays_where_it_was_typed(
    qtbot: QtBot,
    form: tuple[QWidget, QLineEdit, QPlainTextEdit],
    detector: ScanDetector,
    typed: str,
) -> None:
    _window, line, _text = form
    with (
        qtbot.assertNotEmitted(detector.code_scanned, wait=50),
        qtbot.waitSignal(line.returnPressed),
    ):
        qtbot.keyClicks(line, typed)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert line.text() == typed


def test_a_field_that_takes_its_own_scans_keeps_even_our_codes(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QPlainTextEdit], detector: ScanDetector
) -> None:
    window, line, _text = form
    take_own_scans(window)  # the marker on a parent covers the fields inside
    _stays_where_typed(qtbot, detector, line, "20261000001002")


def test_a_scan_over_selected_text_puts_the_text_and_selection_back(
    qtbot: QtBot, form: tuple[QWidget, QLineEdit, QPlainTextEdit], detector: ScanDetector
) -> None:
    _window, line, _text = form
    qtbot.keyClicks(line, "ACS-30")
    line.selectAll()  # as a table editor opens: the scan's first key would replace it all
    assert isinstance(detector.clock, SteppingClock)
    detector.clock.now += 2.0
    with qtbot.waitSignal(detector.code_scanned) as scanned:
        qtbot.keyClicks(line, "f2026000012")
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert scanned.args == ["F2026000012"]
    assert line.text() == "ACS-30" and line.selectedText() == "ACS-30"
    qtbot.keyClicks(line, "X")
    assert line.text() == "X"
