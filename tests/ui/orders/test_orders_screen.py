"""The orders list screen: typing filters, keyboard opening, refresh, header sorting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from counter.changes import Change
from counter.intake.receive import ItemDraft
from tests.conftest import Counter
from tests.ui.orders_helpers import add_customer, context, many_orders, save, type_id
from ui.common import op
from ui.orders import orders_model as om
from ui.orders.screen import DEBOUNCE_MS, OrdersScreen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _screen(qtbot: QtBot, counter: Counter) -> OrdersScreen:
    screen = OrdersScreen(context(counter))
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    with qtbot.waitActive(screen):
        screen.show()
        screen.activateWindow()
    _loaded(qtbot, screen)
    return screen


def _loaded(qtbot: QtBot, screen: OrdersScreen) -> None:
    """Pages load off the UI thread: wait until the list has its rows."""
    qtbot.waitUntil(lambda: not screen.model.loading)


def test_typing_filters_and_enter_opens_the_order(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    many_orders(c, 5)
    other = add_customer(c, "济南衡器厂")
    wanted = save(c, ItemDraft(type_id(c, "电子计价秤")), customer_id=other)
    screen = _screen(qtbot, c)
    assert screen.model.rowCount() == 6
    assert "已显示 6 张委托单" in screen.count_label.text()
    qtbot.keyClicks(screen.search, "jnhq")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    assert screen.table.hasFocus()
    with qtbot.waitSignal(screen.ctx.signals.order_opened) as opened:
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened.args == [wanted.order_id]


def test_scanned_order_number_with_enter_opens_it(qtbot: QtBot, sqlite_counter: Counter) -> None:
    saved = many_orders(sqlite_counter, 3)
    screen = _screen(qtbot, sqlite_counter)
    with qtbot.waitSignal(screen.ctx.signals.order_opened) as opened:
        qtbot.keyClicks(screen.search, saved[1].number)
        qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert opened.args == [saved[1].order_id]


def test_status_department_and_dates_filter(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    many_orders(c, 2)
    save(c, ItemDraft(type_id(c, "血压计和血压表")))
    screen = _screen(qtbot, c)
    screen.department_combo.setCurrentIndex(screen.department_combo.findText("医疗"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    screen.department_combo.setCurrentIndex(0)
    screen.status_combo.setCurrentIndex(screen.status_combo.findText("已作废"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0)
    screen.status_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    screen.to_check.setChecked(True)
    screen.date_to.setDate(screen.date_to.date().addDays(-1))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0)
    assert screen.current_filter().date_to is not None


def test_refreshes_when_orders_change_and_sorts_by_header(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    saved = many_orders(c, 3)
    screen = _screen(qtbot, c)
    newest = save(c, ItemDraft(type_id(c, "电子计价秤")))
    op.announce(screen.ctx, Change.ORDERS)
    _loaded(qtbot, screen)
    assert screen.model.row_at(0).number == newest.number
    header = screen.table.horizontalHeader()

    def click(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )

    click(om.NUMBER)
    _loaded(qtbot, screen)
    first = screen.model.row_at(0).number
    click(om.NUMBER)
    _loaded(qtbot, screen)
    assert {first, screen.model.row_at(0).number} == {saved[0].number, newest.number}
    assert screen.model.sort_key[0] == "number"
    click(om.CHANNEL)  # the database cannot sort by channel: the indicator stays
    assert header.sortIndicatorSection() == om.NUMBER
    assert screen.model.sort_key[0] == "number"


def test_a_hidden_screen_reads_again_only_when_shown(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    many_orders(c, 2)
    screen = _screen(qtbot, c)
    screen.hide()
    newest = save(c, ItemDraft(type_id(c, "电子计价秤")))
    op.announce(screen.ctx, Change.ORDERS)
    assert screen.stale and newest.number not in _numbers(screen)
    op.announce(screen.ctx, Change.USERS)  # not shown here: nothing to do
    screen.show()
    qtbot.waitUntil(lambda: newest.number in _numbers(screen))
    assert not screen.stale


def _numbers(screen: OrdersScreen) -> list[str]:
    return [screen.model.row_at(r).number for r in range(screen.model.rowCount())]


def test_a_busy_state_shows_while_a_page_loads(qtbot: QtBot, sqlite_counter: Counter) -> None:
    many_orders(sqlite_counter, 3)
    screen = _screen(qtbot, sqlite_counter)
    assert screen.busy.isHidden()
    screen.refresh()  # the page is read on the thread pool; the answer comes back later
    assert screen.model.loading and screen.busy.isVisible()
    assert "正在加载" in screen.count_label.text()
    _loaded(qtbot, screen)
    assert screen.busy.isHidden() and "已显示 3 张委托单" in screen.count_label.text()


@pytest.mark.postgres
@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
def test_the_window_stays_usable_while_a_slow_database_answers(
    qtbot: QtBot, counter: Counter
) -> None:
    many_orders(counter, 3)
    other = add_customer(counter, "济南衡器厂")
    save(counter, ItemDraft(type_id(counter, "电子计价秤")), customer_id=other)
    screen = _screen(qtbot, counter)
    with counter.db.engine.connect() as blocker:
        # another counter's long transaction holds the table: reads wait for it
        blocker.execute(text("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"))
        screen.refresh()
        assert screen.busy.isVisible()
        qtbot.keyClicks(screen.search, "jnhq")  # the window still takes typing
        qtbot.wait(DEBOUNCE_MS + 300)  # and runs its timers: the filter starts a newer load
        assert screen.model.loading and screen.busy.isVisible()
        assert screen.model.order_filter.text == "jnhq"
        blocker.rollback()
    _loaded(qtbot, screen)  # the answer to the older load is dropped
    assert [screen.model.row_at(r).customer for r in range(screen.model.rowCount())] == [
        "济南衡器厂"
    ]
    assert screen.busy.isHidden()
    assert QThreadPool.globalInstance().waitForDone(5000)  # the dropped load has ended too
