"""The return desk on a real database: a clerk scans, hands over, mails, explains refusals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.admin.rules.roles import Actor
from counter.intake.item_status import set_item_status
from counter.intake.rules.lifecycle import ItemStatus
from counter.release import scan_for_return
from db.models import Item
from db.models_release import MailDispatch, Release
from tests.conftest import Counter
from tests.printing.pdftools import pdf_barcodes, pdf_page_texts, squash
from tests.release_world import ReleaseWorld, make_release_world
from tests.ui.conftest import show_active
from tests.ui.orders_helpers import context, type_text
from ui.common.pdf_preview import PdfPreviewDialog
from ui.common.reason_dialog import ReasonDialog
from ui.feedback.rating_dialog import RatingDialog
from ui.release import return_model as rm
from ui.release.collector_dialog import CollectorDialog
from ui.release.lists_model import RowsModel, mail_columns, ready_columns
from ui.release.mail_dialog import MailDialog
from ui.release.return_model import ReturnItemsModel
from ui.release.screen import ReturnScreen
from ui.release.unprocessed_dialog import UnprocessedDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def world(sqlite_counter: Counter) -> ReleaseWorld:
    return make_release_world(sqlite_counter)


def _screen(qtbot: QtBot, w: ReleaseWorld, actor: Actor | None = None) -> ReturnScreen:
    screen = ReturnScreen(context(w.counter, actor))
    qtbot.addWidget(screen)
    screen.resize(1300, 640)
    show_active(qtbot, screen)
    screen.focus_first()
    return screen


def _scan(qtbot: QtBot, screen: ReturnScreen, code: str) -> None:
    """What a keyboard-wedge scanner does: type the code, then Enter."""
    qtbot.keyClicks(screen.code, code)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)


def _sign(pad: QWidget) -> None:
    """The collector draws a stroke on the pad with the left button held."""
    points = [QPointF(30 + 40 * k, 40 + (k % 2) * 50) for k in range(8)]
    kinds = [QEvent.Type.MouseButtonPress] + [QEvent.Type.MouseMove] * 6
    held = Qt.MouseButton.LeftButton
    for kind, at in zip([*kinds, QEvent.Type.MouseButtonRelease], points, strict=True):
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else held
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else held
        event = QMouseEvent(kind, at, pad.mapToGlobal(at), button, buttons,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
        QApplication.sendEvent(pad, event)


def _reasons(screen: ReturnScreen) -> list[str]:
    return [screen.model.index(r, rm.REASON).data() for r in range(screen.model.rowCount())]


def _released(w: ReleaseWorld, item_ids: tuple[int, ...]) -> list[bool]:
    with w.db.session() as s:
        return [s.get(Item, i).status == "released" for i in item_ids]  # type: ignore[union-attr]


def _pdf_of(qtbot: QtBot, screen: ReturnScreen) -> bytes:
    if isinstance(screen.pending, RatingDialog):  # after a pickup the customer may rate: skip
        screen.pending.reject()
    preview = screen.pending
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(preview.isVisible)
    pdf = preview.pdf
    preview.reject()
    return pdf


def test_a_ready_order_leaves_in_three_actions(qtbot: QtBot, world: ReleaseWorld) -> None:
    w = world
    order = w.ready(5)
    screen = _screen(qtbot, w)
    actions = 0

    _scan(qtbot, screen, order.number)  # 1. scan the pickup receipt
    actions += 1
    assert screen.model.ticked_ids() == list(order.item_ids)
    assert _reasons(screen) == ["可以领取"] * 5
    assert screen.summary.text() == "共 5 件，可领取 5 件，已勾选 5 件"

    qtbot.keyClick(screen.code, Qt.Key.Key_Return)  # 2. confirm: the collector dialog, pre-filled
    actions += 1
    dialog = screen.pending
    assert isinstance(dialog, CollectorDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert (dialog.name.text(), dialog.phone.text()) == ("张三", "13800138000")

    _sign(dialog.pad)  # 3. the collector signs; Enter confirms
    with qtbot.waitSignal(screen.items_released) as released:
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    actions += 1
    assert actions <= 3
    assert released.args == ["R2026000001"]
    assert _released(w, order.item_ids) == [True] * 5
    with w.db.session() as s:
        release = s.scalars(select(Release)).one()
    assert release.signature_png and release.signature_png.startswith(PNG_MAGIC)
    assert len(release.signature_png) > 200 and not release.paper_slip
    text = squash(pdf_page_texts(_pdf_of(qtbot, screen))[0])
    certs = [f"JD2026{n:06d}" for n in range(1, 6)]
    assert "R2026000001" in text and all(text.count(n) == 1 for n in (*order.item_numbers, *certs))
    assert screen.message.text() == "交接单 R2026000001：5 件已领取"
    assert screen.model.ticked_ids() == []
    assert all(r.startswith("已于 2026-11-30 09:30 由 张三 领取") for r in _reasons(screen))


def test_part_of_an_order_on_a_paper_slip(qtbot: QtBot, world: ReleaseWorld) -> None:
    w = world
    order = w.ready(5)
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.item_numbers[0])  # an item label opens its whole order
    assert screen.model.rowCount() == 5
    screen.table.setFocus()
    for row in (3, 4):  # untick the last two with Space
        screen.table.setCurrentIndex(screen.proxy.index(row, rm.NUMBER))
        qtbot.keyClick(screen.table, Qt.Key.Key_Space)
    assert screen.model.ticked_ids() == list(order.item_ids[:3])
    qtbot.keyClick(screen.table, Qt.Key.Key_Return, CTRL)
    dialog = screen.pending
    assert isinstance(dialog, CollectorDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # nothing signed: refused
    assert dialog.message.text() == "请领取人在签字板上签名，或打印纸质交接单签字"
    dialog.name.setText("王五")
    with qtbot.waitSignal(screen.items_released):
        qtbot.mouseClick(dialog.paper_button, Qt.MouseButton.LeftButton)
    assert _released(w, order.item_ids) == [True, True, True, False, False]
    text = squash(pdf_page_texts(_pdf_of(qtbot, screen))[0])
    assert "领取人签字" in text and "王五" in text and "共3件" in text
    assert [screen.model.index(r, rm.LEAVE).data() for r in range(5)] == ["✗"] * 3 + ["✓"] * 2
    qtbot.keyClick(screen.code, Qt.Key.Key_Escape)
    screen.ctx.signals.item_opened.emit(order.item_ids[4])  # the main window's scanner caught it
    assert screen.model.ticked_ids() == list(order.item_ids[3:])
    line = screen.current_line()
    assert line is not None and line.item_id == order.item_ids[4]


def test_each_refusal_is_shown_and_a_scan_adds_nothing_it_should_not(
    qtbot: QtBot, world: ReleaseWorld
) -> None:
    w, c = world, world.counter
    order = w.receive(6)
    gone = w.ready(2)
    other = w.ready(1, customer_id=w.customer("济南眼镜店"))
    mine = w.ready(1)
    w.certify(order, [1], passed=False)
    [_fees, _too, spoilt] = w.certify(order, [2, 3, 5])
    w.bill(order)
    with w.db.action() as s:
        set_item_status(s, c.clerk, c.clock, order.item_ids[0], ItemStatus.VOIDED, "客户撤回")
    w.spoil(spoilt)
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, gone.number)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    dialog = screen.pending
    assert isinstance(dialog, CollectorDialog)
    _sign(dialog.pad)
    with qtbot.waitSignal(screen.items_released):
        dialog.submit()
    _pdf_of(qtbot, screen)

    _scan(qtbot, screen, order.number)
    reasons = _reasons(screen)
    fees = reasons[3]
    assert reasons[2] == fees and fees.startswith("费用未结清：清单 F2026000001 应收 ¥")
    assert reasons[:2] == ["已作废", f"证书尚未终审；{fees}"]  # every reason, not the first
    assert reasons[4] == f"仍在检定中；{fees}"
    assert reasons[5].startswith("证书有 2 项阻断性缺陷未处理：[C05-NOT-AUTHORISED] ")
    assert reasons[5].endswith(fees)
    assert screen.model.ticked_ids() == [] and not screen.buttons["pickup"].isEnabled()
    _scan(qtbot, screen, "ABC")
    assert screen.message.text() == "无法识别的条码：ABC（不是本所的收件编号或委托单号）"
    _scan(qtbot, screen, gone.item_numbers[1])  # a released item says when and to whom
    assert screen.message.text() == (
        f"器具 {gone.item_numbers[1]}：已于 2026-11-30 09:30 由 张三 领取"
    )
    assert screen.model.rowCount() == 2

    _scan(qtbot, screen, mine.number)
    assert screen.model.ticked_ids() == [mine.item_ids[0]]  # a pickup is under way
    _scan(qtbot, screen, gone.number)  # the same customer's other order joins it
    assert screen.model.rowCount() == 3
    with qtbot.waitSignal(screen.scan_refused) as refused:
        _scan(qtbot, screen, other.item_numbers[0])
    assert refused.args == [
        f"{other.item_numbers[0]} 属于“济南眼镜店”，不是本次领取的“聊城计量器具有限公司”，未加入。"
        "接待下一位客户请先按 Esc 清空。"
    ]
    assert screen.model.rowCount() == 3 and screen.message.is_error
    qtbot.keyClick(screen.code, Qt.Key.Key_Escape)
    _scan(qtbot, screen, other.item_numbers[0])
    assert screen.model.rowCount() == 1 and screen.customer_name == "济南眼镜店"


def test_mail_dispatch_with_an_address_label_and_search(qtbot: QtBot, world: ReleaseWorld) -> None:
    w = world
    order = w.ready(2, way="mail")
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.number)
    qtbot.keyClick(screen.code, Qt.Key.Key_M, CTRL)
    dialog = screen.pending
    assert isinstance(dialog, MailDialog)
    assert dialog.address.toPlainText() == "山东省聊城市东昌府区 1 号"
    assert dialog.recipient.text() == "张三"
    dialog.address.setPlainText("山东省聊城市东昌府区 9 号 收发室")
    with qtbot.waitSignal(screen.items_released):
        _scan_into(qtbot, dialog, "SF9876543210")
    label = _pdf_of(qtbot, screen)
    assert pdf_barcodes(label) == ["SF9876543210"]
    assert "山东省聊城市东昌府区9号收发室" in squash(pdf_page_texts(label)[0])
    with w.db.session() as s:
        mail = s.scalars(select(MailDispatch)).one()
    assert (mail.courier, mail.tracking_number) == ("顺丰速运", "SF9876543210")
    assert _released(w, order.item_ids) == [True, True]
    screen.tabs.setCurrentWidget(screen.tracking)
    type_text(screen.tracking.field, "98765")
    qtbot.keyClick(screen.tracking.field, Qt.Key.Key_Return)
    assert screen.tracking.model.rowCount() == 1
    assert screen.tracking.model.index(0, 2).data() == "R2026000001"


def _scan_into(qtbot: QtBot, dialog: MailDialog, code: str) -> None:
    qtbot.keyClicks(dialog.tracking, code)
    qtbot.keyClick(dialog.tracking, Qt.Key.Key_Return)


def test_return_unprocessed_and_the_lists(qtbot: QtBot, world: ReleaseWorld) -> None:
    w = world
    order = w.receive(2)
    w.certify(order, [1])
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.item_numbers[0])
    qtbot.keyClick(screen.code, Qt.Key.Key_U, CTRL)
    dialog = screen.pending
    assert isinstance(dialog, UnprocessedDialog)
    type_text(dialog.reason, "传感器损坏，无法检定")
    type_text(dialog.note, "请修理后再送检，本次不收费")
    dialog.submit()
    assert _reasons(screen)[0] == "退回未检：请修理后再送检，本次不收费"
    assert screen.model.ticked_ids() == list(order.item_ids)
    screen.tabs.setCurrentWidget(screen.lists)
    lists = screen.lists
    assert lists.ready.rowCount() == 1 and lists.unprocessed.rowCount() == 1
    assert lists.unprocessed.index(0, 5).data() == "请修理后再送检，本次不收费"
    assert "其中 1 件未能检定，原样退回" in lists.text.toPlainText()
    with qtbot.waitSignal(lists.message_copied):
        qtbot.mouseClick(lists.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == lists.text.toPlainText()


def test_a_supervisor_releases_an_account_customers_items_unpaid(
    qtbot: QtBot, world: ReleaseWorld
) -> None:
    w = world
    order = w.ready(2, customer_id=w.customer("济南第一医院", account=True))
    w.bill(order)
    clerk_screen = _screen(qtbot, w)
    assert not clerk_screen.buttons["unpaid"].isVisible()
    screen = _screen(qtbot, w, w.supervisor)
    _scan(qtbot, screen, order.number)
    assert screen.buttons["unpaid"].isEnabled() and screen.model.ticked_ids() == []
    qtbot.keyClick(screen.code, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = screen.pending
    assert isinstance(dialog, ReasonDialog)
    type_text(dialog.reason, "月结客户，月底统一结算")
    dialog.submit()
    assert screen.model.ticked_ids() == list(order.item_ids)
    assert _reasons(screen)[0] == "可以领取（记账客户，孙丽 批准欠费放行：月结客户，月底统一结算）"


def test_models_pass_the_model_tester(qtmodeltester: ModelTester, world: ReleaseWorld) -> None:
    w = world
    order = w.ready(3)
    model = ReturnItemsModel()
    with w.db.session() as s:
        model.set_rows(scan_for_return(s, order.number).lines)
    qtmodeltester.check(model)
    assert model.index(0, rm.LEAVE).data() == "✓"
    assert model.index(0, rm.TICK).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    qtmodeltester.check(RowsModel(ready_columns()))
    qtmodeltester.check(RowsModel(mail_columns()))


def test_the_request_to_sign_goes_away_once_signed(qtbot: QtBot, world: ReleaseWorld) -> None:
    w = world
    order = w.ready(1)
    screen = _screen(qtbot, w)
    _scan(qtbot, screen, order.number)
    qtbot.keyClick(screen.code, Qt.Key.Key_Return)
    dialog = screen.pending
    assert isinstance(dialog, CollectorDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter before signing: asked to sign
    assert dialog.message.text() == "请领取人在签字板上签名，或打印纸质交接单签字"
    _sign(dialog.pad)
    assert dialog.message.text() == ""
    with qtbot.waitSignal(screen.items_released):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert _released(w, order.item_ids) == [True]
