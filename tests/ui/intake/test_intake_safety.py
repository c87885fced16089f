"""Nothing typed is lost: database faults, closing the window, scans mid-form, printers."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from counter.admin.settings import save_settings
from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, SavedOrder, save_order
from db.engine import Database, make_engine
from db.models import Order, PrintJob
from tests.conftest import TEST_INSTITUTE, Counter
from tests.printing.fake_printer import FakePrinter
from tests.ui.conftest import focused, make_ctx, show_active, when_modal
from tests.ui.intake.test_intake_flow import (
    CTRL,
    choose_customer,
    close_message_box,
    press,
    type_keys,
)
from tests.ui.shell.test_scanner import SteppingClock
from ui.common import messages
from ui.intake.items_model import ItemsModel
from ui.shell.main_window import MainWindow


def orders(counter: Counter) -> int:
    with counter.db.session() as s:
        return s.scalar(select(func.count()).select_from(Order)) or 0


def type_two_items(qtbot: QtBot, window: MainWindow) -> None:
    choose_customer(qtbot, window)
    type_keys(qtbot, "dzjjc")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "ACS-30")
    press(qtbot, Qt.Key.Key_N, CTRL)
    type_keys(qtbot, "gjc")
    press(qtbot, Qt.Key.Key_Tab)


def test_a_database_fault_on_save_keeps_every_row(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    intake = window.intake
    type_two_items(qtbot, window)
    drafts = intake.model.drafts()
    real = window.ctx.database
    window.ctx.database = Database(make_engine("postgresql://nobody@127.0.0.1:1/counter"))
    try:
        with qtbot.waitSignal(messages.events().shown, timeout=20000) as shown:
            press(qtbot, Qt.Key.Key_S, CTRL)
        assert shown.args[0] == "error"
        assert "无法连接数据库" in shown.args[1] and "本次操作没有保存" in shown.args[1]
        assert close_message_box(qtbot)
    finally:
        window.ctx.database.dispose()
        window.ctx.database = real
    assert intake.model.drafts() == drafts and intake.picker.customer is not None
    assert intake.save_button.isEnabled()
    # the database is back: the same form saves
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: intake.saved_panel.number.text() != "")
    assert orders(sqlite_counter) == 1


def click_button(text: str) -> object:
    def click(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    return click


def test_closing_with_unsaved_rows_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    type_two_items(qtbot, window)
    when_modal(click_button("返回继续录入"))  # type: ignore[arg-type]
    assert not window.close()
    assert window.isVisible() and window.intake.model.has_content()
    when_modal(click_button("退出"))  # type: ignore[arg-type]
    assert window.close()
    assert not window.isVisible()


@pytest.fixture
def full_window(qtbot: QtBot, sqlite_counter: Counter) -> Iterator[MainWindow]:
    """The clerk's whole window: scans open order windows."""
    win = MainWindow(make_ctx(sqlite_counter))
    show_active(qtbot, win)
    yield win
    for dialog in list(win.open_dialogs.values()):
        dialog.close()
    win.intake.clear_form()
    win.close()
    win.deleteLater()


def saved_item(counter: Counter, name: str) -> SavedOrder:
    with counter.db.action() as s:
        type_id = next(t.id for t in list_types(s) if t.name == name)
        draft = OrderDraft(counter.customer_id, (ItemDraft(type_id, serial="OLD-1"),))
        return save_order(s, counter.clerk, counter.clock, draft)


def scanner_clock(window: MainWindow) -> SteppingClock:
    """The scanner's clock, under the test's control (5 ms between keys: a scanner)."""
    clock = SteppingClock(0.005)
    window.scanner.clock = clock
    return clock


def test_a_scan_while_a_cell_is_edited_changes_nothing_typed(
    qtbot: QtBot, full_window: MainWindow, sqlite_counter: Counter
) -> None:
    """ "ACS" typed in 型号规格, a label scanned, "-30" typed: the cell holds "ACS-30"."""
    window = full_window
    earlier = saved_item(sqlite_counter, "电子计价秤")
    clock = scanner_clock(window)
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "dzjjc")
    press(qtbot, Qt.Key.Key_Tab)
    editor = focused()
    type_keys(qtbot, "ACS")  # the model, half typed, when a customer hands over a label
    clock.now += 1.5
    with qtbot.waitSignal(window.ctx.signals.item_opened) as opened:
        type_keys(qtbot, earlier.item_numbers[0])
        press(qtbot, Qt.Key.Key_Return)
    with sqlite_counter.db.session() as s:
        order = s.get(Order, earlier.order_id)
        assert order is not None and opened.args == [order.items[0].id]
    assert earlier.order_id in window.open_dialogs  # the order's window is open beside the form
    assert "电子计价秤" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert focused() is editor and editor.text() == "ACS"  # type: ignore[attr-defined]
    clock.now += 1.5
    type_keys(qtbot, "-30")  # the clerk carries on where they were
    press(qtbot, Qt.Key.Key_Tab)
    assert intake.model.item_row(0).draft.model == "ACS-30"


