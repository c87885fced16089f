"""The handover slip's short code and QR: made at pickup, printed, and rated with."""

from __future__ import annotations

import pytest

from counter.errors import CounterError
from counter.feedback.ratings import rate_by_code, ratings_of_order
from counter.release import handover_data, handover_pdf, pickup
from counter.release.rating_code import rating_code_of
from counter.release.rules.rating_code import ALPHABET, new_code, normalise, qr_text, shown
from tests.conftest import Counter
from tests.printing.pdftools import pdf_barcodes, pdf_page_texts, squash
from tests.release_world import collector, make_release_world


def test_codes_are_read_back_however_they_are_typed() -> None:
    code = new_code()
    assert len(code) == 8 and set(code) <= set(ALPHABET)
    assert normalise(shown(code).lower()) == code
    assert normalise(qr_text(code)) == code
    assert normalise(" 0oIl-1234 ") == "00111234"
    assert normalise("ABC") == "" and normalise("ABCD-234U") == ""


def test_pickup_prints_a_code_the_customer_rates_with(counter: Counter) -> None:
    world = make_release_world(counter)
    order = world.ready(2)
    c = counter
    with c.db.action() as s:
        done = pickup(s, c.clerk, c.clock, order.order_id, order.item_ids, collector())
    with c.db.session() as s:
        code = rating_code_of(s, order.order_id)
        data = handover_data(s, done.release_id)
        pdf = handover_pdf(s, done.release_id)
    assert code and data.rating_code == shown(code) and data.rating_qr == qr_text(code)
    assert qr_text(code) in pdf_barcodes(pdf)
    assert shown(code) in squash(pdf_page_texts(pdf)[0])
    with c.db.action() as s:
        rate_by_code(s, c.clock, shown(code).lower(), 5, "服务热情")
    with pytest.raises(CounterError, match="已有评价"), c.db.action() as s:
        rate_by_code(s, c.clock, code, 1)
    with c.db.session() as s:
        (row,) = ratings_of_order(s, order.order_id)
    assert (row.level, row.stars, row.channel, row.recorded_by) == ("satisfied", 5, "code", "")
