"""Lab staff's certificate form, the JSON import dialog, and the registers screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.certificates.rules import SignRole, certificates_to_json
from db.models import AuditEntry, Item
from db.models_certificates import CertificateRecord, StandardEntry
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter
from tests.ui.conftest import show_active
from tests.ui.orders_helpers import context, type_text
from ui.certificates import defects_model as dm
from ui.certificates import import_problems_model as pm
from ui.certificates.form import CertificateForm
from ui.certificates.import_dialog import CertificateImportDialog
from ui.certificates.register_dialogs import StandardDialog
from ui.certificates.registers_screen import RegistersScreen
from ui.certificates.rows_model import RowsModel
from ui.certificates.standards_model import StandardsModel


@pytest.fixture
def world(sqlite_counter: Counter) -> CertWorld:
    return make_world(sqlite_counter)


def _fill(model: RowsModel, rows: list[list[str]]) -> None:
    for values in rows:
        row = model.add_row()
        for column, value in enumerate(values):
            model.setData(model.index(row, column), value, Qt.ItemDataRole.EditRole)


def test_lab_staff_fill_in_and_save_a_certificate(
    qtbot: QtBot, qtmodeltester: ModelTester, world: CertWorld
) -> None:
    w = world
    form = CertificateForm(context(w.counter, w.lab), w.item_ids[0])
    qtbot.addWidget(form)
    show_active(qtbot, form)
    f = form.fields
    assert f.regulation.currentText() == "JJG 539-2016"
    assert f.conclusion.text() == "Ⅲ级合格" and f.serial.text() == "A120"
    assert f.valid_until.date().toPython().isoformat() == "2027-11-29"  # today + 12 months − 1 day
    f.signers[SignRole.VERIFIER].setCurrentIndex(f.signers[SignRole.VERIFIER].findData("zhangwei"))
    f.signers[SignRole.CHECKER].setCurrentIndex(f.signers[SignRole.CHECKER].findData("liuyang"))
    f.signers[SignRole.APPROVER].setCurrentIndex(f.signers[SignRole.APPROVER].findData("wangfang"))
    f.environment.set_values([("温度", "20.5", "℃"), ("相对湿度", "55", "%RH")])
    _fill(f.results, [["称量示值误差", "100", "100", "0.0", "±2.5", "", "g"]])
    f.standards.set_checked(["STD-W-001"])
    qtmodeltester.check(f.results)
    qtmodeltester.check(f.standards)
    with qtbot.waitSignal(form.certificate_saved):
        qtbot.keyClick(f.number, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.saved is not None and f.number.text() == "JD2026000001"
    codes = [form.defects.index(r, dm.CODE).data() for r in range(form.defects.rowCount())]
    assert codes == ["C10-RECORD-MISSING"]  # the record number was left blank
    assert "阻断性缺陷 1 项" in form.message.text()

    type_text(f.record_number, "HQ-2026-11-0419")
    with qtbot.waitSignal(form.certificate_saved):
        form.save_button.click()
    assert form.defects.rowCount() == 0
    with w.counter.db.session() as s:
        row = s.scalars(select(CertificateRecord)).one()
        item = s.get(Item, w.item_ids[0])
    assert (row.revision, row.record_number, row.blocking_count) == (2, "HQ-2026-11-0419", 0)
    assert item is not None and item.status == "cert_drafted"


def test_import_dialog_lists_problems_and_saves_nothing(
    qtbot: QtBot, world: CertWorld, tmp_path: Path
) -> None:
    w = world
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_bytes(certificates_to_json([w.scale(0, number="JD2026000001")]))
    bad.write_bytes(certificates_to_json([w.scale(1, number="JD2026000002",
                                                  checker="nobody")]))  # fmt: skip
    dialog = CertificateImportDialog(context(w.counter, w.lab))
    qtbot.addWidget(dialog)
    dialog.set_files([good, bad])
    with qtbot.waitSignal(dialog.import_refused):
        dialog.import_button.click()
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.index(0, pm.FILE).data() == "bad.json"
    assert dialog.problems.index(0, pm.MESSAGE).data() == "人员“nobody”不在人员名册中"
    with w.counter.db.session() as s:
        assert s.scalars(select(CertificateRecord)).all() == []

    dialog.set_files([good])
    with qtbot.waitSignal(dialog.certificates_imported) as imported:
        dialog.import_button.click()
    assert imported.args == [1] and "已导入 1 份证书" in dialog.message.text()


def test_registers_screen(qtbot: QtBot, qtmodeltester: ModelTester, world: CertWorld) -> None:
    w = world
    screen = RegistersScreen(context(w.counter, w.counter.admin))
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    standards = screen.standards.standards
    assert isinstance(standards, StandardsModel) and standards.rowCount() == 8
    qtmodeltester.check(standards)
    qtmodeltester.check(screen.authorisations.grants)
    assert screen.authorisations.grants.rowCount() == 3
    screen.standards.new_standard()
    dialog = screen.standards.pending
    assert isinstance(dialog, StandardDialog)
    type_text(dialog.ref, "STD-T-001")
    type_text(dialog.name, "二等标准铂电阻温度计")
    dialog.submit()
    assert "证书编号" in dialog.message.text()  # refused: the standard's certificate is missing
    type_text(dialog.certificate_number, "WD2026-0101")
    assert dialog.valid_until.text() == ""  # no default: typed from the standard's certificate
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "请填写计量标准的有效期" in dialog.message.text()
    qtbot.keyClicks(dialog.valid_until, "2027-02-30")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "有效期“2027-02-30”不是有效日期" in dialog.message.text()
    dialog.valid_until.clear()
    qtbot.keyClicks(dialog.valid_until, "2027/6/30")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    with w.counter.db.session() as s:
        saved = s.scalars(select(StandardEntry).where(StandardEntry.ref == "STD-T-001")).one()
    assert saved.valid_until == dt.date(2027, 6, 30)
    assert standards.rowCount() == 9
    with w.counter.db.session() as s:
        actions = list(s.scalars(select(AuditEntry.entity_key).where(
            AuditEntry.action == "standard.create")))  # fmt: skip
    assert "STD-T-001" in actions
