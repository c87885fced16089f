"""What the administrator enters as the institute's details is what every printout says."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from counter.admin.settings import load_settings, save_settings
from counter.billing.printouts import statement_pdf
from counter.certificates.pdf import certificate_pdf
from counter.intake.documents import receipt_pdf
from counter.release.documents import handover_pdf
from counter.release.handover import pickup
from db.models_certificates import CertificateRecord
from tests.conftest import Counter
from tests.printing.pdftools import pdf_page_texts, squash
from tests.release_world import collector, make_release_world

DETAILS = {
    "institute_name": "聊城市计量测试所",
    "address": "山东省聊城市东昌府区柳园路 66 号",
    "phone": "0635-8888666",
    "authorisation_no": "（鲁）法计（2024）00123号",
}


def _text(pdf: bytes) -> str:
    return squash("".join(pdf_page_texts(pdf)))


def test_the_institute_details_reach_every_printout(counter: Counter) -> None:
    w = make_release_world(counter)
    with counter.db.action() as s:
        new = dataclasses.replace(load_settings(s), **DETAILS)
        save_settings(s, counter.admin, counter.clock, new)
    order = w.receive(2)
    w.certify(order)
    statement_id = w.bill(order)
    w.pay(statement_id, 8000)
    with counter.db.action() as s:
        done = pickup(s, counter.clerk, counter.clock, order.order_id, order.item_ids, collector())
    with counter.db.session() as s:
        cert_id = s.scalar(select(CertificateRecord.id).limit(1))
        assert cert_id is not None
        printouts = {
            "receipt": receipt_pdf(s, order.order_id),
            "statement": statement_pdf(s, statement_id),
            "certificate": certificate_pdf(s, cert_id),
            "handover": handover_pdf(s, done.release_id),
        }
    for kind, pdf in printouts.items():
        text = _text(pdf)
        assert squash(DETAILS["institute_name"]) in text, kind
        assert "示例市" not in text, kind
    assert squash(DETAILS["address"]) in _text(printouts["receipt"])
    assert DETAILS["phone"] in _text(printouts["receipt"])
    assert squash(DETAILS["authorisation_no"]) in _text(printouts["certificate"])
