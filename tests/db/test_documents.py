"""An order's labels and receipt, and what happens when the label printer fails."""

from __future__ import annotations

import dataclasses

from counter.catalog import list_types
from counter.documents import (
    labels_pdf,
    print_labels,
    receipt_pdf,
    reprint_list,
)
from counter.intake import ItemDraft, OrderDraft, SavedOrder, save_order
from counter.settings import load_settings, save_settings
from tests.conftest import Counter
from tests.printing.fake_printer import FakePrinter, closed_port
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


def _set_printer(counter: Counter, address: str) -> None:
    with counter.db.action() as s:
        new = dataclasses.replace(load_settings(s), label_printer=address)
        save_settings(s, counter.admin, counter.clock, new)


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


def test_labels_reach_the_thermal_printer(counter: Counter) -> None:
    saved = _order(counter)
    with FakePrinter() as printer:
        _set_printer(counter, f"{printer.host}:{printer.port}")
        outcome = print_labels(counter.db, counter.clock, saved.order_id)
        zpl = printer.wait().decode("utf-8")
    assert (outcome.printed, outcome.failed) == (3, 0)
    assert zpl.count("^XA") == 3 and zpl.count("^XZ") == 3
    for number in saved.item_numbers:
        assert number in zpl
    with counter.db.session() as s:
        assert [r.kind for r in reprint_list(s)] == ["receipt"]


def test_a_dead_printer_keeps_the_order_and_queues_the_labels(counter: Counter) -> None:
    saved = _order(counter)
    port = closed_port()
    _set_printer(counter, f"127.0.0.1:{port}")
    outcome = print_labels(counter.db, counter.clock, saved.order_id)
    assert outcome.failed == 3 and outcome.printed == 0
    assert f"127.0.0.1:{port}" in outcome.message and "补打" in outcome.message
    with counter.db.session() as s:
        waiting = [r for r in reprint_list(s) if r.kind == "label"]
        assert sorted(r.item_number for r in waiting) == sorted(saved.item_numbers)
        assert all(r.status == "failed" and r.error for r in waiting)
    # the printer comes back: a resend clears the list
    with FakePrinter() as printer:
        _set_printer(counter, f"{printer.host}:{printer.port}")
        print_labels(counter.db, counter.clock, saved.order_id)
        printer.wait()
    with counter.db.session() as s:
        assert [r.kind for r in reprint_list(s)] == ["receipt"]


def test_test_label_reaches_the_printer_or_says_why(counter: Counter) -> None:
    import datetime as dt

    import pytest

    from counter.documents import send_test_label
    from counter.errors import CounterError

    with counter.db.session() as s:
        settings = load_settings(s)
    with FakePrinter() as printer:
        address = f"{printer.host}:{printer.port}"
        assert (
            send_test_label(
                dataclasses.replace(settings, label_printer=address), dt.date(2026, 11, 23)
            )
            == address
        )
        zpl = printer.wait()
        assert zpl.count(b"^XA") == 1 and b"20261000000001" in zpl
    port = closed_port()
    with pytest.raises(CounterError, match=f"127.0.0.1:{port}"):
        send_test_label(
            dataclasses.replace(settings, label_printer=f"127.0.0.1:{port}"), dt.date(2026, 11, 23)
        )


def test_reprint_list_leaves_out_labels_of_voided_items(counter: Counter) -> None:
    from counter.orders import void_item

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
