"""The fee policy tab: a saved policy is what pricing reads; refusals say why and save nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from counter.billing.rules.policy import FeePolicy, UrgentStep
from counter.billing.settings import load_fee_policy, load_payment_details
from counter.changes import Change
from tests.conftest import Counter
from tests.ui.orders_helpers import announces, context, type_text
from ui.admin.fees import FeePolicyTab
from ui.admin.fees_tables import DATE, INT, TEXT, EditableRowsModel


def _tab(qtbot: QtBot, counter: Counter, admin: bool = True) -> FeePolicyTab:
    tab = FeePolicyTab(context(counter, counter.admin if admin else counter.clerk))
    qtbot.addWidget(tab)
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    return tab


def _stored(counter: Counter) -> FeePolicy:
    with counter.db.session() as s:
        return load_fee_policy(s)


def _add_campaign(tab: FeePolicyTab, names: str, start: dt.date, end: dt.date, why: str) -> None:
    row = tab.campaigns.add_row()
    for col, value in enumerate((names, start, end, why)):
        assert tab.campaigns.setData(tab.campaigns.index(row, col), value)


def test_admin_changes_reduction_and_adds_a_campaign(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    tab = _tab(qtbot, c)
    assert tab.small_micro.value() == 50 and tab.urgent.rowCount() == 3
    tab.small_micro.selectAll()
    type_text(tab.small_micro, "40")
    _add_campaign(
        tab, "体温计、血压计", dt.date(2026, 5, 20), dt.date(2026, 5, 31), "世界计量日免费检定"
    )
    tab.payment["bank"].clear()
    type_text(tab.payment["bank"], "工商银行聊城分行")
    type_text(tab.payment["account"], "1610 0010 0900 1234 567")
    with announces(qtbot, tab.ctx, Change.SETTINGS):
        qtbot.keyClick(tab.small_micro, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.message.text() == "收费政策已保存" and not tab.message.is_error
    policy = _stored(c)
    assert policy.small_micro_percent == Decimal(40)
    assert policy.newly_opened_percent == Decimal(50)  # untouched fields keep their values
    assert policy.urgent_steps == FeePolicy().urgent_steps
    (campaign,) = policy.campaigns
    assert campaign.instrument_names == {"体温计", "血压计"}
    assert (campaign.start, campaign.end) == (dt.date(2026, 5, 20), dt.date(2026, 5, 31))
    assert policy.campaign_for("体温计", dt.date(2026, 5, 25)) is campaign
    with c.db.session() as s:
        details = load_payment_details(s)
    assert details.bank == "工商银行聊城分行" and details.account == "1610 0010 0900 1234 567"
    reopened = _tab(qtbot, c)
    assert reopened.small_micro.value() == 40
    assert reopened.campaigns.data(reopened.campaigns.index(0, 0)) == "体温计、血压计"


def test_duplicate_urgent_step_and_backwards_campaign_are_refused(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    tab = _tab(qtbot, c)
    tab.small_micro.setValue(20)
    row = tab.urgent.add_row()
    tab.urgent.setData(tab.urgent.index(row, 0), 24)
    tab.urgent.setData(tab.urgent.index(row, 1), "80")
    _add_campaign(tab, "体温计", dt.date(2026, 6, 30), dt.date(2026, 6, 1), "倒着的活动")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.is_error
    assert "加急时限应为正数小时且互不相同" in tab.message.text()
    assert "免费活动“倒着的活动”的结束日期早于开始日期" in tab.message.text()
    assert tab.urgent.rowCount() == 4 and tab.campaigns.rowCount() == 1  # nothing typed is lost
    assert tab.small_micro.value() == 20
    assert _stored(c) == FeePolicy()


def test_a_percentage_that_is_not_a_number_is_named(qtbot: QtBot, sqlite_counter: Counter) -> None:
    tab = _tab(qtbot, sqlite_counter)
    tab.late.setData(tab.late.index(1, 1), "五十")
    tab.save()
    assert tab.message.text() == "逾期交付减收第 2 行：“五十”不是百分比"
    assert _stored(sqlite_counter) == FeePolicy()


def test_removing_a_step_is_saved(qtbot: QtBot, sqlite_counter: Counter) -> None:
    tab = _tab(qtbot, sqlite_counter)
    view = tab.views["urgent"]
    view.setCurrentIndex(tab.urgent.index(0, 0))  # the ≤ 8 h step
    tab.urgent.remove_row(view.currentIndex().row())
    tab.save()
    assert not tab.message.is_error
    assert _stored(sqlite_counter).urgent_steps == (
        UrgentStep(24, Decimal(100)),
        UrgentStep(72, Decimal(30)),
    )


def test_a_cell_still_being_edited_is_saved_by_ctrl_s(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    tab = _tab(qtbot, sqlite_counter)
    view = tab.views["urgent"]
    index = tab.urgent.index(2, 1)  # the ≤ 72 h surcharge, 30 %
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    editor = view.indexWidget(index) or QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "35")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.message.text() == "收费政策已保存"
    assert _stored(sqlite_counter).urgent_step(72) == UrgentStep(72, Decimal(35))


def test_only_an_administrator_saves(qtbot: QtBot, sqlite_counter: Counter) -> None:
    tab = _tab(qtbot, sqlite_counter, admin=False)
    tab.small_micro.setValue(10)
    tab.save()
    assert tab.message.is_error
    assert tab.message.text() == "王收发 没有“系统管理”权限"
    assert _stored(sqlite_counter) == FeePolicy()


@pytest.mark.parametrize("kinds", [[INT, TEXT], [TEXT, DATE, DATE, TEXT]])
def test_rows_model_is_a_sound_qt_model(qtmodeltester: ModelTester, kinds: list[str]) -> None:
    model = EditableRowsModel(
        ["a"] * len(kinds),
        kinds,
        lambda: [{INT: 0, TEXT: "", DATE: dt.date(2026, 1, 1)}[k] for k in kinds],
    )
    model.add_row()
    model.add_row()
    qtmodeltester.check(model)
