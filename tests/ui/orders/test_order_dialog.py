"""The order dialog on a real database: voids, corrections, holds, refusals, reprints."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.admin.rules.roles import Actor
from counter.admin.settings import save_settings
from counter.changes import Change
from counter.intake.receive import ItemDraft
from counter.intake.rules.lifecycle import ItemStatus
from db.models import AuditEntry, Order, PrintJob
from tests.conftest import TEST_INSTITUTE, Counter, add_user
from tests.printing.fake_printer import FakePrinter, closed_port
from tests.printing.pdftools import pdf_page_count
from tests.ui.orders_helpers import announces, context, item, item_ids, save, type_id, type_text
from ui.common.reason_dialog import ReasonDialog
from ui.orders.item_correct_dialog import ItemCorrectDialog
from ui.orders.order_dialog import OrderDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _order(counter: Counter) -> tuple[int, list[int]]:
    saved = save(
        counter,
        ItemDraft(type_id(counter, "电子计价秤"), model="ACS-3", serial="A1"),
        ItemDraft(type_id(counter, "血压计和血压表"), serial="B7", urgency="urgent"),
        note="外壳有划痕",
    )
    return saved.order_id, item_ids(counter, saved.order_id)


def _dialog(
    qtbot: QtBot, counter: Counter, actor: Actor | None = None, focus: int | None = None
) -> OrderDialog:
    order_id, _items = _order(counter)
    dialog = OrderDialog(context(counter, actor), order_id, focus_item_id=focus)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _answer(qtbot: QtBot, dialog: OrderDialog, reason: str) -> ReasonDialog:
    pending = dialog.pending
    assert isinstance(pending, ReasonDialog) and pending.isVisible()
    if reason:
        type_text(pending.reason, reason)
    qtbot.mouseClick(pending.ok_button, Qt.MouseButton.LeftButton)
    return pending


def _audit(counter: Counter, action: str) -> list[AuditEntry]:
    with counter.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_shows_the_order_and_selects_the_focused_item(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    order_id, (_first, second) = _order(c)
    dialog = OrderDialog(context(c), order_id, focus_item_id=second)
    qtbot.addWidget(dialog)
    header = dialog.header.fields
    assert header["customer"].text() == "聊城计量器具有限公司"
    assert header["clerk"].text() == "王收发"
    assert header["received"].text() == "2026-11-23 09:30"
    assert header["note"].text() == "外壳有划痕"
    assert header["contact"].text() == "张三 13800138000"
    assert dialog.model.rowCount() == 2
    assert [r.id for r in dialog.selected_items()] == [second]
    row = dialog.model.row_at(1)
    assert (row.instrument, row.department, row.serial) == ("血压计和血压表", "医疗", "B7")
    assert dialog.model.index(1, 7).data() == "加急"
    assert dialog.model.index(0, 9).data() == "已收件"


def test_void_item_with_a_reason(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    dialog = _dialog(qtbot, c)
    item_id = dialog.selected_items()[0].id
    with announces(qtbot, dialog.ctx, Change.ORDERS):
        dialog.void_item_action.trigger()
        _answer(qtbot, dialog, "重复登记")
    voided = item(c, item_id)
    assert (voided.status, voided.void_reason) == ("voided", "重复登记")
    (entry,) = _audit(c, "item.voided")
    assert entry.reason == "重复登记" and entry.entity_key == voided.number
    assert dialog.model.index(0, 9).data() == "已作废"
    assert dialog.model.index(0, 10).data() == "重复登记"
    assert "已改为“已作废”" in dialog.message.text()
    assert not dialog.void_item_action.isEnabled()  # already voided


def test_void_without_a_reason_is_refused_with_the_message(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    c = sqlite_counter
    dialog = _dialog(qtbot, c)
    item_id = dialog.selected_items()[0].id
    dialog.void_item_action.trigger()
    pending = _answer(qtbot, dialog, "")
    assert pending.isVisible() and pending.message.is_error
    assert pending.message.text() == "改为“已作废”需要填写原因"
    assert item(c, item_id).status == "received"
    dialog.void_order_action.trigger()
    pending = _answer(qtbot, dialog, "")
    assert pending.message.text() == "作废委托单需要填写原因"


def test_void_order_shows_the_void_state(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    dialog = _dialog(qtbot, c)
    dialog.void_order_action.trigger()
    _answer(qtbot, dialog, "客户撤回")
    with c.db.session() as s:
        order = s.get(Order, dialog.order_id)
        assert order is not None and order.void_reason == "客户撤回"
    assert dialog.header.void_state.isVisible()
    assert dialog.header.void_state.text() == "本委托单已作废：客户撤回（王收发，2026-11-23 09:30）"
    assert dialog.header.fields["status"].text() == "已作废"
    assert not dialog.void_order_action.isEnabled()


def test_correct_item_writes_before_and_after(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    dialog = _dialog(qtbot, c)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    pending = dialog.pending
    assert isinstance(pending, ItemCorrectDialog)
    assert pending.edits["serial"].text() == "A1"
    pending.edits["serial"].selectAll()
    qtbot.keyClicks(pending.edits["serial"], "A10")
    qtbot.keyClick(pending.edits["serial"], Qt.Key.Key_Return)
    assert pending.message.text() == "更正需要填写原因"
    type_text(pending.reason, "铭牌看错")
    with announces(qtbot, dialog.ctx, Change.ORDERS):
        qtbot.keyClick(pending.reason, Qt.Key.Key_Return)
    (entry,) = _audit(c, "item.correct")
    assert json.loads(entry.before) == {"serial": "A1"}
    assert json.loads(entry.after) == {"serial": "A10"}
    assert entry.reason == "铭牌看错"
    assert dialog.model.row_at(0).serial == "A10"


def test_billing_user_gets_the_permission_message(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    dialog = _dialog(qtbot, c, actor=c.billing)
    assert not dialog.void_item_action.isEnabled()
    assert not dialog.correct_action.isEnabled()
    # not offered at all: no button for what the role may not do
    shown = {b.text() for b in dialog.findChildren(QToolButton) if b.isVisible()}
    assert shown == {"客户档案", "关闭"}  # looking is for everyone
    dialog.void_item()  # the domain refuses even when the button is bypassed
    pending = _answer(qtbot, dialog, "不要了")
    assert pending.message.text() == "李开票 没有“作废”权限"
    assert item(c, dialog.selected_items()[0].id).status == "received"


def test_hold_and_return_unprocessed(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    dialog = _dialog(qtbot, c)
    first, second = (r.id for r in (dialog.model.row_at(0), dialog.model.row_at(1)))
    dialog.hold_action.trigger()
    _answer(qtbot, dialog, "等客户确认量程")
    assert item(c, first).status == "on_hold"
    assert dialog.header.fields["status"].text() == "暂停"
    dialog.table.selectRow(1)
    dialog.return_action.trigger()
    _answer(qtbot, dialog, "无法检定")
    assert (item(c, second).status, item(c, second).status_reason) == (
        "returned_unprocessed",
        "无法检定",
    )
    lab = add_user(c, "lab", "赵检定", "lab")
    lab_dialog = OrderDialog(context(c, lab), dialog.order_id)
    qtbot.addWidget(lab_dialog)
    lab_dialog.show()
    assert not lab_dialog.hold_action.isEnabled()
    lab_dialog.table.selectRow(0)
    lab_dialog.change_status(ItemStatus.ON_HOLD)
    assert _answer(qtbot, lab_dialog, "x").message.text() == "赵检定 没有“收件登记”权限"


def test_labels_go_to_the_label_printer(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    with FakePrinter("zpl") as printer:
        with c.db.action() as s:
            save_settings(
                s,
                c.admin,
                c.clock,
                dataclasses.replace(TEST_INSTITUTE, label_printer=f"127.0.0.1:{printer.port}"),
            )
        dialog = _dialog(qtbot, c)
        assert dialog.send_action.isVisible()
        item_id = dialog.selected_items()[0].id
        qtbot.keyClick(dialog.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "已发送 1 张标签" in dialog.message.text())
        received = printer.wait()
    assert item(c, item_id).number.encode() in received
    with c.db.session() as s:
        job = s.scalar(select(PrintJob).where(PrintJob.item_id == item_id))
        assert job is not None and job.status == "printed"


def test_a_dead_label_printer_is_reported(qtbot: QtBot, sqlite_counter: Counter) -> None:
    c = sqlite_counter
    port = closed_port()
    with c.db.action() as s:
        save_settings(
            s,
            c.admin,
            c.clock,
            dataclasses.replace(TEST_INSTITUTE, label_printer=f"127.0.0.1:{port}"),
        )
    dialog = _dialog(qtbot, c)
    dialog.send_action.trigger()
    qtbot.waitUntil(lambda: dialog.message.is_error and "无响应" in dialog.message.text())
    assert dialog.send_action.isEnabled()
    with c.db.session() as s:
        job = s.scalar(select(PrintJob).where(PrintJob.item_id == dialog.selected_items()[0].id))
        assert job is not None and job.status == "failed"


def test_reprint_preview_marks_the_receipt_printed(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    c = sqlite_counter
    dialog = _dialog(qtbot, c)
    dialog.receipt_action.trigger()
    qtbot.waitUntil(lambda: dialog.printer.preview is not None)
    preview = dialog.printer.preview
    assert preview is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # the print dialog's "print to file"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "receipt.pdf"))
    with announces(qtbot, dialog.ctx, Change.PRINTS):
        assert preview.print_document(printer)  # type: ignore[attr-defined]
    assert pdf_page_count((tmp_path / "receipt.pdf").read_bytes()) == 1
    with c.db.session() as s:
        job = s.scalar(
            select(PrintJob).where(PrintJob.order_id == dialog.order_id, PrintJob.kind == "receipt")
        )
        assert job is not None and job.status == "printed"
    preview.close()
