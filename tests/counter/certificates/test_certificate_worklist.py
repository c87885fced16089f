"""The lab's side after saving: nothing imported is lost, withdrawal from review is explicit,
the form reopens with its defects and the supervisor's reason, the lab's work list."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter.certificates.imports import import_certificates_json
from counter.certificates.lookups import certificate_form_data
from counter.certificates.review import send_back
from counter.certificates.rules import StandardUsed, certificates_to_json
from counter.certificates.service import save_certificate
from counter.certificates.store import certificate_of
from counter.certificates.worklist import WorkView, lab_work_list
from counter.errors import CounterError
from db.models import AuditEntry
from db.models_certificates import CertificateRecord
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter


@pytest.fixture
def world(counter: Counter) -> CertWorld:
    return make_world(counter)


def _save(w: CertWorld, n: int = 0, *, submit: bool = True, **changes: object) -> int:
    with w.counter.db.action() as s:
        cert = w.scale(n, **changes)
        return save_certificate(s, w.lab, w.counter.clock, cert, submit=submit).certificate_id


def test_keeping_a_waiting_certificate_as_draft_must_be_asked_for(world: CertWorld) -> None:
    w = world
    cid = _save(w)
    with pytest.raises(CounterError, match="撤出终审队列"), w.counter.db.action() as s:
        save_certificate(s, w.lab, w.counter.clock, w.scale(0), submit=False)
    with w.counter.db.session() as s:
        assert s.get(CertificateRecord, cid).status == "awaiting_review"  # type: ignore[union-attr]
    with w.counter.db.action() as s:
        saved = save_certificate(s, w.lab, w.counter.clock, w.scale(0), submit=False, withdraw=True)
    assert saved.status == "draft"
    with w.counter.db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert "certificate.withdraw" in actions


def test_imported_standards_outside_the_register_survive_a_resave(world: CertWorld) -> None:
    w = world
    outside = StandardUsed(
        "外来标准砝码", "1 g~10 kg", "F1级", "JZ2026-0001", dt.date(2027, 6, 30), ""
    )
    cert = w.scale(0, standards=(*w.scale(0).standards, outside))
    with w.counter.db.action() as s:
        result = import_certificates_json(s, w.lab, w.counter.clock, certificates_to_json([cert]))
    assert result.ok
    with w.counter.db.session() as s:
        data = certificate_form_data(s, w.item_ids[0], w.counter.clock.now())
    assert outside in data.certificate.standards
    with w.counter.db.action() as s:
        save_certificate(s, w.lab, w.counter.clock, data.certificate, submit=True)
    with w.counter.db.session() as s:
        row = s.scalars(select(CertificateRecord)).one()
        assert outside in certificate_of(row).standards


def test_reopened_form_shows_defects_and_the_supervisors_reason(world: CertWorld) -> None:
    w = world
    cid = _save(w, record_number="")
    with w.counter.db.action() as s:
        send_back(s, w.supervisor, w.counter.clock, cid, "缺原始记录编号，请补上")
    with w.counter.db.session() as s:
        data = certificate_form_data(s, w.item_ids[0], w.counter.clock.now())
    assert [d.code for d in data.defects] == ["C10-RECORD-MISSING"]
    assert data.send_back is not None and data.send_back.reason == "缺原始记录编号，请补上"
    assert "孙丽" in data.send_back.text()


def test_the_lab_work_list(world: CertWorld) -> None:
    w = world
    draft = _save(w, 0, submit=False)
    waiting = _save(w, 1)
    returned = _save(w, 2)
    with w.counter.db.action() as s:
        send_back(s, w.supervisor, w.counter.clock, returned, "结论写错了")

    def ids(view: WorkView) -> list[int]:
        with w.counter.db.session() as s:
            return [r.certificate_id for r in lab_work_list(s, w.lab, view)]

    assert sorted(ids(WorkView.MINE)) == sorted([draft, waiting, returned])
    assert ids(WorkView.DRAFTS) == [draft]
    assert ids(WorkView.WAITING) == [waiting]
    assert ids(WorkView.RETURNED) == [returned]
    with w.counter.db.session() as s:
        (row,) = lab_work_list(s, w.lab, WorkView.RETURNED)
        assert row.returned is not None and row.returned.reason == "结论写错了"
        assert lab_work_list(s, w.approver, WorkView.MINE) == []  # wangfang neither made nor
        # verified any of them
