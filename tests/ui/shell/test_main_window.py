"""The main window: title, status bar, the lookup field, mounting screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from counter.intake.catalog import list_types
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from tests.conftest import Counter
from tests.ui.shell.test_scanner import SteppingClock
from ui.common.context import AppContext, AppSignals
from ui.shell.main_window import MainWindow


def test_title_and_status_bar_say_who_works_where(window: MainWindow) -> None:
    title = window.windowTitle()
    assert title.startswith("计量收发台 — ") and title.endswith(" — 王收发")
    assert window.user_label.text() == "王收发（收发员）"
    assert window.database_label.text().startswith("数据库：sqlite:///")
    window.ctx.signals.status_message.emit("已连接")
    assert window.statusBar().currentMessage() == "已连接"


def test_typed_order_number_in_the_lookup_field_opens_the_order(
    qtbot: QtBot, window: MainWindow, sqlite_counter: Counter
) -> None:
    with sqlite_counter.db.action() as s:
        gauge = next(t.id for t in list_types(s) if t.name == "钢卷尺")
        draft = OrderDraft(sqlite_counter.customer_id, (ItemDraft(gauge),))
        saved = save_order(s, sqlite_counter.clerk, sqlite_counter.clock, draft)
    window.scanner.clock = SteppingClock(0.3)  # typed by hand, not scanned
    qtbot.keyClick(window.intake.picker.search, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.scan_field
    with qtbot.waitSignal(window.ctx.signals.order_opened) as opened:
        qtbot.keyClicks(window.scan_field, saved.number)
        qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    assert opened.args == [saved.order_id]
    assert window.scan_field.text() == ""
    assert saved.number in window.statusBar().currentMessage()


def test_other_screens_mount_as_tabs_with_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    screen = QLabel("补打列表")
    index = window.add_screen(screen, "补打", "Ctrl+7")
    assert window.tabs.tabText(index) == "补打"
    qtbot.keyClick(window.intake.picker.search, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is screen
    qtbot.keyClick(screen, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.intake
    assert QApplication.focusWidget() is window.intake.picker.search


def _tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_each_user_sees_the_screens_of_their_roles(qtbot: QtBot, sqlite_counter: Counter) -> None:
    seen = {}
    for actor in (sqlite_counter.billing, sqlite_counter.admin):
        ctx = AppContext(sqlite_counter.db, actor, sqlite_counter.clock, AppSignals())
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        seen[actor.username] = _tab_titles(window)
        if actor is sqlite_counter.admin:
            # screens are built when first opened: the billing tab holds the billing screen
            from ui.billing.screen import BillingScreen

            tab = window.tabs.widget(seen["admin"].index("收费"))
            assert getattr(tab, "built", None) is None
            window.tabs.setCurrentWidget(tab)
            window.show()
            qtbot.waitUntil(lambda t=tab: isinstance(getattr(t, "built", None), BillingScreen))
    assert "收费" in seen["billing"]
    assert "系统管理" not in seen["billing"] and "证书终审" not in seen["billing"]
    everything = {"收费", "证书终审", "领取/邮寄", "补打", "标准器与授权", "系统管理"}
    assert everything <= set(seen["admin"])
