"""The certificate screens act through `ui.common.op`: a decision is announced, a refusal
stays where the supervisor looks with nothing saved, and the lists follow what others saved."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from counter.certificates.review import send_back
from counter.certificates.service import save_certificate
from counter.changes import Change
from db.models import AuditEntry
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter
from tests.ui.certificates.test_review_screen import _screen
from tests.ui.conftest import show_active
from tests.ui.orders_helpers import context, type_text
from ui.certificates.lab_work_screen import LabWorkScreen
from ui.certificates.review_screen import ReviewScreen
from ui.common import op
from ui.common.context import AppContext
from ui.common.reason_dialog import ReasonDialog


@pytest.fixture
def world(sqlite_counter: Counter) -> CertWorld:
    w = make_world(sqlite_counter)
    with w.counter.db.action() as s:
        save_certificate(s, w.lab, w.counter.clock, w.scale(0))
        save_certificate(s, w.lab, w.counter.clock, w.scale(1))
    return w


def _sent_back(w: CertWorld) -> int:
    with w.counter.db.session() as s:
        query = select(func.count()).where(AuditEntry.action == "certificate.return")
        return s.scalar(query) or 0


def test_sending_back_is_announced(qtbot: QtBot, world: CertWorld) -> None:
    screen = _screen(qtbot, world)
    screen.focus_first()
    qtbot.waitUntil(lambda: screen.detail is not None)
    screen.send_back()
    dialog = screen.pending
    assert isinstance(dialog, ReasonDialog)
    type_text(dialog.reason, "请核对铭牌上的出厂编号")
    with qtbot.waitSignal(screen.ctx.signals.changed) as changed:
        dialog.submit()
    assert changed.args == [Change.CERTIFICATES]
    assert screen.queue.rowCount() == 1 and _sent_back(world) == 1


def test_a_refusal_stays_in_the_dialog_and_saves_nothing(qtbot: QtBot, world: CertWorld) -> None:
    screen = _screen(qtbot, world)
    screen.focus_first()
    qtbot.waitUntil(lambda: screen.detail is not None)
    screen.send_back()
    dialog = screen.pending
    assert isinstance(dialog, ReasonDialog)
    heard: list[object] = []
    screen.ctx.signals.changed.connect(heard.append)
    dialog.submit()  # no comment: refused
    assert dialog.isVisible() and "退回需要写明要改正的内容" in dialog.message.text()
    assert _sent_back(world) == 0 and heard == [] and screen.queue.rowCount() == 2
    dialog.reject()


def test_the_lists_follow_what_another_screen_saved(qtbot: QtBot, world: CertWorld) -> None:
    w = world
    c = w.counter
    lab = LabWorkScreen(context(c, w.lab))
    qtbot.addWidget(lab)
    show_active(qtbot, lab)
    lab.views.setCurrentIndex(1)  # returned to me
    assert lab.rows.rowCount() == 0
    review = ReviewScreen(AppContext(c.db, w.supervisor, c.clock, lab.ctx.signals))
    qtbot.addWidget(review)  # a screen of the same window, not shown
    first = review.queue.row_at(0).id
    # another screen of the window sends one back: the lab's list reads again
    op.write(lab, lambda s: send_back(s, w.supervisor, c.clock, first, "编号有误"),
             Change.CERTIFICATES)  # fmt: skip
    assert lab.rows.rowCount() == 1
    assert review.stale and review.queue.rowCount() == 2  # hidden: only marked
    review.show()
    assert review.queue.rowCount() == 1 and not review.stale
