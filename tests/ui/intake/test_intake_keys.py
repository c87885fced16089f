"""The intake table's keyboard: Enter at the end adds a row, N copies, the compulsory flag."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from counter.clock import CHINA_TZ
from tests.conftest import Counter
from tests.ui.conftest import focused, make_ctx, show_active, wait_active, when_modal
from tests.ui.intake.test_intake_flow import CTRL, choose_customer, press, type_keys
from ui.intake.editors import TypeEditor
from ui.intake.items_model import ItemsModel
from ui.shell.main_window import MainWindow

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_enter_in_the_last_cell_adds_a_row(qtbot: QtBot, window: MainWindow) -> None:
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "gjc")
    press(qtbot, Qt.Key.Key_Tab)
    intake.table.begin_edit(intake.model.index(0, ItemsModel.RETURN_WAY))
    press(qtbot, Qt.Key.Key_Return)
    assert intake.model.rowCount() == 2
    current = intake.table.currentIndex()
    assert (current.row(), current.column()) == (1, ItemsModel.TYPE)
    # Shift+Tab goes back to the last cell of the row before
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    current = intake.table.currentIndex()
    assert (current.row(), current.column()) == (0, ItemsModel.RETURN_WAY)


def test_identical_items_are_added_in_one_go_and_rows_removed(
    qtbot: QtBot, window: MainWindow
) -> None:
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "dzjjc")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "ACS-30")
    press(qtbot, Qt.Key.Key_Tab)

    def five(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        assert dialog.labelText() == "与本行相同的器具一共几件（含本行）？"
        dialog.setIntValue(5)
        dialog.accept()

    when_modal(five)
    press(qtbot, Qt.Key.Key_N, SHIFT_CTRL)
    wait_active(qtbot, window)
    assert intake.model.rowCount() == 5
    assert {d.model for d in intake.model.drafts()} == {"ACS-30"}
    current = intake.table.currentIndex()
    assert (current.row(), current.column()) == (0, ItemsModel.SERIAL)  # the first copy's serial
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Delete, CTRL)
    assert intake.model.rowCount() == 4
    press(qtbot, Qt.Key.Key_Insert)
    assert intake.model.rowCount() == 5 and intake.model.is_blank(4)


def test_changing_the_compulsory_flag_asks_for_a_reason(qtbot: QtBot, window: MainWindow) -> None:
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "gjc")  # 钢卷尺: never compulsory by itself
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Escape)
    index = intake.model.index(0, ItemsModel.COMPULSORY)
    assert index.data() == "否"
    intake.table.setCurrentIndex(index)

    def reason(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        assert dialog.labelText() == "改为强制检定的原因："
        dialog.setTextValue("用于集贸市场贸易结算")
        dialog.accept()

    when_modal(reason)
    qtbot.keyClick(intake.table, Qt.Key.Key_Space)
    wait_active(qtbot, window)
    assert index.data() == "是*"
    draft = intake.model.item_row(0).draft
    assert draft.compulsory_override is True and draft.override_reason == "用于集贸市场贸易结算"
    qtbot.keyClick(intake.table, Qt.Key.Key_Space)  # again: back to what the catalogue says
    assert index.data() == "否"


def test_a_promise_beyond_the_official_calendar_says_so(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    sqlite_counter.clock.at = dt.datetime(2026, 12, 28, 9, 0, tzinfo=CHINA_TZ)
    window = MainWindow(make_ctx(sqlite_counter), mount_other_screens=False)
    show_active(qtbot, window)
    try:
        choose_customer(qtbot, window)
        type_keys(qtbot, "gjc")
        press(qtbot, Qt.Key.Key_Tab)
        review = window.intake.review.plain_text()
        assert "2027 年不在官方节假日数据中" in review
        promised = window.intake.model.index(0, ItemsModel.PROMISED).data()
        assert promised.startswith("2027-01-")
    finally:
        window.intake.clear_form()
        window.close()
        window.deleteLater()


def test_choice_cells_pick_by_letters_and_esc_keeps_the_choice(
    qtbot: QtBot, window: MainWindow
) -> None:
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "gjc")  # 钢卷尺: no compulsory use, 用途 starts as 其他
    for _stop in range(5):  # 型号规格, 出厂编号, 制造厂, 服务, 用途
        press(qtbot, Qt.Key.Key_Tab)
    assert intake.table.currentIndex().column() == ItemsModel.USE
    type_keys(qtbot, "m")  # 贸易结算 by its pinyin initial
    press(qtbot, Qt.Key.Key_Escape)  # leaves the cell, keeps the choice
    assert intake.model.item_row(0).draft.use == "trade"
    assert intake.table.currentIndex().column() == ItemsModel.USE
    press(qtbot, Qt.Key.Key_Tab)  # 强检 is a stop now: Space there asks for a reason
    assert intake.table.currentIndex().column() == ItemsModel.COMPULSORY
    assert intake.model.index(0, ItemsModel.COMPULSORY).data() == "否"  # 钢卷尺: never
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    type_keys(qtbot, "y")  # 医疗卫生
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    type_keys(qtbot, "jz")  # 服务: 校准 (jiaozhun), not 检定 or 检测
    press(qtbot, Qt.Key.Key_Tab)
    draft = intake.model.item_row(0).draft
    assert (draft.use, draft.service) == ("medical", "calibration")


def test_tab_leaves_the_table_for_the_order_fields_and_alt_keys_reach_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    intake = window.intake
    choose_customer(qtbot, window)
    type_keys(qtbot, "gjc")
    intake.table.begin_edit(intake.model.index(0, ItemsModel.RETURN_WAY))
    press(qtbot, Qt.Key.Key_Tab)  # the last cell of the last row
    assert focused() is intake.channel and intake.model.rowCount() == 1
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is intake.contact_name
    intake.table.begin_edit(intake.model.index(0, ItemsModel.MODEL))
    for key, widget in (
        (Qt.Key.Key_T, intake.contact_phone),
        (Qt.Key.Key_M, intake.note),
        (Qt.Key.Key_B, intake.contact_name),
        (Qt.Key.Key_W, intake.channel),
    ):
        press(qtbot, key, Qt.KeyboardModifier.AltModifier)
        assert focused() is widget
    press(qtbot, Qt.Key.Key_R, CTRL)  # 测量范围, which Tab skips
    current = intake.table.currentIndex()
    assert (current.row(), current.column()) == (0, ItemsModel.RANGE)


def test_intake_shortcuts_work_from_the_scan_field_and_the_tab_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    intake = window.intake

    def into_scan_field() -> None:
        window.scan_field.setFocus()
        qtbot.waitUntil(window.scan_field.hasFocus)

    into_scan_field()
    press(qtbot, Qt.Key.Key_F3)
    assert focused() is intake.picker.search
    into_scan_field()
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert isinstance(focused(), TypeEditor) and intake.model.rowCount() == 2
    window.tabs.tabBar().setFocus()
    qtbot.waitUntil(window.tabs.tabBar().hasFocus)
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is intake.picker.search
