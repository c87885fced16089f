"""The reprint list: what did not print, resending to the label printer, opening the order."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.admin.settings import save_settings
from counter.changes import Change
from counter.intake.corrections import void_item
from counter.intake.documents import reprint_list
from counter.intake.receive import ItemDraft
from db.models import PrintJob
from tests.conftest import TEST_INSTITUTE, Counter
from tests.printing.fake_printer import FakePrinter, closed_port
from tests.ui.orders_helpers import announces, context, save, type_id
from ui.common import op
from ui.intake import reprint_model as rm
from ui.intake.reprint_model import ReprintModel
from ui.intake.reprint_screen import ReprintScreen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _order(counter: Counter) -> str:
    scale = type_id(counter, "电子计价秤")
    return save(counter, ItemDraft(scale, serial="A1"), ItemDraft(scale, serial="A2")).number


def _printer(counter: Counter, address: str) -> None:
    with counter.db.action() as s:
        save_settings(
            s,
            counter.admin,
            counter.clock,
            dataclasses.replace(TEST_INSTITUTE, label_printer=address),
        )


def _screen(qtbot: QtBot, counter: Counter) -> ReprintScreen:
    screen = ReprintScreen(context(counter))
    qtbot.addWidget(screen)
    with qtbot.waitActive(screen):
        screen.show()
        screen.activateWindow()
    return screen


def test_model_passes_the_model_tester(qtmodeltester: ModelTester, sqlite_counter: Counter) -> None:
    _order(sqlite_counter)
    model = ReprintModel()
    with sqlite_counter.db.session() as s:
        model.set_rows(reprint_list(s))
    qtmodeltester.check(model)
    kinds = sorted(model.index(r, rm.KIND).data() for r in range(model.rowCount()))
    assert kinds == ["回执", "标签", "标签"]
    assert {model.index(r, rm.STATUS).data() for r in range(3)} == {"待打印"}


def test_lists_pending_jobs_and_opens_the_order(qtbot: QtBot, sqlite_counter: Counter) -> None:
    number = _order(sqlite_counter)
    screen = _screen(qtbot, sqlite_counter)
    assert screen.proxy.rowCount() == 3
    assert "待补打 3 项" in screen.count_label.text()
    assert not screen.send_button.isVisible()  # no label printer configured
    screen.focus_first()
    with qtbot.waitSignal(screen.ctx.signals.order_opened) as opened:
        qtbot.keyClick(screen.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == [screen.current_row().order_id]  # type: ignore[union-attr]
    assert screen.current_row().order_number == number  # type: ignore[union-attr]


def test_resent_labels_leave_the_list(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    number = _order(c)
    with FakePrinter("zpl") as printer:
        _printer(c, f"127.0.0.1:{printer.port}")
        screen = _screen(qtbot, c)
        assert screen.send_button.isVisible()
        screen.table.selectAll()
        with announces(qtbot, screen.ctx, Change.PRINTS, timeout=10000):
            qtbot.mouseClick(screen.send_button, Qt.MouseButton.LeftButton)
        received = printer.wait()
    assert received.count(b"^XA") == 2 and f"{number}001".encode() in received
    assert "已发送 2 张标签" in screen.message.text()
    kinds = [screen.model.row_at(r).kind for r in range(screen.model.rowCount())]
    assert kinds == ["receipt"]  # the labels were printed; the receipt still waits


def test_a_failed_resend_stays_with_the_printer_answer(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    _order(c)
    _printer(c, f"127.0.0.1:{closed_port()}")
    screen = _screen(qtbot, c)
    screen.table.selectAll()
    screen.send_labels()
    qtbot.waitUntil(lambda: screen.message.is_error)
    assert "无响应" in screen.message.text() and "补打列表" in screen.message.text()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3 and screen.send_button.isEnabled())
    failed = [screen.model.row_at(r) for r in range(3) if screen.model.row_at(r).status == "failed"]
    assert len(failed) == 2 and all(r.error for r in failed)
    row = next(r for r in range(3) if screen.model.row_at(r).status == "failed")
    assert screen.model.index(row, rm.STATUS).data() == "打印失败"
    with c.db.session() as s:
        jobs = s.scalars(select(PrintJob).where(PrintJob.kind == "label"))
        assert {j.attempts for j in jobs} == {1}


def test_labels_of_voided_items_are_not_offered(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    number = _order(c)
    screen = _screen(qtbot, c)
    first = next(r for r in range(3) if screen.model.row_at(r).item_number == f"{number}001")
    item_id = screen.item_ids[screen.model.row_at(first).item_number]
    with c.db.action() as s:
        void_item(s, c.clerk, c.clock, item_id, "重复登记")
    op.announce(screen.ctx, Change.ORDERS)
    assert sorted(screen.model.row_at(r).item_number for r in range(2)) == ["", f"{number}002"]
