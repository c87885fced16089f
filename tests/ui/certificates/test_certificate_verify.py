"""The clerk scans a paper certificate's QR code into 验证证书 and reads the answer;
the administrator sees, exports and renews the signing key."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter.certificates.pdf import certificate_pdf
from counter.certificates.review import pass_certificate
from counter.certificates.service import save_certificate
from counter.certificates.signing_keys import public_keys
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter
from tests.printing.pdftools import pdf_barcode_results
from tests.ui.common.test_file_dialogs import answer_file_dialog
from tests.ui.conftest import show_active, when_modal
from tests.ui.orders_helpers import context
from ui.admin.settings import SettingsTab
from ui.certificates.verify_dialog import CertificateVerifyDialog
from ui.shell.main_window import MainWindow


@pytest.fixture
def world(sqlite_counter: Counter) -> CertWorld:
    return make_world(sqlite_counter)


def _printed_qr(w: CertWorld, n: int = 0) -> str:
    with w.counter.db.action() as s:
        cid = save_certificate(s, w.lab, w.counter.clock, w.scale(n)).certificate_id
        pass_certificate(s, w.supervisor, w.counter.clock, cid)
        pdf = certificate_pdf(s, cid, w.counter.clock)
    [qr] = [text for text, kind in pdf_barcode_results(pdf) if kind == "QRCode"]
    return qr


def _scan(qtbot: QtBot, dialog: CertificateVerifyDialog, text: str) -> None:
    """A keyboard-wedge scanner: every character as a key press, then Enter."""
    qtbot.keyClicks(dialog.field, text)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def test_clerk_scans_a_certificate_and_reads_valid_then_altered(
    qtbot: QtBot, window: MainWindow, world: CertWorld
) -> None:
    qr = _printed_qr(world)
    scanned: list[str] = []
    window.scanner.code_scanned.connect(scanned.append)
    qtbot.keyClick(
        window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CertificateVerifyDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CertificateVerifyDialog)
    qtbot.waitUntil(dialog.field.hasFocus)
    assert dialog.field.property("ownScan") is True
    _scan(qtbot, dialog, qr)
    assert dialog.verdict.text() == "有效"
    assert world.item_numbers[0] in dialog.details.text()
    assert world.customer in dialog.details.text()
    assert dialog.isVisible() and scanned == []  # the dialog kept its scan, Enter did not close it
    head, number, _digest, day, kid, signature = qr.split("|")
    _scan(qtbot, dialog, "|".join((head, number, "0" * 12, day, kid, signature)))
    assert dialog.verdict.text() == "证书已被改动"
    assert "签名与二维码内容不符" in dialog.details.text()
    _scan(qtbot, dialog, "CERT:123:abc")
    assert dialog.verdict.text() == "非本所证书"
    qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def _agree_to_a_new_key(dialog: QWidget) -> None:
    assert isinstance(dialog, QMessageBox)
    [yes] = [b for b in dialog.buttons() if b.text() == "生成新密钥"]
    yes.click()


def test_admin_sees_exports_and_renews_the_public_key(
    qtbot: QtBot, world: CertWorld, tmp_path: Path
) -> None:
    c = world.counter
    old_qr = _printed_qr(world, 0)
    tab = SettingsTab(context(c, c.admin))
    qtbot.addWidget(tab)
    show_active(qtbot, tab)
    panel = tab.signing_key
    with c.db.session() as s:
        [first] = public_keys(s)
    assert first.key_id in panel.summary.text() and first.base64 in panel.public.toPlainText()
    assert "PRIVATE" not in panel.public.toPlainText()

    target = tmp_path / "key.pem"
    answer_file_dialog([], choose=target)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == f"公钥已导出到 {target}"
    exported = serialization.load_pem_public_key(target.read_bytes())
    assert exported.public_bytes_raw() == first.public  # type: ignore[union-attr]
    when_modal(_agree_to_a_new_key)
    qtbot.mouseClick(panel.rotate_button, Qt.MouseButton.LeftButton)
    with c.db.session() as s:
        first_again, second = public_keys(s)
    assert first_again.key_id == first.key_id and second.key_id != first.key_id
    assert panel.message.text() == f"已生成新签名密钥 {second.key_id}"
    assert second.key_id in panel.summary.text()
    new_qr = _printed_qr(world, 1)
    assert new_qr.split("|")[4] == second.key_id and old_qr.split("|")[4] == first.key_id


def test_a_clerk_cannot_renew_the_key(qtbot: QtBot, world: CertWorld) -> None:
    c = world.counter
    tab = SettingsTab(context(c, c.clerk))
    qtbot.addWidget(tab)
    show_active(qtbot, tab)
    when_modal(_agree_to_a_new_key)
    qtbot.mouseClick(tab.signing_key.rotate_button, Qt.MouseButton.LeftButton)
    assert tab.signing_key.message.is_error and "系统管理" in tab.signing_key.message.text()
    with c.db.session() as s:
        assert len(public_keys(s)) == 1
