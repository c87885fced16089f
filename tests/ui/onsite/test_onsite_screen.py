"""A phone call from a grain depot: the dispatcher creates an urgent job, scheduled today,
sees it in the week and the crew booked; cancels another with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from db.models_onsite import JobInstrument, OnsiteJob
from tests.conftest import Counter
from tests.counter.onsite.world import TODAY, make_world
from tests.ui.conftest import make_ctx, when_modal
from ui.onsite.job_dialog import NewJobDialog, ScheduleDialog
from ui.onsite.screen import OnsiteScreen
from ui.onsite.urgent_dialog import UrgentDialog, check


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _answer_call(dialog: QWidget) -> None:
    assert isinstance(dialog, UrgentDialog)
    dialog.customer_text.setText("聊城")
    dialog.find_customers("聊城")
    assert dialog.customer.count() == 1
    dialog.what.setPlainText("地磅显示闪烁，十几辆车在等")
    dialog.phone.setText("13900000000")
    dialog.ok_button.click()  # no verifier: refused, the dialog stays with the reason
    assert "请至少安排一名检定人员" in dialog.message.text()
    check(dialog.crew, dialog.crew.item(0).data(Qt.ItemDataRole.UserRole))
    dialog.vehicle.setCurrentIndex(1)
    check(dialog.standards, dialog.standards.item(0).data(Qt.ItemDataRole.UserRole))
    dialog.ok_button.click()


def test_urgent_job_from_a_phone_call_is_scheduled_today(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    make_world(c)
    screen = OnsiteScreen(make_ctx(c), None)
    qtbot.addWidget(screen)
    assert screen.jobs.rowCount() == 0
    answered = when_modal(_answer_call)
    screen.urgent()
    assert answered.answered
    with c.db.session() as s:
        job = s.query(OnsiteJob).one()
        assert job.urgent and job.state == "scheduled" and job.confirmed_date == TODAY
    assert screen.jobs.rowCount() == 1
    assert _text(screen.jobs, 0, 0) == job.number
    assert _text(screen.jobs, 0, 3) == "加急"
    column = 2 + TODAY.weekday()
    booked = [_text(screen.resources, r, column) for r in range(screen.resources.rowCount())]
    assert booked.count(job.number) == 3  # a verifier, the truck, a standard
    assert "已安排在今天" in screen.message.text()


def _new_job(dialog: QWidget) -> None:
    assert isinstance(dialog, NewJobDialog)
    dialog.customer_text.setText("聊城")
    dialog.find_customers("聊城")
    assert dialog.instruments.count() == 3  # the customer's ledger
    check(dialog.instruments, dialog.instruments.item(0).data(Qt.ItemDataRole.UserRole))
    dialog.site.setText("粮库 2 号磅房")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.message.text()


def _row_of(box: QListWidget, label: str) -> int:
    return [box.item(n).text() for n in range(box.count())].index(label)


def _schedule_with_expired_then_good(dialog: QWidget) -> None:
    assert isinstance(dialog, ScheduleDialog)
    unauthorised = dialog.crew.item(_row_of(dialog.crew, "孙检定"))
    unauthorised.setCheckState(Qt.CheckState.Checked)
    old = dialog.standards.item(_row_of(dialog.standards, "STD-W-002 M1 等级砝码（旧）"))
    old.setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    refused = dialog.message.text()
    # refused with both reasons; the dialog stays
    assert "不覆盖任务日期" in refused and "孙检定 没有" in refused, refused
    unauthorised.setCheckState(Qt.CheckState.Unchecked)
    old.setCheckState(Qt.CheckState.Unchecked)
    dialog.crew.item(_row_of(dialog.crew, "钱检定")).setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    if dialog.isVisible():  # refused again: say why, and do not hang the test
        text = dialog.message.text()
        dialog.reject()
        raise AssertionError(text)


def test_new_job_from_the_ledger_then_scheduled_after_a_refusal(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    make_world(c)
    screen = OnsiteScreen(make_ctx(c), None)
    qtbot.addWidget(screen)
    created = when_modal(_new_job)
    screen.new_job()
    assert created.answered and screen.jobs.rowCount() == 1
    assert _text(screen.jobs, 0, 2) == "待安排"
    screen.jobs.selectRow(0)
    scheduled = when_modal(_schedule_with_expired_then_good)
    screen.schedule()
    assert scheduled.answered
    assert _text(screen.jobs, 0, 2) == "已安排" and _text(screen.jobs, 0, 7) == "钱检定"
    screen.number_items()
    assert "1 件器具已编号" in screen.message.text()
    with sqlite_counter.db.session() as s:
        assert s.query(JobInstrument).one().item_id is not None
