"""The customer's file on a real database: reached from a scan, the picker and the menu;
the ledger linked at intake, the plan printed, notes written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter.archive.rules.due import DueState
from counter.changes import Change
from db.models_archive import OutboxMessage
from tests.conftest import Counter
from tests.printing.pdftools import pdf_page_texts, squash
from tests.ui.archive.file_helpers import (
    button_for,
    click,
    full_window,
    open_file,
    receive_scale,
)
from tests.ui.conftest import when_modal
from tests.ui.orders_helpers import announces, type_text
from ui.archive.customer_file import CustomerFileWindow
from ui.archive.customer_file_models import STATE_COLOURS, LedgerModel
from ui.archive.customer_file_windows import ChooseCustomerDialog
from ui.shell.main_window import MainWindow

__all__ = ["full_window"]  # the fixture, used by name


def _file_of(qtbot: QtBot, window: MainWindow, customer_id: int) -> CustomerFileWindow:
    qtbot.waitUntil(lambda: customer_id in window.customer_files.open_files)
    return window.customer_files.open_files[customer_id]


def test_a_scan_leads_to_the_file_with_the_instrument_and_its_plan(
    qtbot: QtBot, full_window: MainWindow, sqlite_counter: Counter
) -> None:
    c, window = sqlite_counter, full_window
    saved = receive_scale(c)
    window.scan_field.setText(saved.item_numbers[0])
    window._scan_field_entered()  # the clerk scans the item's label into the scan field
    qtbot.waitUntil(lambda: saved.order_id in window.open_dialogs)
    order = window.open_dialogs[saved.order_id]
    click(qtbot, button_for(order, order.file_action))
    file = _file_of(qtbot, window, c.customer_id)
    assert file.windowTitle() == "客户档案 — 聊城计量器具有限公司"
    assert "首问负责部门" in file.head.text() and "13800138000" in file.head.text()

    (row,) = file.ledger_model.rows()
    assert (row.name, row.serial, row.model) == ("电子计价秤", "A001", "ACS-15")
    assert row.compulsory and row.state is DueState.NEVER_VERIFIED  # trade use: compulsory
    index = file.ledger_model.index(0, LedgerModel.DUE)
    assert file.ledger_model.data(index) == "从未检定"
    background = file.ledger_model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush)
    assert background.color().name() == STATE_COLOURS[DueState.NEVER_VERIFIED]
    assert [o.number for o in file.orders.rows()] == [saved.number]

    file.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is file)
    qtbot.keyClick(file, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # 周检计划
    qtbot.waitUntil(lambda: file.printing.preview is not None, timeout=20000)
    preview = file.printing.preview
    assert preview is not None and preview.print_button.isEnabled()
    text = squash("".join(pdf_page_texts(preview.pdf)))
    assert "周检计划" in text and "电子计价秤" in text and "A001" in text
    assert "聊城计量器具有限公司" in text
    preview.close()


def test_double_clicking_an_order_in_the_file_opens_it(
    qtbot: QtBot, full_window: MainWindow, sqlite_counter: Counter
) -> None:
    c, window = sqlite_counter, full_window
    saved = receive_scale(c)
    window.ctx.signals.customer_opened.emit(c.customer_id)
    file = _file_of(qtbot, window, c.customer_id)
    file.tabs.setCurrentIndex(1)
    table = file.orders_table
    qtbot.waitUntil(table.isVisible)
    rect = table.visualRect(file.orders.index(0, 0))
    assert rect.isValid()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: saved.order_id in window.open_dialogs)
    # opening the same file again raises the one already open
    window.ctx.signals.customer_opened.emit(c.customer_id)
    assert list(window.customer_files.open_files) == [c.customer_id]


def test_the_picker_and_the_menu_open_the_file(
    qtbot: QtBot, full_window: MainWindow, sqlite_counter: Counter
) -> None:
    c, window = sqlite_counter, full_window
    assert window.intake is not None
    picker = window.intake.picker
    assert not picker.file_button.isEnabled()  # no customer yet
    picker.focus_search()
    type_text(picker.search, "lcjl")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.customer is not None and picker.file_button.isEnabled()
    click(qtbot, picker.file_button)
    file = _file_of(qtbot, window, c.customer_id)
    file.close()
    qtbot.waitUntil(lambda: not window.customer_files.open_files)

    def find_and_open(dialog: QWidget) -> None:
        assert isinstance(dialog, ChooseCustomerDialog)
        type_text(dialog.picker.search, "lcjl")
        qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)

    when_modal(find_and_open)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    _file_of(qtbot, window, c.customer_id)


def test_a_note_is_added_and_listed_first_when_pinned(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    file = open_file(qtbot, sqlite_counter)
    file.tabs.setCurrentIndex(5)
    type_text(file.note_text, "电话改为 0635-8888888")
    with announces(qtbot, file.ctx, Change.LEDGER):
        click(qtbot, file.note_button)
    type_text(file.note_text, "月结客户")
    file.note_pinned.setChecked(True)
    with announces(qtbot, file.ctx, Change.LEDGER):
        click(qtbot, file.note_button)
    assert [(n.text, n.pinned) for n in file.notes.rows()] == [
        ("月结客户", True),
        ("电话改为 0635-8888888", False),
    ]
    assert file.note_text.toPlainText() == "" and file.message.text() == "备注已添加"
    click(qtbot, file.note_button)  # nothing typed: refused, said in the file
    assert file.message.is_error and "不能为空" in file.message.text()
    assert len(file.notes.rows()) == 2


def test_reminders_sent_and_answered_are_in_the_file(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    with c.db.action() as s:
        for status, reason, answer in (("failed", "号码停机", ""), ("answered", "", "下周送检")):
            s.add(OutboxMessage(customer_id=c.customer_id, kind="recall", channel="sms",
                                recipient="13800138000", body="请送检", status=status,
                                status_reason=reason, answer=answer, created_at=c.clock.now(),
                                created_by_id=c.clerk.id))  # fmt: skip
    file = open_file(qtbot, c)
    model = file.messages
    shown = [[model.display(r, col) for col in range(1, 7)] for r in model.rows()]
    assert shown == [
        ["周检提醒", "短信", "13800138000", "已答复", "", "下周送检"],
        ["周检提醒", "短信", "13800138000", "发送失败", "号码停机", ""],
    ]
    assert file.tabs.tabText(4) == "提醒与通知 (2)"
    assert file.tabs.tabText(0) == "器具台账 (0)"
