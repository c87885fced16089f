"""A clerk's recall day: the month's due list by customer, a plan, reminders into the
outbox, sent into a folder (a landline fails by name), an answer recorded; the batch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models_archive import OutboxMessage
from tests.conftest import Counter
from tests.ui.archive.recall_world import click, host, loaded, make_world
from tests.ui.conftest import make_ctx, when_modal
from ui.archive import due_model as dm
from ui.archive.dialogs import DraftDialog, FolderDialog
from ui.archive.outbox_screen import OutboxScreen
from ui.archive.recall_screen import RecallScreen
from ui.common.dialogs import ok_button
from ui.common.reason_dialog import WriteWithReason


def _listed(qtbot: QtBot, screen: RecallScreen) -> dict[str, list[str]]:
    """customer → the serials of its instruments, as the tree shows them once expanded."""
    loaded(qtbot, screen)
    model, found = screen.model, {}
    for row in range(model.rowCount()):
        head = model.index(row, dm.NAME)
        assert model.rowCount(head) == 0 and model.hasChildren(head)  # read when expanded
        screen.tree.expand(head)
        found[head.data()] = [
            model.index(child, dm.SERIAL, head).data() for child in range(model.rowCount(head))
        ]
    return found


def _draft_for_all(channel: str) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, DraftDialog)
        dialog.channel.setCurrentIndex(dialog.channel.findData(channel))
        dialog.listed.setChecked(True)
        dialog.ok_button.click()

    return answer


def _into(folder: Path, channel: str | None = None) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, FolderDialog)
        if channel is not None:
            assert dialog.channel is not None
            dialog.channel.setCurrentIndex(dialog.channel.findData(channel))
        dialog.folder.setText(str(folder))
        dialog.ok_button.click()

    return answer


def _statuses(c: Counter) -> dict[int, str]:
    with c.db.session() as s:
        return {m.customer_id: m.status for m in s.scalars(select(OutboxMessage))}


def test_a_month_of_due_instruments_by_customer_and_a_customer_opened(
    qtbot: QtBot, sqlite_counter: Counter
) -> None:
    w = make_world(sqlite_counter)
    screen = RecallScreen(make_ctx(sqlite_counter))
    host(qtbot, screen)
    loaded(qtbot, screen)
    # next month by default: December 2026, each customer with its instruments
    assert _listed(qtbot, screen) == {
        "明镜眼镜有限公司": ["L1"],
        "聊城计量器具有限公司": ["J1", "P1"],
    }
    assert "2 家客户，3 件器具" in screen.count_label.text()
    assert screen.model.index(0, dm.SERIAL).data() == "1 件"
    screen.filters.month.setDate(QDate(2027, 2, 1))
    screen.filters.overdue.setChecked(False)
    assert _listed(qtbot, screen) == {"示例粮食收储公司": ["F1"]}
    screen.filters.month.setDate(QDate(2026, 12, 1))
    screen.filters.sector.setCurrentIndex(screen.filters.sector.findData("眼镜店"))
    assert list(_listed(qtbot, screen)) == ["明镜眼镜有限公司"]
    screen.filters.customer.setText("聊城")
    screen.filters.customer.editingFinished.emit()
    assert _listed(qtbot, screen) == {}
    screen.filters.sector.setCurrentIndex(0)
    assert list(_listed(qtbot, screen)) == ["聊城计量器具有限公司"]
    assert "1 家客户，2 件器具" in screen.count_label.text()
    rect = screen.tree.visualRect(screen.model.index(0, dm.NAME))
    viewport = screen.tree.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(screen.ctx.signals.customer_opened) as opened:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [w.counter.customer_id]


def test_a_plan_previewed_for_the_selected_customer(qtbot: QtBot, sqlite_counter: Counter) -> None:
    w = make_world(sqlite_counter)
    screen = RecallScreen(make_ctx(sqlite_counter))
    host(qtbot, screen)
    loaded(qtbot, screen)
    click(qtbot, screen.buttons["plan"])
    assert screen.message.text() == "请先选择一家客户" and screen.preview is None
    screen.select_customer(w.counter.customer_id)
    click(qtbot, screen.buttons["plan"])
    assert screen.preview is not None
    assert screen.preview.document.status() == QPdfDocument.Status.Ready
    assert screen.preview.windowTitle() == "周检计划 — 聊城计量器具有限公司"
    screen.preview.close()
    click(qtbot, screen.buttons["notice"])  # the scale is compulsory
    assert "强制检定通知书" in screen.preview.windowTitle()
    screen.preview.close()


def test_reminders_drafted_sent_failed_by_name_and_answered(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    w = make_world(sqlite_counter)
    c = w.counter
    ctx = make_ctx(c)
    recall = RecallScreen(ctx)
    host(qtbot, recall)
    loaded(qtbot, recall)
    when_modal(_draft_for_all("sms"))
    click(qtbot, recall.buttons["draft"])
    assert recall.result_dialog is not None
    assert "已起草 2 条短信提醒" in recall.result_dialog.text()
    recall.result_dialog.close()
    assert _statuses(c) == {w.shop: "drafted", c.customer_id: "drafted"}
    # the same again: nothing new, the instruments counted as already reminded
    when_modal(_draft_for_all("sms"))
    click(qtbot, recall.buttons["draft"])
    assert "已起草 0 条" in recall.message.text() and "3 件器具已提醒过" in recall.message.text()
    recall.result_dialog.close()

    box = OutboxScreen(ctx)
    host(qtbot, box)
    assert [r.status for r in box.model.rows()] == ["drafted", "drafted"]
    assert "电子计价秤" in box.text.toPlainText()
    box.status.setCurrentIndex(box.status.findData("sent"))
    assert box.model.rowCount() == 0
    box.status.setCurrentIndex(0)
    outgoing = tmp_path / "out"
    when_modal(_into(outgoing, "sms"))
    click(qtbot, box.buttons["send"])
    qtbot.waitUntil(lambda: box.result_dialog is not None, timeout=10000)
    assert box.result_dialog is not None
    report = box.result_dialog.text()
    assert "已发送 1 条，失败 1 条" in report
    assert "失败：明镜眼镜有限公司（0635-1234567）：号码无效" in report
    assert [p.suffix for p in outgoing.iterdir()] == [".csv"]
    assert "13800138000" in next(outgoing.iterdir()).read_text(encoding="utf-8-sig")
    box.result_dialog.close()
    assert _statuses(c) == {w.shop: "failed", c.customer_id: "sent"}
    failed = next(r for r in box.model.rows() if r.status == "failed")
    assert "号码无效" in failed.status_reason

    sent = next(r for r in box.model.rows() if r.status == "sent")
    box.select_message(sent.id)

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, WriteWithReason)
        ok_button(dialog.buttons).click()  # no answer typed: refused, the dialog stays
        assert "请填写客户的答复" in dialog.message.text()
        dialog.reason.setPlainText("下周二送检")
        ok_button(dialog.buttons).click()

    when_modal(answer)
    click(qtbot, box.buttons["answered"])
    assert _statuses(c)[c.customer_id] == "answered"
    assert box.current() is not None and box.current().answer == "下周二送检"  # type: ignore[union-attr]


def test_the_months_batch_writes_its_files_and_says_what_it_did(
    qtbot: QtBot, sqlite_counter: Counter, tmp_path: Path
) -> None:
    make_world(sqlite_counter)
    screen = RecallScreen(make_ctx(sqlite_counter))
    host(qtbot, screen)
    loaded(qtbot, screen)
    when_modal(_into(tmp_path / "recall"))
    click(qtbot, screen.buttons["batch"])
    qtbot.waitUntil(lambda: screen.result_dialog is not None, timeout=20000)
    assert screen.result_dialog is not None
    assert "2 家客户，3 件器具；写出 5 个文件，0 家失败" in screen.result_dialog.text()
    names = sorted(p.name for p in (tmp_path / "recall").iterdir())
    assert "周检到期清单-202612.xlsx" in names
    assert sum("周检计划" in n for n in names) == 2
    assert sum("强制检定通知书" in n for n in names) == 2
    screen.result_dialog.close()
