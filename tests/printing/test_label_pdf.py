from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from printing.label import LabelSize, render_labels_pdf
from tests.printing.pdftools import (
    dark_columns,
    pdf_barcode_results,
    pdf_barcodes,
    pdf_page_count,
    pdf_page_image,
    pdf_page_sizes,
    pdf_page_texts,
)
from tests.printing.samples import label

PT_PER_MM = 72 / 25.4
SIZES = [
    LabelSize(40, 30),
    LabelSize(50, 30),
    LabelSize(60, 40),
    LabelSize(70, 50),
    LabelSize(100, 70),
]


@pytest.mark.parametrize("size", [LabelSize(), LabelSize(40, 30)], ids=["60x40", "40x30"])
def test_barcode_decodes_to_item_number(size: LabelSize) -> None:
    data = label(7)
    pdf = render_labels_pdf([data], size)
    assert pdf_barcode_results(pdf, scale=6) == [(data.item_number, "Code128")]


def test_default_barcode_is_wide_enough_to_scan() -> None:
    """On a 60 mm label the bars must span at least ~45 mm."""
    image = pdf_page_image(render_labels_pdf([label(1)]), 0, scale=4)
    dark = dark_columns(image, range(25, 60, 5))
    span_mm = (max(dark) - min(dark)) / 4 / PT_PER_MM
    assert span_mm >= 45


def test_one_page_per_label_each_the_label_size() -> None:
    labels = [label(n) for n in range(1, 6)]
    pdf = render_labels_pdf(labels, LabelSize(60, 40))
    assert pdf_page_count(pdf) == 5
    for width, height in pdf_page_sizes(pdf):
        assert width == pytest.approx(60 * PT_PER_MM, abs=0.01)
        assert height == pytest.approx(40 * PT_PER_MM, abs=0.01)
    assert pdf_barcodes(pdf, page=2) == [labels[2].item_number]


def test_label_text_reads_back() -> None:
    data = label(3)
    text = pdf_page_texts(render_labels_pdf([data]))[0]
    assert data.item_number in text
    assert data.instrument_name in text
    assert data.customer_short in text
    assert data.department in text
    assert data.order_number in text
    assert "约定日期 2026-11-30" in text
    assert "加急" not in text


def test_urgent_label_is_marked() -> None:
    pdf = render_labels_pdf([label(1, urgent=True), label(2)])
    first, second = pdf_page_texts(pdf)
    assert "加急" in first
    assert "加急" not in second


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width_mm:g}x{s.height_mm:g}")
def test_long_text_never_leaves_the_label(size: LabelSize) -> None:
    data = label(
        2,
        urgent=True,
        instrument_name="可燃气体检测报警器（点型，工业用，含远程报警装置与配套电源适配器及安装支架）",
        customer_short="聊城市东昌府区人民医院（东院区）设备科医学工程部计量组",
        department="电磁计量检测研究室",
    )
    pdf = render_labels_pdf([data], size)
    assert pdf_barcodes(pdf, scale=6) == [data.item_number]
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        width, height = page.get_size()
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        assert "…" in text  # cut, not overflowing
        assert "加急" in text
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            if right > left:  # skip generated spaces/line breaks
                assert left >= 0 and right <= width + 0.01, text
                assert bottom >= 0 and top <= height + 0.01, text
    finally:
        doc.close()


def test_item_number_must_be_code128() -> None:
    with pytest.raises(ValueError, match="Code 128"):
        render_labels_pdf([label(1, item_number="编号001")])


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        render_labels_pdf([])
    with pytest.raises(ValueError):
        LabelSize(5, 5)


def test_fifty_labels_one_page_each() -> None:
    # speed is measured in benchmarks/, never here
    labels = [label(n, urgent=n % 4 == 0) for n in range(50)]
    assert pdf_page_count(render_labels_pdf(labels)) == 50


def test_order_number_gives_way_to_a_long_department() -> None:
    data = label(1, department="电磁计量检测研究室", urgent=True)
    text = pdf_page_texts(render_labels_pdf([data], LabelSize(40, 30)))[0]
    assert "电磁计量检测研究室" in text
    assert "委托单" not in text
