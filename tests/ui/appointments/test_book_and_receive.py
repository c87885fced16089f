"""From the due list to the counter: book the customer (a refusal first says why), then
receive them at intake by scanning the slip; the calendar shows the slot's places."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.appointments.queries import find_by_number
from db.models import Item
from tests.conftest import Counter
from tests.counter.appointments.appt_world import MONDAY, with_capacity
from tests.ui.archive.recall_world import click, host, loaded, make_world
from tests.ui.conftest import make_ctx, wait_for_workers
from ui.appointments.booking_dialog import BookingDialog
from ui.appointments.calendar_screen import AppointmentsScreen
from ui.archive.recall_screen import RecallScreen
from ui.shell.main_window import MainWindow


def test_book_from_the_due_list_then_receive_by_scanning_the_slip(
    qtbot: QtBot, sqlite_counter: Counter, window: MainWindow
) -> None:
    c = sqlite_counter
    make_world(c)
    with_capacity(c, 4)
    recall = RecallScreen(make_ctx(c))
    host(qtbot, recall)
    loaded(qtbot, recall)
    recall.select_customer(c.customer_id)
    dialog = recall.book()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.department.currentText() == "衡器"
    assert [dialog.entries.item(r).text() for r in range(dialog.entries.count())] == [
        "电子计价秤 J1（到期 2026-12-10）",
        "一般压力表 P1（到期 2026-12-20）",
    ]
    dialog.set_slot(MONDAY, "pm")
    assert "余 4 台件" in dialog.free.text()
    click(qtbot, dialog.book_button)  # the pressure gauge is not the weighing department's
    assert "衡器不检定“一般压力表”" in dialog.message.text()
    dialog.entries.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.wait.setChecked(True)
    click(qtbot, dialog.book_button)
    assert dialog.booked is not None, dialog.message.text()
    number = dialog.booked.number
    assert number in dialog.message.text() and dialog.slip_button.isEnabled()

    calendar = AppointmentsScreen(make_ctx(c))
    host(qtbot, calendar)
    calendar.department.setCurrentIndex(
        calendar.department.findData(dialog.department.currentData())
    )
    item = calendar.grid.item(1, 0)
    assert item is not None and item.text() == "已约 1 / 4"
    calendar.grid.setCurrentCell(1, 0)
    assert [cell.text() for cell in map(calendar.table.item, (0, 0), (0, 1)) if cell] == [
        number,
        "聊城计量器具有限公司",
    ]

    intake = window.intake
    assert intake is not None
    window.tabs.setCurrentWidget(intake)
    intake.refresh()
    assert intake.appointment_bar.today.count() == 1  # today's appointment, to pick
    assert window.look_up_code(number.lower()) is None  # the scanner: intake takes the slip
    assert intake.picker.customer is not None and intake.picker.customer.id == c.customer_id
    assert [d.serial for d in intake.model.drafts()] == ["J1"]
    assert intake.channel.currentData() == "appointment"
    intake.save()
    qtbot.waitUntil(lambda: intake.saved_panel.number.text() != "", timeout=20000)
    wait_for_workers(qtbot)  # the documents are made in the background after the save
    with c.db.session() as s:
        view = find_by_number(s, number)
        assert view.status == "arrived" and view.order_id is not None
        item_row = s.scalars(select(Item).where(Item.order_id == view.order_id)).one()
        assert (item_row.serial, item_row.urgency, item_row.promised_date) == (
            "J1",
            "same_day",
            MONDAY,
        )
    assert intake.appointment_id is None


def test_the_customer_file_books_its_due_instruments_by_phone_slot(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    from tests.ui.archive.file_helpers import open_file

    c = sqlite_counter
    make_world(c)
    with_capacity(c, 1)
    file = open_file(qtbot, c)
    dialog = file.book()
    qtbot.addWidget(dialog)
    assert dialog.entries.count() == 2  # nothing selected: the entries due

    def gauge(d: BookingDialog) -> QListWidgetItem:
        return next(i for i in map(d.entries.item, range(2)) if "压力表" in i.text())

    gauge(dialog).setCheckState(Qt.CheckState.Unchecked)  # the scale's department follows
    assert dialog.department.currentText() == "衡器"
    dialog.set_slot(MONDAY, "am")
    click(qtbot, dialog.book_button)
    assert dialog.booked is not None, dialog.message.text()
    other = file.book()
    qtbot.addWidget(other)
    gauge(other).setCheckState(Qt.CheckState.Unchecked)
    other.set_slot(MONDAY, "am")
    click(qtbot, other.book_button)  # the morning's one place is taken
    assert other.booked is None and "约满" in other.message.text()
    assert other.offered.isVisibleTo(other) and other.offered.count() == 5
    other.offered.itemDoubleClicked.emit(other.offered.item(0))
    assert (other.chosen_day(), other.half.currentData()) == (MONDAY, "pm")
    click(qtbot, other.book_button)
    assert other.booked is not None and other.booked.half == "pm"


def test_the_calendar_cancels_and_marks_a_no_show_with_the_clerks_words(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    from tests.counter.appointments.appt_world import book_scales
    from tests.ui.conftest import when_modal
    from ui.common.dialogs import ok_button
    from ui.common.reason_dialog import WriteWithReason

    c = sqlite_counter
    dept = with_capacity(c, 4)
    first, second = book_scales(c, MONDAY, "am", 2), book_scales(c, MONDAY, "am", 1)
    calendar = AppointmentsScreen(make_ctx(c))
    host(qtbot, calendar)
    calendar.department.setCurrentIndex(calendar.department.findData(dept))
    calendar.grid.setCurrentCell(0, 0)
    assert calendar.grid.item(0, 0).text() == "已约 3 / 4"  # type: ignore[union-attr]

    said: list[str] = []

    def because(words: str):  # type: ignore[no-untyped-def]
        def answer(dialog: WriteWithReason) -> None:
            assert isinstance(dialog, WriteWithReason)
            dialog.reason.setPlainText(words)
            ok_button(dialog.buttons).click()
            said.append(dialog.message.text())

        return answer

    calendar.table.selectRow(0)
    when_modal(because("客户改到下周"))
    click(qtbot, calendar.buttons["cancel"])
    qtbot.waitUntil(lambda: calendar.grid.item(0, 0).text() == "已约 1 / 4")  # type: ignore[union-attr]
    row = next(i for i, a in enumerate(calendar.shown) if a.number == second.number)
    calendar.table.selectRow(row)
    when_modal(because("电话无人接"))
    click(qtbot, calendar.buttons["no_show"])
    qtbot.waitUntil(lambda: len(said) == 2)
    assert calendar.message.text() == "", calendar.message.text()
    assert said == ["", ""], said
    with c.db.session() as s:
        cancelled, missed = find_by_number(s, first.number), find_by_number(s, second.number)
    assert (cancelled.status, cancelled.status_reason) == ("cancelled", "客户改到下周")
    assert (missed.status, missed.status_reason) == ("no_show", "电话无人接")