def test_a_scan_keeps_a_half_typed_instrument_name(
    qtbot: QtBot, full_window: MainWindow, sqlite_counter: Counter
) -> None:
    window = full_window
    earlier = saved_item(sqlite_counter, "钢卷尺")
    clock = scanner_clock(window)
    intake = window.intake
    choose_customer(qtbot, window)
    editor = focused()
    type_keys(qtbot, "dzj")
    clock.now += 1.5
    with qtbot.waitSignal(window.ctx.signals.order_opened):
        type_keys(qtbot, earlier.number)
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert focused() is editor and editor.text() == "dzj"  # type: ignore[attr-defined]
    clock.now += 1.5
    type_keys(qtbot, "jc")
    press(qtbot, Qt.Key.Key_Tab)
    assert intake.model.data(intake.model.index(0, ItemsModel.TYPE)) == "电子计价秤"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def set_label_printer(counter: Counter, address: str) -> None:
    with counter.db.action() as s:
        save_settings(
            s,
            counter.admin,
            counter.clock,
            dataclasses.replace(TEST_INSTITUTE, label_printer=address),
        )


def save_one_item(qtbot: QtBot, window: MainWindow) -> None:
    choose_customer(qtbot, window)
    type_keys(qtbot, "gjc")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_S, CTRL)


def test_a_label_printer_that_does_not_answer_keeps_the_order_and_says_so(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    port = free_port()
    set_label_printer(sqlite_counter, f"127.0.0.1:{port}")
    save_one_item(qtbot, window)
    panel = window.intake.saved_panel
    qtbot.waitUntil(lambda: "无响应" in panel.printing.text(), timeout=20000)
    assert f"127.0.0.1:{port}" in panel.printing.text()
    assert "委托单已保存，1 张标签已放入补打列表" in panel.printing.text()
    assert orders(sqlite_counter) == 1
    with sqlite_counter.db.session() as s:
        label = s.scalar(select(PrintJob).where(PrintJob.kind == "label"))
        assert label is not None and label.status == "failed"


def test_labels_go_to_the_thermal_printer(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    with FakePrinter("zpl") as printer:
        set_label_printer(sqlite_counter, f"{printer.host}:{printer.port}")
        save_one_item(qtbot, window)
        panel = window.intake.saved_panel
        qtbot.waitUntil(lambda: panel.printing.text() == "已打印 1 张标签。", timeout=20000)
        assert b"^XA" in printer.wait()


def test_a_scan_through_the_window_system_while_suggestions_are_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Keys as a real scanner delivers them (to the window, then the popup or focus widget)."""
    clock = scanner_clock(window)
    choose_customer(qtbot, window)
    handle = window.windowHandle()
    assert handle is not None
    for char in "DZ":  # pinyin initials, case does not matter
        QTest.keyClick(handle, ord(char))
        QApplication.processEvents()
    editor = focused()
    assert QApplication.activePopupWidget() is not None  # the name suggestions are showing
    clock.now += 2.0
    with qtbot.waitSignal(window.scanner.code_scanned) as scanned:
        for char in "20261999999001":
            QTest.keyClick(handle, ord(char))
        QTest.keyClick(handle, Qt.Key.Key_Return)
    assert scanned.args == ["20261999999001"]
    assert focused() is editor and editor.text() == "DZ"  # type: ignore[attr-defined]


def test_a_scan_onto_a_table_cell_leaves_the_cell_as_it_was(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    """The scan's first key would open the cell's editor and replace its text: it does not."""
    earlier = saved_item(sqlite_counter, "钢卷尺")
    clock = scanner_clock(window)
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "dzjjc")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "ACS-30")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, Qt.Key.Key_Escape)  # out of the editor: the cell keeps the focus
    assert focused() is intake.table and intake.model.item_row(0).draft.model == "ACS-30"
    clock.now += 1.5
    handle = window.windowHandle()
    assert handle is not None
    with qtbot.waitSignal(window.ctx.signals.item_opened):
        for char in earlier.item_numbers[0]:  # each key to whatever has the focus by then
            QTest.keyClick(handle, ord(char))
        QTest.keyClick(handle, Qt.Key.Key_Return)
    assert focused() is intake.table
    assert intake.model.item_row(0).draft.model == "ACS-30"


def test_the_serial_column_keeps_whatever_is_scanned_into_it(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    earlier = saved_item(sqlite_counter, "钢卷尺")
    clock = scanner_clock(window)
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "gjc")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    clock.now += 1.5
    signals = window.ctx.signals
    with qtbot.assertNotEmitted(signals.item_opened, wait=50):
        type_keys(qtbot, earlier.item_numbers[0])  # a serial that looks like our label
        press(qtbot, Qt.Key.Key_Return)
        clock.now += 1.5
        type_keys(qtbot, "S2026002")  # a serial typed at scanner speed
        press(qtbot, Qt.Key.Key_Return)
    serials = [intake.model.item_row(r).draft.serial for r in range(intake.model.rowCount())]
    assert serials[0] == earlier.item_numbers[0]
    assert intake.model.item_row(0).draft.manufacturer == "S2026002"
