"""An order's labels and receipt, and what happens when the label printer fails."""

from __future__ import annotations

import pytest

from counter.intake.catalog import list_types
from counter.intake.documents import labels_pdf, receipt_pdf, reprint_list
from counter.intake.receive import ItemDraft, OrderDraft, SavedOrder, save_order
from tests.conftest import Counter
from tests.printing.pdftools import pdf_barcodes, pdf_page_count, pdf_page_texts, squash


def _order(counter: Counter) -> SavedOrder:
    with counter.db.session() as s:
        types = {t.name: t.id for t in list_types(s)}
    items = (
        ItemDraft(types["电子计价秤"], model="ACS-30", serial="A123", use="trade"),
        ItemDraft(types["血压计和血压表"], serial="BP-9", urgency="urgent"),
        ItemDraft(types["钢卷尺"], serial="GJ-1", service="calibration"),
    )
    with counter.db.action() as s:
        return save_order(s, counter.clerk, counter.clock, OrderDraft(counter.customer_id, items))


def test_each_label_barcode_decodes_to_its_item_number(counter: Counter) -> None:
    saved = _order(counter)
    with counter.db.session() as s:
        pdf = labels_pdf(s, saved.order_id)
    assert pdf_page_count(pdf) == 3
    for page, number in enumerate(saved.item_numbers):
        assert pdf_barcodes(pdf, page) == [number]
    texts = pdf_page_texts(pdf)
    assert "电子计价秤" in texts[0] and "衡器" in texts[0]
    assert "加急" in texts[1] and "加急" not in texts[0]


def test_receipt_lists_every_item_and_the_promise(counter: Counter) -> None:
    saved = _order(counter)
    with counter.db.session() as s:
        pdf = receipt_pdf(s, saved.order_id)
    text = squash("".join(pdf_page_texts(pdf)))
    assert saved.number in text
    for number in saved.item_numbers:
        assert number in text
    assert "聊城计量器具有限公司" in text
    assert "王收发" in text
    assert saved.promised_date.isoformat() in text
    assert saved.number in pdf_barcodes(pdf, 0)


def test_reprint_list_leaves_out_labels_of_voided_items(counter: Counter) -> None:
    from counter.intake.corrections import void_item

    saved = _order(counter)
    with counter.db.session() as s:
        waiting = {r.item_number: r.item_id for r in reprint_list(s) if r.kind == "label"}
    assert sorted(waiting) == sorted(saved.item_numbers)
    first = waiting[saved.item_numbers[0]]
    assert first is not None
    with counter.db.action() as s:
        void_item(s, counter.clerk, counter.clock, first, "登记错误")
    with counter.db.session() as s:
        labels = [r.item_number for r in reprint_list(s) if r.kind == "label"]
    assert sorted(labels) == sorted(saved.item_numbers[1:])


def test_a_voided_item_is_neither_labelled_nor_on_the_receipt(counter: Counter) -> None:
    from counter.intake.corrections import void_item
    from counter.intake.documents import order_labels
    from db.models import Item

    saved = _order(counter)
    with counter.db.session() as s:
        ids = {i.number: i.id for i in s.query(Item).filter(Item.order_id == saved.order_id)}
    first, second, third = saved.item_numbers
    with counter.db.action() as s:
        void_item(s, counter.clerk, counter.clock, ids[first], "登记错误")
    with counter.db.session() as s:
        labels = order_labels(s, saved.order_id)
        chosen = order_labels(s, saved.order_id, [ids[first], ids[third]])
        receipt = squash("".join(pdf_page_texts(receipt_pdf(s, saved.order_id))))
    assert [label.item_number for label in labels] == [second, third]
    assert [label.item_number for label in chosen] == [third]
    assert labels[0].customer_short and labels[0].department == "医疗"
    assert first not in receipt and second in receipt and third in receipt
    assert "共2件" in receipt


def test_an_order_that_does_not_exist_prints_nothing(counter: Counter) -> None:
    from counter.errors import NotFound

    with counter.db.session() as s, pytest.raises(NotFound):
        labels_pdf(s, 987654)
    with counter.db.session() as s, pytest.raises(NotFound):
        receipt_pdf(s, 987654)
