"""A quality supervisor at the review screen: the queue, the defects, an override, a pass."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.certificates.review import review_queue
from counter.certificates.service import save_certificate
from db.models import AuditEntry, Item
from db.models_certificates import CertificateRecord
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter
from tests.ui.conftest import show_active, when_modal
from tests.ui.orders_helpers import context, type_text
from ui.certificates import defects_model as dm
from ui.certificates import review_model as rm
from ui.certificates.defects_model import DefectsModel
from ui.certificates.review_model import ReviewQueueModel
from ui.certificates.review_screen import ReviewScreen
from ui.common.reason_dialog import ReasonDialog

REASON = "铭牌磨损，客户到场确认出厂编号为 A128"


@pytest.fixture
def world(sqlite_counter: Counter) -> CertWorld:
    w = make_world(sqlite_counter)
    with w.counter.db.action() as s:
        save_certificate(s, w.lab, w.counter.clock, w.scale(0, serial="A128"))
        save_certificate(s, w.lab, w.counter.clock, w.scale(1))
    return w


def _screen(qtbot: QtBot, w: CertWorld) -> ReviewScreen:
    screen = ReviewScreen(context(w.counter, w.supervisor))
    qtbot.addWidget(screen)
    screen.resize(1200, 860)
    show_active(qtbot, screen)
    return screen


def _answer(box: QWidget, choice: str, asked: list[str]) -> None:
    """Answer a confirmation by clicking the button named `choice`."""
    assert isinstance(box, QMessageBox)
    asked.append(box.text())
    QTest.mouseClick(
        next(b for b in box.buttons() if b.text() == choice), Qt.MouseButton.LeftButton
    )


def test_models_pass_the_model_tester(qtmodeltester: ModelTester, world: CertWorld) -> None:
    model = ReviewQueueModel()
    with world.counter.db.session() as s:
        model.set_rows(review_queue(s))
    qtmodeltester.check(model)
    assert model.index(0, rm.BLOCKING).data() == "1" and model.index(1, rm.BLOCKING).data() == "0"
    assert model.index(0, rm.TYPE).data() == "检定证书"
    defects = DefectsModel()
    qtmodeltester.check(defects)


def test_supervisor_overrides_with_a_reason_and_passes(
    qtbot: QtBot, qtmodeltester: ModelTester, world: CertWorld
) -> None:
    w = world
    screen = _screen(qtbot, w)
    assert screen.queue.rowCount() == 2
    screen.focus_first()  # the oldest: the scale with the wrong serial
    qtbot.waitUntil(lambda: screen.detail is not None)
    detail = screen.detail
    assert detail is not None and detail.item_number == w.item_numbers[0]
    assert screen.pdf.page_count() >= 2
    assert screen.defects.rowCount() == 1
    assert screen.defects.index(0, dm.CODE).data() == "C07-INTAKE-MISMATCH"
    assert screen.defects.index(0, dm.MESSAGE).data() == (
        "出厂编号与收件登记不一致：登记 A120，证书 A128"
    )
    assert screen.defects.index(0, dm.OVERRIDABLE).data() == "可"
    qtmodeltester.check(screen.defects)
    assert not screen.pass_button.isEnabled()
    assert "还有 1 项阻断性缺陷未处理" in screen.why_not.text()

    screen.defect_table.setFocus()
    screen.defect_table.selectRow(0)
    assert screen.override_button.isEnabled()
    qtbot.keyClick(screen.defect_table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.pending
    assert isinstance(dialog, ReasonDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.submit()  # no reason: refused, the dialog stays
    assert dialog.message.text() == "放行缺陷需要写明理由"
    type_text(dialog.reason, REASON)
    with qtbot.waitSignal(screen.defect_overridden) as overridden:
        dialog.submit()
    assert overridden.args == [detail.certificate_id, "C07-INTAKE-MISMATCH@serial"]
    qtbot.waitUntil(lambda: screen.pass_button.isEnabled())
    assert REASON in screen.defects.index(0, dm.OVERRIDE).data()

    show_active(qtbot, screen)
    asked: list[str] = []
    when_modal(lambda box: _answer(box, "取消", asked))  # Ctrl+Return asks first; 取消: nothing
    qtbot.keyClick(screen.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked == [f"通过证书 {detail.number} 的终审？通过后证书即可发放给客户。"]
    assert screen.queue.rowCount() == 2 and screen.pass_button.isEnabled()
    show_active(qtbot, screen)
    when_modal(lambda box: _answer(box, "通过终审", asked))
    with qtbot.waitSignal(screen.certificate_passed) as passed:
        qtbot.keyClick(screen.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert passed.args == [detail.certificate_id] and len(asked) == 2
    assert screen.queue.rowCount() == 1
    assert screen.message.text() == f"证书 {detail.number} 已通过终审"

    with w.counter.db.session() as s:
        row = s.get(CertificateRecord, detail.certificate_id)
        item = s.get(Item, w.item_ids[0])
        actions = {
            a.action: a
            for a in s.scalars(select(AuditEntry).where(AuditEntry.entity_key == detail.number))
        }
    assert row is not None and row.status == "passed"
    assert item is not None and item.status == "checked"
    assert actions["certificate.override"].reason == REASON
    assert actions["certificate.override"].user_id == w.supervisor.id
    assert actions["certificate.pass"].user_id == w.supervisor.id


def test_send_back_with_a_comment(qtbot: QtBot, world: CertWorld) -> None:
    w = world
    screen = _screen(qtbot, w)
    screen.focus_first()
    qtbot.waitUntil(lambda: screen.detail is not None)
    qtbot.keyClick(screen.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.pending
    assert isinstance(dialog, ReasonDialog)
    type_text(dialog.reason, "请核对铭牌上的出厂编号")
    with qtbot.waitSignal(screen.certificate_returned):
        dialog.submit()
    assert screen.queue.rowCount() == 1 and screen.detail is None
    with w.counter.db.session() as s:
        assert s.get(Item, w.item_ids[0]).status == "in_lab"  # type: ignore[union-attr]


def test_the_certificate_pane_zooms_with_the_keys_and_buttons(
    qtbot: QtBot, world: CertWorld
) -> None:
    screen = _screen(qtbot, world)
    screen.focus_first()
    qtbot.waitUntil(lambda: screen.detail is not None)
    view = screen.pdf.view
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    fitted = view.zoomFactor()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(screen.table, Qt.Key.Key_Plus, ctrl)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    assert view.zoomFactor() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(screen.table, Qt.Key.Key_Equal, ctrl)  # Ctrl++ without Shift
    assert view.zoomFactor() == pytest.approx(fitted * 1.25 * 1.25)
    qtbot.keyClick(screen.table, Qt.Key.Key_Minus, ctrl)
    assert view.zoomFactor() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(screen.table, Qt.Key.Key_0, ctrl)
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    qtbot.mouseClick(screen.pdf.zoom_in, Qt.MouseButton.LeftButton)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom and view.zoomFactor() > fitted
    qtbot.mouseClick(screen.pdf.fit, Qt.MouseButton.LeftButton)
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
