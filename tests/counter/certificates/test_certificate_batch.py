"""The bulk check of stored certificates finds exactly what the check of each one finds.

`check_stored` reads certificates back from their stored content a page at a time and
checks them against registers loaded once; whatever it does to be fast, its findings
(codes, messages, fields) must be those of `check_batch` over the same certificates
with a context built for them (`check_context`), page by page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from sqlalchemy import insert, select, update

from counter.certificates.batch import check_stored
from counter.certificates.content import certificate_from_json, content_json
from counter.certificates.context import check_context
from counter.certificates.rules import Certificate, check_batch, parse_certificates
from counter.certificates.store import CertStatus
from db.models_certificates import CertificateRecord
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter as CounterApp
from tests.counter.certificates.test_cert_corpus import FILES, load

TODAY = dt.date(2026, 11, 30)


def _corpus() -> list[Certificate]:
    return [c for path in FILES for c in parse_certificates(load(path)[0]).certificates]


def test_stored_content_reads_back_as_the_certificate() -> None:
    certs = _corpus()
    assert [certificate_from_json(content_json(c)) for c in certs] == certs


def _store(w: CertWorld, certs: list[Certificate]) -> list[int]:
    """Each certificate stored as saved content, in this order; their ids."""
    now = w.counter.clock.now()
    rows, numbers = [], set()
    for k, cert in enumerate(certs):
        number = cert.number.strip()
        if not number or number in numbers:
            number = f"T-{k}"  # the column is unique; the content keeps what the lab wrote
        numbers.add(number)
        rows.append({
            "number": number, "item_id": w.item_ids[k % len(w.item_ids)],
            "type": cert.type.value, "status": CertStatus.AWAITING_REVIEW.value,
            "content": content_json(cert), "revision": 1, "performed": cert.performed,
            "issued": cert.issued, "valid_until": cert.valid_until,
            "verdict": cert.verdict.value, "regulation": cert.regulation,
            "record_number": cert.record_number, "verifier": cert.verifier,
            "checker": cert.checker, "approver": cert.approver,
            "page_count": cert.page_count, "digest": "", "check_seq": 0, "blocking_count": 0,
            "warning_count": 0, "created_by_id": w.lab.id, "created_at": now,
            "updated_at": now, "amendment_reason": "", "void_reason": "",
        })  # fmt: skip
    with w.counter.db.action() as s:
        s.execute(insert(CertificateRecord), rows)
        return list(s.scalars(select(CertificateRecord.id).order_by(CertificateRecord.id)))


def test_the_bulk_check_finds_what_each_check_finds(counter: CounterApp) -> None:
    w = make_world(counter)
    own = [w.scale(n, number=f"{w.order_number}00{n + 1}", page_count=3) for n in range(3)]
    # the corpus twice: the second copy repeats the first one's numbers, standards, lines
    certs = [*own, *_corpus(), *_corpus(), dataclasses.replace(own[0], serial="A128")]
    ids = _store(w, certs)
    of = dict(zip(ids, certs, strict=True))
    found: Counter[str] = Counter()
    with w.counter.db.session() as s:
        pages = list(check_stored(s, TODAY, page=7))
        assert [cid for page in pages for cid, _ in page] == ids
        for page in pages:
            page_ids = [cid for cid, _ in page]
            page_certs = [of[cid] for cid in page_ids]
            expected = check_batch(page_certs, check_context(s, page_certs, TODAY, page_ids))
            assert [defects for _, defects in page] == expected
            found.update(d.code for _, defects in page for d in defects)
    codes = {cid: [d.code for d in defects] for page in pages for cid, defects in page}
    assert [codes[cid] for cid in ids[:3]] == [[], [], []]  # the world's own scales are clean
    assert codes[ids[-1]] == ["C06-NUMBER-USED", "C07-INTAKE-MISMATCH"]  # own[0] once more
    assert len(found) >= 30  # most kinds of defect were found, each the same way


def test_the_bulk_check_of_some_statuses_checks_those_and_finds_what_each_check_finds(
    counter: CounterApp,
) -> None:
    w = make_world(counter)
    own = [w.scale(n, number=f"{w.order_number}00{n + 1}", page_count=3) for n in range(3)]
    certs = [*own, *_corpus(), dataclasses.replace(own[0], serial="A128")]
    ids = _store(w, certs)
    of = dict(zip(ids, certs, strict=True))
    passed = ids[1:-1:3]  # every third one already passed its final check
    with w.counter.db.action() as s:
        s.execute(
            update(CertificateRecord)
            .where(CertificateRecord.id.in_(passed))
            .values(status=CertStatus.PASSED.value)
        )
    awaiting = [cid for cid in ids if cid not in set(passed)]
    with w.counter.db.session() as s:
        pages = list(check_stored(s, TODAY, page=5, statuses=[CertStatus.AWAITING_REVIEW.value]))
        assert [len(page) for page in pages[:-1]] == [5] * (len(pages) - 1)
        assert [cid for page in pages for cid, _ in page] == awaiting
        for page in pages:
            page_ids = [cid for cid, _ in page]
            page_certs = [of[cid] for cid in page_ids]
            expected = check_batch(page_certs, check_context(s, page_certs, TODAY, page_ids))
            assert [defects for _, defects in page] == expected
    codes = {cid: [d.code for d in defects] for page in pages for cid, defects in page}
    assert codes[ids[0]] == [] and codes[ids[2]] == []  # the world's own scales are clean
    assert codes[ids[-1]] == ["C06-NUMBER-USED", "C07-INTAKE-MISMATCH"]  # own[0] once more
