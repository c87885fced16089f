"""The orders list model against a real database: paging, server-side sorting, filters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from counter.intake.catalog import list_departments
from counter.intake.corrections import void_order
from counter.intake.receive import ItemDraft
from counter.orders.listing import OrderFilter
from tests.conftest import Counter
from tests.ui.orders_helpers import add_customer, many_orders, save, type_id
from ui.orders import orders_model as om
from ui.orders.orders_model import OrdersModel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_model_passes_the_model_tester(qtmodeltester: ModelTester, sqlite_counter: Counter) -> None:
    many_orders(sqlite_counter, 5)
    model = OrdersModel(sqlite_counter.db, page_size=2)
    model.reload()
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.sort(om.CUSTOMER, Qt.SortOrder.AscendingOrder)
    model.set_filter(OrderFilter(text="聊城"))
    assert model.rowCount() == 2


def test_pages_in_two_hundred_rows_at_a_time(sqlite_counter: Counter) -> None:
    saved = many_orders(sqlite_counter, 450)
    model = OrdersModel(sqlite_counter.db)
    model.reload()
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    # newest first by default; received time shown in Beijing time
    assert model.row_at(0).number == saved[-1].number
    assert model.data(model.index(0, om.RECEIVED)) == "2026-11-23 16:59"
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450 and not model.canFetchMore(QModelIndex())
    numbers = [model.row_at(r).number for r in range(450)]
    assert len(set(numbers)) == 450


def test_header_sort_requeries_the_database(sqlite_counter: Counter) -> None:
    saved = many_orders(sqlite_counter, 250)
    model = OrdersModel(sqlite_counter.db)
    model.sort(om.NUMBER, Qt.SortOrder.AscendingOrder)
    assert model.row_at(0).number == saved[0].number
    model.sort(om.NUMBER, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).number == saved[-1].number
    assert model.data(model.index(0, om.NUMBER), om.SORT_ROLE) == saved[-1].number
    model.sort(om.CHANNEL, Qt.SortOrder.AscendingOrder)  # not sortable: unchanged
    assert model.sort_key == ("number", True)


def test_filters_by_customer_status_and_department(sqlite_counter: Counter) -> None:
    c = sqlite_counter
    many_orders(c, 3)
    other = add_customer(c, "济南衡器厂", phone="053188886666")
    bp = save(c, ItemDraft(type_id(c, "血压计和血压表")), customer_id=other)
    model = OrdersModel(c.db)
    model.set_filter(OrderFilter(text="济南"))
    assert [model.row_at(r).number for r in range(model.rowCount())] == [bp.number]
    model.set_filter(OrderFilter(text="jnhq"))
    assert model.rowCount() == 1 and model.data(model.index(0, om.CUSTOMER)) == "济南衡器厂"
    with c.db.session() as s:
        medical = next(d.id for d in list_departments(s) if d.name == "医疗")
    model.set_filter(OrderFilter(department_id=medical))
    assert model.rowCount() == 1
    with c.db.action() as s:
        void_order(s, c.clerk, c.clock, bp.order_id, "客户取消")
    model.set_filter(OrderFilter(status="voided"))
    assert model.rowCount() == 1 and model.data(model.index(0, om.STATUS)) == "已作废"
    model.set_filter(OrderFilter(status="received"))
    assert model.rowCount() == 3 and not model.canFetchMore(QModelIndex())
    assert model.data(model.index(0, om.CHANNEL)) == "窗口送检"
    header = model.headerData(om.PAYMENT, Qt.Orientation.Horizontal)
    assert header == "付款" and model.data(model.index(0, om.PAYMENT)) == "未开清单"


def test_a_database_fault_is_reported_not_raised(sqlite_counter: Counter, qtbot: QtBot) -> None:
    model = OrdersModel(sqlite_counter.db)
    with sqlite_counter.db.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE orders RENAME TO orders_gone")
    with qtbot.waitSignal(model.load_failed) as blocker:
        model.reload()
    assert "无法连接数据库" in blocker.args[0]
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
