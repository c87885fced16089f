"""Lab staff: reopening an imported certificate keeps it whole, withdrawing it from review is
asked, the supervisor's reason is shown, and the work list opens the form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.certificates.imports import import_certificates_json
from counter.certificates.review import send_back
from counter.certificates.rules import StandardUsed, certificates_to_json
from counter.certificates.service import save_certificate
from counter.certificates.store import certificate_of
from db.models_certificates import CertificateRecord
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter
from tests.ui.conftest import show_active, wait_active, when_modal
from tests.ui.orders_helpers import context
from ui.certificates import defects_model as dm
from ui.certificates import import_findings_model as fm
from ui.certificates import work_list_model as wm
from ui.certificates.form import CertificateForm
from ui.certificates.import_dialog import CertificateImportDialog
from ui.certificates.lab_work_screen import LabWorkScreen
from ui.common.messages import events
from ui.shell.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
OUTSIDE = StandardUsed("外来标准砝码", "1 g~10 kg", "F1级", "JZ2026-0001", dt.date(2027, 6, 30), "")


@pytest.fixture
def world(sqlite_counter: Counter) -> CertWorld:
    return make_world(sqlite_counter)


def _click(text: str) -> None:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        button = next(b for b in dialog.buttons() if b.text() == text)
        assert isinstance(button, QAbstractButton)
        button.click()

    when_modal(answer)


def _stored(w: CertWorld) -> CertificateRecord:
    with w.counter.db.session() as s:
        row = s.scalars(select(CertificateRecord)).one()
        s.expunge(row)
        return row


def test_an_imported_certificate_keeps_its_standards_and_asks_before_leaving_review(
    qtbot: QtBot, world: CertWorld
) -> None:
    w = world
    cert = w.scale(0, standards=(*w.scale(0).standards, OUTSIDE), record_number="")
    with w.counter.db.action() as s:
        assert import_certificates_json(s, w.lab, w.counter.clock, certificates_to_json([cert])).ok
    form = CertificateForm(context(w.counter, w.lab), w.item_ids[0])
    qtbot.addWidget(form)
    show_active(qtbot, form)
    assert "待终审" in form.header.text()
    codes = [form.defects.index(r, dm.CODE).data() for r in range(form.defects.rowCount())]
    assert codes == ["C10-RECORD-MISSING"]  # the stored check, shown on opening
    others = form.fields.other_standards
    assert others.rowCount() == 1 and others.index(0, 0).data() == "外来标准砝码"

    _click("取消")  # the clerk thinks again: nothing is saved
    with qtbot.waitSignal(events().shown) as asked:
        qtbot.keyClick(form.fields.number, Qt.Key.Key_S, CTRL_SHIFT)
    assert asked.args is not None and "撤出终审队列" in asked.args[1]
    assert _stored(w).status == "awaiting_review" and _stored(w).revision == 1
    wait_active(qtbot, form)

    _click("撤出终审并存为草稿")
    with qtbot.waitSignal(form.certificate_saved):
        qtbot.keyClick(form.fields.number, Qt.Key.Key_S, CTRL_SHIFT)
    row = _stored(w)
    assert row.status == "draft"
    assert OUTSIDE in certificate_of(row).standards  # nothing imported was lost
    assert "证书状态：草稿" in form.header.text()
    assert "须重新提交终审" in form.message.text()
    with qtbot.waitSignal(form.certificate_saved):
        form.save_button.click()
    assert "证书状态：待终审" in form.header.text() and _stored(w).status == "awaiting_review"


def test_the_work_list_shows_the_reason_and_opens_the_form(
    qtbot: QtBot, qtmodeltester: ModelTester, world: CertWorld
) -> None:
    w = world
    with w.counter.db.action() as s:
        cid = save_certificate(s, w.lab, w.counter.clock, w.scale(0)).certificate_id
    with w.counter.db.action() as s:
        send_back(s, w.supervisor, w.counter.clock, cid, "结论写错了")
    screen = LabWorkScreen(context(w.counter, w.lab))
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    assert screen.rows.rowCount() == 1  # "mine"
    qtmodeltester.check(screen.rows)
    screen.views.setCurrentIndex(1)  # returned to me
    assert screen.rows.rowCount() == 1
    assert "结论写错了" in screen.rows.index(0, wm.REASON).data()
    screen.views.setCurrentIndex(3)  # waiting for review
    assert screen.rows.rowCount() == 0
    screen.views.setCurrentIndex(1)
    screen.table.setFocus()
    with qtbot.waitSignal(screen.form_opened):
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    form = screen.form
    assert form is not None
    qtbot.waitExposed(form)
    assert form.send_back.isVisible() and "结论写错了" in form.send_back.text()
    assert "已退回" in form.header.text()
    with qtbot.waitSignal(form.certificate_saved):
        form.save_button.click()
    assert not form.send_back.isVisible()
    assert screen.rows.rowCount() == 0  # resubmitted: no longer "returned to me"
    form.close()


def test_the_import_result_lists_each_blocking_defect(
    qtbot: QtBot, world: CertWorld, tmp_path: Path
) -> None:
    w = world
    path = tmp_path / "lab.json"
    path.write_bytes(certificates_to_json([w.scale(0, record_number=""), w.scale(1)]))
    dialog = CertificateImportDialog(context(w.counter, w.lab))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.set_files([path])
    with qtbot.waitSignal(dialog.certificates_imported):
        dialog.import_button.click()
    assert "其中 1 份有阻断性缺陷" in dialog.message.text()
    assert dialog.findings_table.isVisible() and dialog.findings.rowCount() == 1
    assert dialog.findings.index(0, fm.CODE).data() == "C10-RECORD-MISSING"
    assert dialog.findings.index(0, fm.MESSAGE).data() == "缺原始记录编号"
    with w.counter.db.session() as s:
        number = s.scalars(
            select(CertificateRecord.number).where(CertificateRecord.blocking_count > 0)
        ).one()
    assert dialog.findings.index(0, fm.NUMBER).data() == number


def test_lab_staff_find_their_work_list_in_the_main_window(qtbot: QtBot, world: CertWorld) -> None:
    w = world
    titles = {}
    for actor in (w.lab, w.supervisor):
        window = MainWindow(context(w.counter, actor))
        qtbot.addWidget(window)
        titles[actor.username] = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "检定工作" in titles[w.lab.username]
    assert "检定工作" not in titles[w.supervisor.username]  # the supervisor reviews, not enters
