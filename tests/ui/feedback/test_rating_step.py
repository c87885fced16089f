"""The rating step at pickup: keys 1/2/3 or the big buttons, an optional comment, skippable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter.changes import Change
from counter.feedback.ratings import ratings_of_order
from tests.conftest import Counter
from tests.release_world import ReleaseWorld, make_release_world
from tests.ui.release.test_return_screen import _pdf_of, _scan, _screen
from ui.feedback.rating_dialog import RatingDialog
from ui.release.collector_dialog import CollectorDialog
from ui.release.screen import ReturnScreen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def world(sqlite_counter: Counter) -> ReleaseWorld:
    return make_release_world(sqlite_counter)


def _picked_up(qtbot: QtBot, w: ReleaseWorld, n: int = 2) -> tuple[RatingDialog, int]:
    order = w.ready(n)
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.number)
    screen.confirm_pickup()
    collector = screen.pending
    assert isinstance(collector, CollectorDialog)
    with qtbot.waitSignal(screen.items_released):
        qtbot.mouseClick(collector.paper_button, Qt.MouseButton.LeftButton)
    dialog = screen.pending
    assert isinstance(dialog, RatingDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog, order.order_id


def test_the_customer_rates_with_a_key_and_a_comment(qtbot: QtBot, world: ReleaseWorld) -> None:
    dialog, order_id = _picked_up(qtbot, world)
    screen = dialog.parent()
    assert isinstance(screen, ReturnScreen)
    dialog.comment.setFocus()
    dialog.comment.setText("取件很快")
    qtbot.keyClick(dialog.comment, Qt.Key.Key_2)  # typed into the comment, not a rating
    assert dialog.isVisible() and dialog.comment.text() == "取件很快2"
    dialog.comment.setText("取件很快")
    dialog.skip_button.setFocus()
    with qtbot.waitSignal(screen.ctx.signals.changed) as changed:
        qtbot.keyClick(dialog.skip_button, Qt.Key.Key_1)
    assert changed.args is not None and changed.args[0] & Change.FEEDBACK
    assert dialog.chosen == "satisfied"
    with world.db.session() as s:
        (row,) = ratings_of_order(s, order_id)
    assert (row.level, row.comment, row.channel, row.recorded_by) == (
        "satisfied", "取件很快", "counter", "王收发"
    )  # fmt: skip
    assert _pdf_of(qtbot, screen).startswith(b"%PDF")  # then the handover slip


def test_the_big_buttons_and_skipping(qtbot: QtBot, world: ReleaseWorld) -> None:
    dialog, order_id = _picked_up(qtbot, world)
    qtbot.mouseClick(dialog.buttons[list(dialog.buttons)[2]], Qt.MouseButton.LeftButton)
    with world.db.session() as s:
        assert [r.level for r in ratings_of_order(s, order_id)] == ["dissatisfied"]
    second, other = _picked_up(qtbot, world, 1)
    qtbot.keyClick(second, Qt.Key.Key_Escape)  # skipped: nothing recorded
    with world.db.session() as s:
        assert ratings_of_order(s, other) == []
