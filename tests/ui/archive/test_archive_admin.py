"""The administrator's reminder rules and message templates, from the admin screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.archive.reminder_rules import reminder_rules
from counter.archive.rules.due import RecallRule
from counter.archive.templates import template_for
from tests.conftest import Counter
from tests.ui.archive.recall_world import click, host
from tests.ui.conftest import make_ctx
from ui.admin.screen import AdminScreen
from ui.archive import reminder_rules_tab as rt


def test_a_reminder_rule_refused_with_a_bad_value_and_saved_with_a_good_one(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    admin = AdminScreen(make_ctx(c, c.admin))
    host(qtbot, admin)
    tab = admin.reminder_rules_tab
    admin.tabs.setCurrentWidget(tab)
    tab.set_value("集贸市场", rt.LEAD, "四十五")
    click(qtbot, tab.save_button)
    assert tab.message.is_error and "集贸市场：天数须为整数" in tab.message.text()
    tab.set_value("集贸市场", rt.LEAD, "45")
    tab.set_value("集贸市场", rt.ESCALATE, "5")  # escalated before the grace period ends
    click(qtbot, tab.save_button)
    assert "集贸市场：升级天数不能小于宽限天数" in tab.message.text()
    with c.db.session() as s:
        assert reminder_rules(s) == {}
    tab.set_value("集贸市场", rt.ESCALATE, "30")
    click(qtbot, tab.save_button)
    assert not tab.message.is_error, tab.message.text()
    with c.db.session() as s:
        assert reminder_rules(s) == {"集贸市场": RecallRule(45, 15, 30)}
    row = tab.table.item(5, rt.LEAD)
    assert row is not None and row.text() == "45"


def test_a_template_with_an_unknown_placeholder_is_refused_and_its_length_counted(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    admin = AdminScreen(make_ctx(c, c.admin))
    host(qtbot, admin)
    tab = admin.templates_tab
    admin.tabs.setCurrentWidget(tab)
    tab.select("recall", "sms")
    tab.body.setPlainText("{custmer}：您的 {count} 件器具将于 {due} 到期。")
    assert "{custmer}" in tab.problems.text() and not tab.save_button.isEnabled()
    assert "约 1 条短信" in tab.length.text()
    tab.save()  # Ctrl+S: refused by the domain as well
    assert tab.message.is_error
    tab.body.setPlainText("{customer}：您的 {count} 件器具将于 {due} 到期。" * 3)
    assert tab.problems.text() == "" and "约 2 条短信" in tab.length.text()
    tab.body.setFocus()
    qtbot.keyClick(tab.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not tab.message.is_error, tab.message.text()
    with c.db.session() as s:
        saved = template_for(s, "recall", "sms")
    assert saved.custom and saved.body.startswith("{customer}：您的")
