"""The return desk acts through `ui.common.op`: what it saves is announced, refusals stay
where the clerk looks, the certificates are saved off the UI thread, and the desk reads
again when another screen saved something it shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from counter.changes import Change
from counter.release import pickup
from db.models_release import Release
from tests.conftest import Counter
from tests.release_world import ReleaseWorld, collector, make_release_world
from tests.ui.conftest import show_active
from tests.ui.orders_helpers import context
from tests.ui.release.test_return_screen import _pdf_of, _reasons, _scan
from ui.common import op
from ui.release import flows
from ui.release.collector_dialog import CollectorDialog
from ui.release.screen import ReturnScreen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def world(sqlite_counter: Counter) -> ReleaseWorld:
    return make_release_world(sqlite_counter)


def _screen(qtbot: QtBot, w: ReleaseWorld, *, shown: bool = True) -> ReturnScreen:
    screen = ReturnScreen(context(w.counter))
    qtbot.addWidget(screen)
    screen.resize(1300, 640)
    if shown:
        show_active(qtbot, screen)
        screen.focus_first()
    return screen


def _releases(w: ReleaseWorld) -> int:
    with w.db.session() as s:
        return s.scalar(select(func.count()).select_from(Release)) or 0


def test_a_pickup_announces_what_changed(qtbot: QtBot, world: ReleaseWorld) -> None:
    w = world
    order = w.ready(2)
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.number)
    screen.confirm_pickup()
    dialog = screen.pending
    assert isinstance(dialog, CollectorDialog)
    with qtbot.waitSignal(screen.ctx.signals.changed) as changed:
        qtbot.mouseClick(dialog.paper_button, Qt.MouseButton.LeftButton)
    assert changed.args is not None
    assert changed.args[0] & Change.RELEASES and changed.args[0] & Change.ORDERS
    assert _releases(w) == 1
    _pdf_of(qtbot, screen)


def test_a_refused_pickup_stays_in_the_dialog_and_saves_nothing(
    qtbot: QtBot, world: ReleaseWorld
) -> None:
    w = world
    order = w.ready(2)
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.number)
    screen.confirm_pickup()
    dialog = screen.pending
    assert isinstance(dialog, CollectorDialog)
    dialog.name.clear()
    heard: list[object] = []
    screen.ctx.signals.changed.connect(heard.append)
    qtbot.mouseClick(dialog.paper_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.is_error
    assert "请填写领取人姓名" in dialog.message.text()
    assert _releases(w) == 0 and heard == []  # nothing saved, nothing announced
    dialog.reject()


def test_the_certificates_are_saved_in_the_background(
    qtbot: QtBot, world: ReleaseWorld, tmp_path: Path
) -> None:
    w = world
    order = w.ready(3)
    (tmp_path / "out").mkdir()
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.number)
    screen.confirm_pickup()
    dialog = screen.pending
    assert isinstance(dialog, CollectorDialog)
    qtbot.mouseClick(dialog.paper_button, Qt.MouseButton.LeftButton)
    _pdf_of(qtbot, screen)
    assert screen.last_release is not None
    with (
        qtbot.waitSignal(screen.certificates_exported, timeout=30000) as exported,
        qtbot.waitSignal(screen.ctx.signals.changed, timeout=30000) as changed,
    ):
        job = flows.export_certificates(screen, screen.last_release, str(tmp_path / "out"))
        assert job is not None  # started: the UI thread is free while it renders
    assert exported.args == [3] and changed.args == [Change.CERTIFICATES]
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"JD2026{n:06d}.pdf" for n in range(1, 4)]
    assert "已保存 3 份证书" in screen.message.text()


def test_a_folder_that_cannot_be_written_is_said_on_the_desk(
    qtbot: QtBot, world: ReleaseWorld, tmp_path: Path
) -> None:
    w = world
    order = w.ready(1)
    c = w.counter
    with w.db.action() as s:
        done = pickup(s, c.clerk, c.clock, order.order_id, order.item_ids, collector())
    screen = _screen(qtbot, w)
    missing = tmp_path / "gone"
    flows.export_certificates(screen, done, str(missing))
    qtbot.waitUntil(lambda: screen.message.is_error, timeout=30000)
    assert "无法保存到" in screen.message.text()


def test_the_desk_reads_again_when_another_screen_saved(qtbot: QtBot, world: ReleaseWorld) -> None:
    w = world
    c = w.counter
    order = w.ready(2)
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.number)
    assert _reasons(screen) == ["可以领取"] * 2

    def elsewhere() -> None:  # another screen of this window hands one item over
        op.write(screen, lambda s: pickup(s, c.clerk, c.clock, order.order_id,
                                          order.item_ids[:1], collector()),
                 Change.RELEASES)  # fmt: skip

    elsewhere()
    assert _reasons(screen)[0].startswith("已于")  # read again at once: it is shown
    screen.hide()
    op.write(screen, lambda s: pickup(s, c.clerk, c.clock, order.order_id, order.item_ids[1:],
                                      collector()), Change.RELEASES)  # fmt: skip
    assert _reasons(screen)[1] == "可以领取" and screen.stale  # hidden: only marked
    screen.show()
    assert _reasons(screen)[1].startswith("已于") and not screen.stale
