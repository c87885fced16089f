"""Certificate numbers: their own series (JD + year + 6 digits) that a scan tells from item and
order numbers; numbers of the old shape stay valid; an item-shaped new number is refused."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from counter.certificates.imports import import_certificates_json
from counter.certificates.review import pass_certificate
from counter.certificates.rules import certificates_to_json
from counter.certificates.rules.values import check_number_format
from counter.certificates.service import reissue_certificate, save_certificate
from counter.errors import ValidationError
from counter.intake.numbering import classify, new_certificate_number
from counter.intake.scan import lookup, unknown_code_message
from counter.release.scan import scan_for_return
from db.models_certificates import CertificateRecord
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter


@pytest.fixture
def world(counter: Counter) -> CertWorld:
    return make_world(counter)


def test_the_scan_tells_certificates_from_items_and_orders() -> None:
    assert classify("JD2026000001") == "certificate"
    assert classify("JD2026000001-002") == "certificate"
    assert classify("20261000010001-001") == "certificate"  # an old number's reissue
    assert classify("20261000010001") == "item"
    assert classify("20261000010") == "order"
    assert check_number_format("JD2026000001") and check_number_format("JD2026000001-001")
    assert check_number_format("20261000010001")  # numbered before the series: still valid
    assert not check_number_format("JD26000001")


def test_a_new_certificate_gets_a_jd_number_and_its_scan_opens_its_item(world: CertWorld) -> None:
    w = world
    with w.counter.db.action() as s:
        first = save_certificate(s, w.lab, w.counter.clock, w.scale(2))
        second = save_certificate(s, w.lab, w.counter.clock, w.scale(0))
    assert (first.number, second.number) == ("JD2026000001", "JD2026000002")
    assert [d.code for d in first.defects] == []  # the number is in the institute's format
    with w.counter.db.session() as s:
        hit = lookup(s, first.number)
        assert hit is not None and hit.kind == "certificate"
        assert (hit.item_id, hit.certificate_number) == (w.item_ids[2], first.number)
        view = scan_for_return(s, first.number)
        assert [line.item_id for line in view.lines if line.item_id == w.item_ids[2]]
        assert lookup(s, "JD2026999999") is None
    assert unknown_code_message("JD2026999999") == "未找到编号为 JD2026999999 的证书"


def test_a_number_shaped_like_an_item_number_is_refused(world: CertWorld) -> None:
    w = world
    other_item = w.item_numbers[2]  # the item whose number the certificate would carry
    with pytest.raises(ValidationError, match="扫码时会被认错"), w.counter.db.action() as s:
        save_certificate(s, w.lab, w.counter.clock, w.scale(0, number=other_item))
    data = certificates_to_json([w.scale(0, number=other_item)])
    with w.counter.db.action() as s:
        result = import_certificates_json(s, w.lab, w.counter.clock, data)
    assert [(p.field, "扫码时会被认错" in p.message) for p in result.problems] == [("number", True)]


def test_an_old_number_stays_and_its_reissue_keeps_the_pattern(world: CertWorld) -> None:
    w = world
    with w.counter.db.action() as s:
        cid = save_certificate(s, w.lab, w.counter.clock, w.scale(0)).certificate_id
        row = s.get(CertificateRecord, cid)
        assert row is not None
        row.number = f"{w.order_number}001"  # as numbered before the JD series
    with w.counter.db.action() as s:  # saving it again keeps its number
        again = save_certificate(
            s, w.lab, w.counter.clock, w.scale(0, number=f"{w.order_number}001")
        )
    assert again.number == f"{w.order_number}001"
    with w.counter.db.action() as s:
        pass_certificate(s, w.supervisor, w.counter.clock, cid)
    with w.counter.db.action() as s:
        new = reissue_certificate(s, w.lab, w.counter.clock, cid, {"model": "ACS-15"}, "型号更正")
    assert new.number == f"{w.order_number}001-001"
    with w.counter.db.session() as s:
        hit = lookup(s, new.number)
        assert hit is not None and hit.kind == "certificate" and hit.item_id == w.item_ids[0]


def test_two_counters_never_get_the_same_number(counter: Counter) -> None:
    got: list[str] = []
    barrier = threading.Barrier(2)

    def take() -> None:
        barrier.wait()
        with counter.db.action() as s:
            got.append(new_certificate_number(s, 2026))

    threads = [threading.Thread(target=take) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == ["JD2026000001", "JD2026000002"]
    with counter.db.session() as s:
        assert s.scalars(select(CertificateRecord)).all() == []
