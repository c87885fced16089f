"""The slip read back (text, barcode and QR decoded); the classification table and catalogue."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from counter.appointments.documents import (
    catalogue_document,
    classification_document,
    document_pdf,
    document_xlsx,
    slip_pdf,
)
from counter.appointments.sectors import CatalogueForm, list_sectors, save_catalogue_line
from tests.conftest import Counter
from tests.counter.appointments.appt_world import (
    TUESDAY,
    book_scales,
    department_id,
    type_id,
    with_capacity,
)
from tests.printing.pdftools import pdf_barcode_results, pdf_page_texts, squash


def test_slip_carries_the_number_as_barcode_and_qr(counter: Counter) -> None:
    with_capacity(counter, 8)
    booked = book_scales(counter, TUESDAY, "pm", 3, wait=True)
    with counter.db.session() as s:
        pdf = slip_pdf(s, booked.id)
    text = squash(pdf_page_texts(pdf)[0])
    for expected in (
        "计量器具检定预约单",
        booked.number,
        "聊城计量器具有限公司",
        "2026-11-24下午",
        "衡器",
        "电子计价秤",
        "共3台件",
        "随送随检",
    ):
        assert squash(expected) in text, expected
    found = pdf_barcode_results(pdf)
    assert (booked.number, "Code128") in found and (booked.number, "QRCode") in found, found


def test_classification_table_and_catalogue_as_pdf_and_xlsx(counter: Counter) -> None:
    with counter.db.action() as s:
        optical = next(x.id for x in list_sectors(s) if x.name == "眼镜店")
        save_catalogue_line(
            s,
            counter.admin,
            counter.clock,
            CatalogueForm(
                optical,
                type_id(s, "焦度计"),
                department_id(s, "医疗"),
                "每周二上午",
                "刘医计",
                "0635-1234567",
            ),
        )
        save_catalogue_line(
            s,
            counter.admin,
            counter.clock,
            CatalogueForm(optical, type_id(s, "验光仪"), department_id(s, "医疗"), "每周二上午"),
        )
    with counter.db.session() as s:
        table = classification_document(s, counter.clock)
        listing = catalogue_document(s, counter.clock)
    assert len(table.rows) == 12
    optical_row = next(r for r in table.rows if r[0] == "眼镜店")
    assert optical_row[1:4] == ("焦度计、验光仪", "医疗", "每周二上午")
    text = squash("".join(pdf_page_texts(document_pdf(table))))
    assert "强检计量器具检定预约分类表" in text and "焦度计、验光仪" in text
    assert "刘医计0635-1234567" in squash("".join(pdf_page_texts(document_pdf(listing))))
    sheet = load_workbook(io.BytesIO(document_xlsx(listing))).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "强检计量器具检定预约目录"
    assert values[4][:4] == [1, "眼镜店", "焦度计", "医疗"]
