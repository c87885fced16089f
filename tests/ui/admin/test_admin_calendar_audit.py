"""The calendar tab (holidays, make-up working days, coverage) and the audit log viewer."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from counter.admin.calendar import list_days
from counter.changes import Change
from counter.intake.corrections import void_item
from counter.intake.receive import ItemDraft
from counter.reports.audit_names import change_text
from tests.conftest import Counter
from tests.ui.orders_helpers import (
    announces,
    context,
    item_ids,
    many_orders,
    save,
    type_id,
    type_text,
)
from ui.admin import audit_model as am
from ui.admin.audit_model import AuditModel
from ui.admin.audit_view import AuditView
from ui.admin.calendar import CalendarTab, coverage_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_coverage_names_the_years_without_official_data() -> None:
    text = coverage_text(2026)
    assert "官方节假日数据已包含 2026 年" in text
    assert "不包含 2027 年" in text


def test_add_and_remove_days(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    tab = CalendarTab(context(c, c.admin))
    qtbot.addWidget(tab)
    assert "2027" in tab.coverage.text()
    tab.day.setDate(QDate(2027, 2, 8))
    type_text(tab.name, "春节")
    with announces(qtbot, tab.ctx, Change.CALENDAR):
        qtbot.keyClick(tab.name, Qt.Key.Key_Return)
    tab.day.setDate(QDate(2027, 2, 20))
    tab.kind.setCurrentIndex(tab.kind.findData("workday"))
    tab.add_day()
    assert tab.model.rowCount() == 2
    assert [tab.model.index(r, 2).data() for r in range(2)] == [
        "节假日（不上班）",
        "调休工作日（上班）",
    ]
    assert tab.model.index(1, 1).data() == "周六"
    with c.db.session() as s:
        assert [(d.day, d.kind, d.name) for d in list_days(s)] == [
            (dt.date(2027, 2, 8), "holiday", "春节"),
            (dt.date(2027, 2, 20), "workday", ""),
        ]
    tab.table.selectRow(0)
    tab.remove_selected()
    assert tab.message.text() == "已删除 1 个日期"
    with c.db.session() as s:
        assert [d.day for d in list_days(s)] == [dt.date(2027, 2, 20)]


def test_a_clerk_cannot_change_the_calendar(qtbot: QtBot, sqlite_counter: Counter) -> None:
    tab = CalendarTab(context(sqlite_counter))
    qtbot.addWidget(tab)
    tab.add_day()
    assert tab.message.text() == "王收发 没有“系统管理”权限"


def test_audit_model_pages_and_passes_the_model_tester(
    qtmodeltester: ModelTester, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    many_orders(c, 12)
    model = AuditModel(c.db, c.admin, page_size=5)
    model.reload()
    qtmodeltester.check(model)
    model.reload()
    assert model.rowCount() == 5 and model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 13  # 12 orders and the fixture's customer
    ids = [model.row_at(r).id for r in range(13)]
    assert ids == sorted(ids, reverse=True)


def test_audit_viewer_shows_who_what_before_after_and_why(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    saved = save(c, ItemDraft(type_id(c, "电子计价秤")))
    (item_id,) = item_ids(c, saved.order_id)
    with c.db.action() as s:
        void_item(s, c.clerk, c.clock, item_id, "重复登记")
    view = AuditView(context(c, c.admin))
    qtbot.addWidget(view)
    assert view.model.rowCount() == 3
    top = [view.model.index(0, col).data() for col in range(am.COLUMN_COUNT)]
    assert top == [
        "2026-11-23 09:30:00",
        "王收发",
        "器具状态：已作废",
        f"器具 {saved.item_numbers[0]}",
        "状态：已收件 → 已作废",
        "重复登记",
    ]
    assert view.model.index(0, am.ACTION).data(Qt.ItemDataRole.ToolTipRole).endswith("item.voided")
    type_text(view.action_prefix, "order.")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.row_at(0).entity_key == saved.number
    view.action_prefix.clear()
    type_text(view.entity_key, saved.item_numbers[0])
    qtbot.keyClick(view.entity_key, Qt.Key.Key_Return)
    assert view.model.rowCount() == 1 and view.model.row_at(0).action == "item.voided"
    assert "已显示 1 条记录" in view.count_label.text()


def test_clerk_sees_the_permission_message(qtbot: QtBot, sqlite_counter: Counter) -> None:
    view = AuditView(context(sqlite_counter))
    qtbot.addWidget(view)
    assert view.message.text() == "王收发 没有“系统管理”权限" and view.model.rowCount() == 0


def test_change_text() -> None:
    before, after = '{"model": "A", "serial": "1"}', '{"model": "B", "serial": "2"}'
    assert change_text(before, after, "item") == "型号规格：A → B; 出厂编号：1 → 2"
    assert change_text("", '{"roles": "admin,intake"}', "user") == "用户角色：→ 管理员、收发员"
    assert change_text('{"flavour": "holiday"}', "") == "flavour：holiday →"  # no name: as stored
    assert change_text("", "") == ""
