from __future__ import annotations

import dataclasses
import re

import pytest

from printing.pdf_doc import page_size
from printing.receipt import render_receipt_pdf
from tests.printing.pdftools import (
    pdf_barcodes,
    pdf_page_count,
    pdf_page_sizes,
    pdf_page_texts,
    squash,
)
from tests.printing.samples import INSTITUTE, receipt, receipt_item

A4 = (595.28, 841.89)
A5 = (419.53, 595.28)


def test_receipt_says_what_was_received() -> None:
    data = receipt(items=9)
    texts = pdf_page_texts(render_receipt_pdf(data))
    whole = squash("".join(texts))
    for expected in (
        data.institute.name,
        "收件回执/取件凭证",
        data.order_number,
        data.customer_name,
        data.customer_contact,
        data.customer_phone,
        "2026-11-2309:41",
        data.clerk,
        "2026-11-30",
        "共9件（其中加急1件）",
        "取件方式：自取",
        data.note,
        "客户签字",
        INSTITUTE.address.replace(" ", ""),
        INSTITUTE.phone,
        INSTITUTE.authorisation_no,
    ):
        assert squash(expected) in whole, expected
    for line in INSTITUTE.terms.splitlines():
        assert squash(line) in whole, line
    for item in data.items:
        assert item.item_number in whole
        assert squash(item.instrument_name) in whole
        assert item.serial in whole
    assert "附电源线、袖带2条" in whole  # item 9's quantity note


def test_order_barcode_decodes_to_order_number() -> None:
    pdf = render_receipt_pdf(receipt(items=3))
    assert pdf_barcodes(pdf, page=0, scale=3) == ["20261000123"]


def test_long_order_flows_over_numbered_pages_with_repeated_header() -> None:
    data = receipt(items=120)
    texts = pdf_page_texts(render_receipt_pdf(data))
    total = len(texts)
    assert total >= 3
    seen: list[str] = []
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
        assert len(re.findall(r"第 \d+ 页 共 \d+ 页", text)) == 1
        items_here = re.findall(r"20261000123-\d{3}", squash(text))
        if items_here:
            assert "器具名称" in text and "收件编号" in text  # header repeated
        seen += items_here
    assert seen == [item.item_number for item in data.items]  # every item once, in order
    assert "客户签字" in texts[-1]
    assert "委托单号 20261000123（续）" in texts[1]


@pytest.mark.parametrize(("name", "size"), [("A4", A4), ("A5", A5)])
def test_page_sizes(name: str, size: tuple[float, float]) -> None:
    pdf = render_receipt_pdf(receipt(items=2), page_size=name)
    for width, height in pdf_page_sizes(pdf):
        assert (width, height) == pytest.approx(size, abs=0.05)


@pytest.mark.parametrize("name", ["Letter", "a5", "A3", ""])
def test_bad_page_size_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="page size"):
        render_receipt_pdf(receipt(items=1), page_size=name)
    with pytest.raises(ValueError):
        page_size(name)


def test_markup_characters_print_literally() -> None:
    data = receipt(items=1, customer_name="A&B <仪器> 公司", note="<b>备注</b> & 其他")
    whole = squash("".join(pdf_page_texts(render_receipt_pdf(data))))
    assert "A&B<仪器>公司" in whole
    assert "<b>备注</b>&其他" in whole


def test_empty_order_still_renders() -> None:
    texts = pdf_page_texts(render_receipt_pdf(receipt(items=0)))
    assert "共 0 件" in texts[0]


def test_fifty_items_flow_over_pages() -> None:
    # speed is measured in benchmarks/, never here
    assert pdf_page_count(render_receipt_pdf(receipt(items=50), "A5")) >= 2


def test_a_model_longer_than_a_page_prints_whole_between_its_neighbours() -> None:
    long = "".join(str(i % 10) for i in range(2500))
    items = [receipt_item(n) for n in (1, 2, 3)]
    items[1] = dataclasses.replace(items[1], model=long)
    data = dataclasses.replace(receipt(items=3), items=tuple(items))
    texts = pdf_page_texts(render_receipt_pdf(data))
    assert len(texts) >= 3
    whole = squash("".join(texts))
    assert all(long[i : i + 200] in whole for i in range(0, 2500, 200))
    numbers = re.findall(r"20261000123-\d{3}", whole)
    assert numbers == [item.item_number for item in items]
