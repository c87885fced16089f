"""No label printer set: saving an order says so once and offers the PDF labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.changes import Change
from counter.intake.documents import reprint_list
from db.models import AuditEntry, PrintJob
from tests.conftest import Counter
from tests.ui.common.test_pdf_preview import pdf_printer
from tests.ui.intake.test_intake_safety import save_one_item
from tests.ui.orders_helpers import announces
from ui.common.pdf_preview import PdfPreviewDialog
from ui.intake.reprint_model import job_status_label
from ui.shell.main_window import MainWindow

NO_PRINTER = "未设置标签打印机：1 张标签请按“预览/打印标签”用 PDF 打印。"


def _label_jobs(counter: Counter) -> list[str]:
    with counter.db.session() as s:
        query = select(PrintJob.status).where(PrintJob.kind == "label").order_by(PrintJob.id)
        return list(s.scalars(query))


def test_saving_without_a_label_printer_offers_the_pdf_labels(
    qtbot: QtBot, tmp_path: Path, window: MainWindow, sqlite_counter: Counter
) -> None:
    save_one_item(qtbot, window)
    panel = window.intake.saved_panel
    qtbot.waitUntil(lambda: panel.printing.text() == NO_PRINTER, timeout=20000)
    assert panel.labels_button.text() == "用 PDF 打印标签" and panel.labels_button.isEnabled()
    assert "color" not in panel.printing.styleSheet()  # information, not an error
    assert _label_jobs(sqlite_counter) == ["no_printer"]
    with sqlite_counter.db.session() as s:
        (row,) = [r for r in reprint_list(s) if r.kind == "label"]
        entries = s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("label.%")))
        assert list(entries) == ["label.no_printer"]  # said once, for the whole order
    assert job_status_label(row.status) == "待 PDF 打印" and "PDF" in row.error

    qtbot.mouseClick(panel.labels_button, Qt.MouseButton.LeftButton)
    (dialog,) = panel.findChildren(PdfPreviewDialog)
    assert dialog.status.text() == "共 1 页"
    with announces(qtbot, window.ctx, Change.PRINTS):
        dialog.print_document(pdf_printer(tmp_path / "labels.pdf"))  # the system print dialog
    assert _label_jobs(sqlite_counter) == ["printed"]
    with sqlite_counter.db.session() as s:
        assert not [r for r in reprint_list(s) if r.kind == "label"]
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "label.printed_pdf"))
    dialog.close()
