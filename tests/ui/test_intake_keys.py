"""The intake table's keyboard: Enter at the end adds a row, N copies, the compulsory flag."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from counter.clock import CHINA_TZ
from tests.conftest import Counter
from tests.ui.conftest import make_ctx, show_active, wait_active, when_modal
from tests.ui.test_intake_flow import CTRL, choose_customer, press, type_keys
from ui.main_window import MainWindow
from ui.models.items_model import ItemsModel

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
