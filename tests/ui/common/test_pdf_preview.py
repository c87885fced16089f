"""Previewing and printing the documents of a saved order."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.changes import Change
from counter.intake.catalog import list_types
from counter.intake.documents import labels_pdf
from counter.intake.receive import ItemDraft, OrderDraft, SavedOrder, save_order
from db.models import PrintJob
from tests.conftest import Counter
from tests.printing.pdftools import pdf_page_count, pdf_page_sizes, pdf_page_texts
from tests.ui.orders_helpers import announces
from ui.common import messages
from ui.common.context import AppContext
from ui.common.pdf_preview import PdfPreviewDialog
from ui.intake.documents import SavedOrderPanel


def save_two_items(counter: Counter) -> SavedOrder:
    with counter.db.session() as s:
        ids = {t.name: t.id for t in list_types(s)}
    draft = OrderDraft(
        counter.customer_id,
        (ItemDraft(ids["电子计价秤"], serial="A1"), ItemDraft(ids["钢卷尺"], serial="G1")),
    )
    with counter.db.action() as s:
        return save_order(s, counter.clerk, counter.clock, draft)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.fixture
def labels(sqlite_counter: Counter) -> tuple[SavedOrder, bytes]:
    saved = save_two_items(sqlite_counter)
    with sqlite_counter.db.session() as s:
        return saved, labels_pdf(s, saved.order_id)


def test_prints_every_page_at_the_document_size(
    qtbot: QtBot, tmp_path: Path, labels: tuple[SavedOrder, bytes]
) -> None:
    saved, pdf = labels
    dialog = PdfPreviewDialog(pdf, "标签")
    qtbot.addWidget(dialog)
    assert dialog.status.text() == "共 2 页"
    printer = pdf_printer(tmp_path / "printed.pdf")
    dialog.prepare_printer(printer)
    with qtbot.waitSignal(dialog.printed):
        assert dialog.print_document(printer)
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert pdf_page_count(printed) == 2
    width, height = pdf_page_sizes(printed)[0]
    assert width == pytest.approx(pdf_page_sizes(pdf)[0][0], abs=2)
    assert height == pytest.approx(pdf_page_sizes(pdf)[0][1], abs=2)
    assert dialog.save_to(tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == pdf
    assert saved.item_numbers[0] in pdf_page_texts(pdf)[0]


@pytest.mark.qt_log_ignore(r"^QPainter::begin\(\): Returned false")  # the failure under test
def test_a_failing_printer_says_so_and_loses_nothing(
    qtbot: QtBot, tmp_path: Path, labels: tuple[SavedOrder, bytes]
) -> None:
    _saved, pdf = labels
    dialog = PdfPreviewDialog(pdf, "标签")
    qtbot.addWidget(dialog)
    printer = pdf_printer(tmp_path / "no-such-dir" / "out.pdf")
    with (
        qtbot.assertNotEmitted(dialog.printed),
        qtbot.waitSignal(messages.events().shown) as shown,
    ):
        assert not dialog.print_document(printer)
    assert shown.args[0] == "error" and "无法开始打印" in shown.args[1]
    assert dialog.print_button.isEnabled()  # try again, or save as PDF
    for box in dialog.findChildren(messages.QMessageBox):
        box.close()


def test_a_broken_document_cannot_be_printed(qtbot: QtBot) -> None:
    dialog = PdfPreviewDialog(b"not a pdf", "回执")
    qtbot.addWidget(dialog)
    assert dialog.status.text() == "无法显示此文档"
    assert not dialog.print_button.isEnabled()


def test_printing_from_the_saved_order_marks_the_labels_printed(
    qtbot: QtBot, tmp_path: Path, ctx: AppContext, sqlite_counter: Counter
) -> None:
    saved = save_two_items(sqlite_counter)
    panel = SavedOrderPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_saved(saved, "聊城计量器具有限公司")
    assert panel.number.text() == saved.number
    qtbot.waitUntil(panel.labels_button.isEnabled, timeout=20000)
    dialog = panel.preview_labels()
    assert dialog is not None
    with announces(qtbot, ctx, Change.PRINTS):
        dialog.print_document(pdf_printer(tmp_path / "labels.pdf"))
    with sqlite_counter.db.session() as s:
        jobs = list(s.scalars(select(PrintJob).order_by(PrintJob.id)))
    assert [(j.kind, j.status) for j in jobs] == [
        ("label", "printed"),
        ("label", "printed"),
        ("receipt", "pending"),
    ]
    dialog.close()
