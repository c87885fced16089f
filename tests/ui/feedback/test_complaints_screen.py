"""The complaints screen: take a complaint, take it through its life, see it flagged overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Actor
from counter.feedback.complaint_views import ComplaintFilters, list_complaints
from db.models import Order
from tests.conftest import NOW, Counter
from tests.counter.feedback.world import FeedbackWorld, make_world
from tests.ui.conftest import show_active
from tests.ui.orders_helpers import context
from ui.feedback import complaints_model as cm
from ui.feedback.complaint_dialog import ComplaintDialog
from ui.feedback.complaint_form import NewComplaintDialog
from ui.feedback.ratings_panel import ScoreDialog
from ui.feedback.screen import ComplaintsScreen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def fb(sqlite_counter: Counter) -> FeedbackWorld:
    return make_world(sqlite_counter)


def _screen(qtbot: QtBot, fb: FeedbackWorld, actor: Actor | None = None) -> ComplaintsScreen:
    screen = ComplaintsScreen(context(fb.counter, actor))
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    show_active(qtbot, screen)
    return screen


def _take(qtbot: QtBot, screen: ComplaintsScreen, fb: FeedbackWorld, priority: str) -> None:
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.pending
    assert isinstance(dialog, NewComplaintDialog)
    dialog.complainant.setText("赵六")
    dialog.phone.setText("13700137000")
    dialog.object.setCurrentIndex(dialog.object.findData("waiting"))
    dialog.priority.setCurrentIndex(dialog.priority.findData(priority))
    dialog.summary.setPlainText("排队一小时")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "首问负责部门" in dialog.message.text()  # no customer: the owner must be chosen
    dialog.owner.setCurrentIndex(dialog.owner.findData(fb.a[1]))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def _step(qtbot: QtBot, dialog: ComplaintDialog, button: str, text: str = "") -> None:
    dialog.text.setPlainText(text)
    qtbot.mouseClick(dialog.buttons[button], Qt.MouseButton.LeftButton)


def test_a_complaint_through_its_life_on_the_screen(qtbot: QtBot, fb: FeedbackWorld) -> None:
    c = fb.counter
    screen = _screen(qtbot, fb)
    _take(qtbot, screen, fb, "normal")
    assert screen.message.text() == "投诉 TS20260001 已受理，应于 2026-11-30 前答复"
    assert screen.model.rowCount() == 1
    assert screen.model.index(0, cm.STATUS).data() == "已受理"
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    dialog = screen.pending
    assert isinstance(dialog, ComplaintDialog)
    assert not dialog.buttons["close"].isEnabled() and not dialog.buttons["call_back"].isEnabled()
    _step(qtbot, dialog, "handle", "衡器室跟进")
    assert dialog.facts["status"].text() == "处理中"
    _step(qtbot, dialog, "answer", " ")
    assert dialog.message.text() == "请填写处理情况"
    _step(qtbot, dialog, "answer", "增开窗口")
    assert dialog.facts["status"].text() == "已答复" and dialog.buttons["call_back"].isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("suggestion"))
    dialog.final.setCurrentIndex(dialog.final.findData("basic"))
    _step(qtbot, dialog, "call_back", "建议网上预约")
    assert dialog.facts["callback"].text() == "建议　基本满意　建议网上预约"
    assert not dialog.buttons["close"].isEnabled()  # a clerk does not close
    dialog.accept()
    assert screen.model.index(0, cm.CALLBACK).data() == "建议 / 基本满意"
    supervisor = _screen(qtbot, fb, fb.supervisor)
    supervisor.table.selectRow(0)
    supervisor.open_selected()
    closing = supervisor.pending
    assert isinstance(closing, ComplaintDialog)
    _step(qtbot, closing, "close", "已办结")
    assert closing.facts["status"].text() == "已办结"
    assert not any(b.isEnabled() for b in closing.buttons.values())
    with c.db.session() as s:
        (row,) = list_complaints(s, ComplaintFilters(), NOW.date())
    assert (row.status, row.callback_kind, row.final_level) == ("closed", "suggestion", "basic")


def test_overdue_complaints_are_red_and_can_be_filtered(qtbot: QtBot, fb: FeedbackWorld) -> None:
    c = fb.counter
    screen = _screen(qtbot, fb)
    _take(qtbot, screen, fb, "urgent")  # planned for Tuesday
    _take(qtbot, screen, fb, "normal")
    c.clock.at = NOW + dt.timedelta(days=2)  # Wednesday
    screen.refresh()
    assert screen.count.text() == "共 2 件，超期 1 件"
    statuses = sorted(screen.model.index(r, cm.STATUS).data() for r in range(2))
    assert statuses == ["已受理", "已受理（超期）"]
    red = [screen.model.index(r, cm.NUMBER).data(Qt.ItemDataRole.BackgroundRole) for r in range(2)]
    assert sum(1 for brush in red if brush is not None) == 1
    screen.overdue.setChecked(True)
    assert screen.model.rowCount() == 1
    assert screen.model.index(0, cm.PRIORITY).data() == "紧急"
    screen.table.selectRow(0)
    screen.open_selected()
    dialog = screen.pending
    assert isinstance(dialog, ComplaintDialog)
    _step(qtbot, dialog, "withdraw", "客户不再追究")
    assert dialog.facts["status"].text() == "已撤回"
    assert dialog.facts["withdrawn"].text() == "客户不再追究"
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0)  # withdrawn: no longer overdue


def test_a_phone_rating_and_its_correction(qtbot: QtBot, fb: FeedbackWorld) -> None:
    order = fb.order("a", "b")
    screen = _screen(qtbot, fb)
    panel = screen.ratings
    screen.pages.setCurrentWidget(panel)
    panel.code.setText("no-such-order")
    panel.look_up()
    assert "找不到" in panel.message.text()
    with fb.counter.db.session() as s:
        number = ratings_target_number(s, order)
    panel.code.setText(number)
    panel.look_up()
    assert panel.order.text().startswith(number)
    panel.record_phone()
    dialog = panel.pending
    assert isinstance(dialog, ScoreDialog)
    dialog.score.setCurrentIndex(dialog.score.findData(2))  # two stars
    dialog.comment.setText("等太久")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 2).data() == "2 星（不满意）"
    panel.table.selectRow(0)
    panel.correct()
    fix = panel.pending
    assert isinstance(fix, ScoreDialog)
    fix.score.setCurrentIndex(fix.score.findData("basic"))
    qtbot.mouseClick(fix.ok_button, Qt.MouseButton.LeftButton)
    assert fix.message.text() == "请填写更正原因"
    fix.reason.setText("客户改口")
    qtbot.mouseClick(fix.ok_button, Qt.MouseButton.LeftButton)
    cells = [(panel.model.index(r, 2).data(), panel.model.index(r, 5).data()) for r in range(2)]
    assert cells == [("2 星（不满意）（已作废）", "客户改口"), ("基本满意", "")]


def ratings_target_number(s: Session, order_id: int) -> str:
    order = s.get(Order, order_id)
    assert order is not None
    return order.number
