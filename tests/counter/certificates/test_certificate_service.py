"""Certificates in the database (SQLite and PostgreSQL): save, import, review, reissue, release."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from counter.admin.rules.roles import Actor, Role
from counter.admin.users import set_roles
from counter.certificates.batch import check_stored
from counter.certificates.imports import import_certificate_files, import_certificates_json
from counter.certificates.lookups import list_authorisations, signers_for_type
from counter.certificates.pdf import certificate_pdf, pdf_versions
from counter.certificates.registers import revoke_authorisation, seed_registers
from counter.certificates.release_check import certificate_release_ok, certificate_release_status
from counter.certificates.review import (
    open_review,
    override_defect,
    pass_certificate,
    review_queue,
    send_back,
)
from counter.certificates.rules import certificates_to_json
from counter.certificates.service import reissue_certificate, save_certificate
from counter.certificates.store import certificate_of
from counter.errors import CounterError, PermissionDenied, ValidationError
from counter.intake.rules.lifecycle import ItemStatus
from counter.release.handover import pickup
from db.models import AuditEntry, Item
from db.models_certificates import (
    CertificateDefect,
    CertificateRecord,
    FinalCheckRecord,
    RegulationEntry,
)
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter
from tests.printing.pdftools import pdf_barcode_results, pdf_page_texts, squash
from tests.release_world import collector


@pytest.fixture
def world(counter: Counter) -> CertWorld:
    return make_world(counter)


def _save(w: CertWorld, n: int = 0, **changes: object) -> int:
    with w.counter.db.action() as s:
        return save_certificate(s, w.lab, w.counter.clock, w.scale(n, **changes)).certificate_id


def _item_status(w: CertWorld, n: int = 0) -> str:
    with w.counter.db.session() as s:
        item = s.get(Item, w.item_ids[n])
        assert item is not None
        return item.status


def _cert(w: CertWorld, certificate_id: int) -> CertificateRecord:
    with w.counter.db.session() as s:
        row = s.get(CertificateRecord, certificate_id)
        assert row is not None
        return row


def _count(w: CertWorld) -> int:
    with w.counter.db.session() as s:
        return s.scalar(select(func.count()).select_from(CertificateRecord)) or 0


def _audit(w: CertWorld, action: str) -> list[AuditEntry]:
    with w.counter.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- saving --------------------------------------------------------------------------


def test_save_proposes_what_it_may_stores_defects_and_drafts_the_item(world: CertWorld) -> None:
    w = world
    with w.counter.db.action() as s:
        saved = save_certificate(
            s, w.lab, w.counter.clock, w.scale(serial="A128", valid_until=None)
        )
    assert saved.number == "JD2026000001"
    assert [d.code for d in saved.defects] == ["C07-INTAKE-MISMATCH"]
    assert saved.defects[0].message == "出厂编号与收件登记不一致：登记 A120，证书 A128"
    row = _cert(w, saved.certificate_id)
    assert (row.status, row.blocking_count, row.warning_count) == ("awaiting_review", 1, 0)
    content = certificate_of(row)
    assert content.valid_until == dt.date(2027, 11, 23)  # performed + 12 months − 1 day
    assert content.received == dt.date(2026, 11, 23)  # from intake
    assert content.page_count == row.page_count and (row.page_count or 0) >= 2
    with w.counter.db.session() as s:
        stored = s.scalars(
            select(CertificateDefect).where(CertificateDefect.certificate_id == row.id)
        ).all()
    assert [(d.code, d.field, d.stage) for d in stored] == [
        ("C07-INTAKE-MISMATCH", "serial", "save")
    ]
    assert _item_status(w) == ItemStatus.CERT_DRAFTED
    assert [a.entity_key for a in _audit(w, "certificate.create")] == [saved.number]


def test_saving_again_changes_the_same_certificate(world: CertWorld) -> None:
    w = world
    first = _save(w, serial="A128")
    second = _save(w)
    assert first == second
    row = _cert(w, first)
    assert (row.revision, row.blocking_count, row.number) == (2, 0, "JD2026000001")
    assert _count(w) == 1


def test_a_draft_stays_in_the_lab_and_only_lab_staff_save(world: CertWorld) -> None:
    w = world
    with w.counter.db.action() as s:
        saved = save_certificate(s, w.lab, w.counter.clock, w.scale(), submit=False)
    assert saved.status == "draft" and _item_status(w) == ItemStatus.IN_LAB
    with pytest.raises(PermissionDenied), w.counter.db.action() as s:
        save_certificate(s, w.counter.clerk, w.counter.clock, w.scale(1))


def test_a_number_in_use_is_refused(world: CertWorld) -> None:
    w = world
    _save(w)
    with pytest.raises(ValidationError, match="已被使用"), w.counter.db.action() as s:
        save_certificate(s, w.lab, w.counter.clock, w.scale(1, number="JD2026000001"))


# --- import --------------------------------------------------------------------------


def _json(*certs: object) -> bytes:
    return certificates_to_json(certs)  # type: ignore[arg-type]


def test_import_saves_a_clean_batch(world: CertWorld) -> None:
    w = world
    data = _json(*(w.scale(n, number=f"JD202600000{n + 1}") for n in range(3)))
    with w.counter.db.action() as s:
        result = import_certificates_json(s, w.lab, w.counter.clock, data)
    assert result.ok and [r.blocking for r in result.saved] == [0, 0, 0]
    assert _count(w) == 3
    assert {_item_status(w, n) for n in range(3)} == {ItemStatus.CERT_DRAFTED}
    with w.counter.db.session() as s:
        stages = set(s.scalars(select(CertificateDefect.stage)))
    assert stages <= {"import"}


def test_import_with_one_bad_certificate_saves_nothing_and_names_it(world: CertWorld) -> None:
    w = world
    certs = [w.scale(n, number=f"JD202600000{n + 1}") for n in range(3)]
    certs[1] = dataclasses.replace(certs[1], checker="nobody")
    with w.counter.db.action() as s:
        result = import_certificates_json(s, w.lab, w.counter.clock, _json(*certs))
    assert not result.ok and result.saved == ()
    [problem] = result.problems
    assert (problem.index, problem.field) == (1, "checker")
    assert str(problem) == "第 2 份证书，checker：人员“nobody”不在人员名册中"
    assert _count(w) == 0
    assert {_item_status(w, n) for n in range(3)} == {ItemStatus.RECEIVED}


def test_import_reports_unknown_item_person_and_used_number(world: CertWorld) -> None:
    w = world
    _save(w, 2)  # takes JD2026000001
    certs = [
        w.scale(0, number="JD2026000005", item_number="20261999999001"),
        w.scale(1, number="JD2026000006", verifier="ghost"),
        w.scale(0, number="JD2026000001"),
    ]
    with w.counter.db.action() as s:
        result = import_certificates_json(s, w.lab, w.counter.clock, _json(*certs))
    found = [(p.index, p.field, p.message) for p in result.problems]
    assert (0, "item_number", "收件登记中没有器具编号 20261999999001") in found
    assert (1, "verifier", "人员“ghost”不在人员名册中") in found
    assert (2, "number", "证书编号 JD2026000001 已被使用（待终审）") in found
    assert _count(w) == 1


def test_import_reports_malformed_json_and_bad_dates(world: CertWorld) -> None:
    w = world
    with w.counter.db.action() as s:
        malformed = b'{"certificates": [\n{"a" 1}]}'
        broken = import_certificates_json(s, w.lab, w.counter.clock, malformed)
        text = json.loads(_json(w.scale()))
        text["certificates"][0]["performed"] = "2026/11/24"
        dates = import_certificates_json(s, w.lab, w.counter.clock, json.dumps(text).encode())
    assert (broken.problems[0].line, broken.problems[0].column) == (2, 6)
    assert [p.field for p in dates.problems] == ["performed"]
    assert _count(w) == 0


def test_an_imported_reissue_replaces_the_passed_certificate(world: CertWorld) -> None:
    w = world
    cid = _save(w)
    _pass(w, cid)
    old = _cert(w, cid).number
    bad = w.scale(0, number=f"{old}-001", supersedes="JD2026000999",
                  amendment_reason="型号更正")  # fmt: skip
    good = dataclasses.replace(bad, supersedes=old)
    with w.counter.db.action() as s:
        refused = import_certificates_json(s, w.lab, w.counter.clock, _json(bad))
        result = import_certificates_json(s, w.lab, w.counter.clock, _json(good))
    assert [p.field for p in refused.problems] == ["supersedes"]
    assert result.ok and _cert(w, cid).status == "superseded"
    new = _cert(w, result.saved[0].certificate_id)
    assert (new.supersedes_id, new.status, new.blocking_count) == (cid, "awaiting_review", 0)


def test_several_files_are_saved_together_or_not_at_all(world: CertWorld) -> None:
    w = world
    good = _json(w.scale(0, number="JD2026000001"))
    bad = _json(w.scale(1, number="JD2026000002", approver="nobody"))
    with w.counter.db.action() as s:
        saved, problems = import_certificate_files(
            s, w.lab, w.counter.clock, [("a.json", good), ("b.json", bad)]
        )
    assert saved == () and [(p.file, p.number, p.problem.field) for p in problems] == [
        ("b.json", "JD2026000002", "approver")
    ]
    assert _count(w) == 0


# --- review --------------------------------------------------------------------------


def test_pass_is_refused_while_a_blocking_defect_is_open(world: CertWorld) -> None:
    w = world
    cid = _save(w, serial="A128")
    with pytest.raises(CounterError, match="还有 1 项阻断性缺陷未处理"), w.counter.db.action() as s:
        pass_certificate(s, w.supervisor, w.counter.clock, cid)
    assert _cert(w, cid).status == "awaiting_review"


def test_override_with_a_reason_then_pass(world: CertWorld) -> None:
    w = world
    cid = _save(w, serial="A128")
    clock, boss = w.counter.clock, w.supervisor
    with w.counter.db.action() as s:
        detail = open_review(s, boss, clock, cid)
        [defect] = [d.defect for d in detail.defects]
        assert not detail.may_pass
        with pytest.raises(ValidationError):
            override_defect(s, boss, clock, cid, defect.key, "  ")
        override_defect(s, boss, clock, cid, defect.key, "铭牌磨损，客户确认出厂编号为 A128")
        assert open_review(s, boss, clock, cid).may_pass
        pass_certificate(s, boss, clock, cid, "已核对")
    row = _cert(w, cid)
    assert row.status == "passed" and _item_status(w) == ItemStatus.CHECKED
    [override] = _audit(w, "certificate.override")
    assert override.reason == "铭牌磨损，客户确认出厂编号为 A128" and override.user_id == boss.id
    assert [a.entity_key for a in _audit(w, "certificate.pass")] == [row.number]
    assert certificate_release_ok_for(w) == (True, "")


def certificate_release_ok_for(w: CertWorld, n: int = 0) -> tuple[bool, str]:
    with w.counter.db.session() as s:
        one = certificate_release_ok(s, w.item_ids[n])
        assert certificate_release_status(s, w.item_ids)[w.item_ids[n]] == one
        return one


def test_a_defect_that_must_be_fixed_cannot_be_overridden(world: CertWorld) -> None:
    w = world
    cid = _save(w, record_number="")
    with pytest.raises(CounterError, match="不允许放行"), w.counter.db.action() as s:
        override_defect(s, w.supervisor, w.counter.clock, cid, "C10-RECORD-MISSING@record_number",
                        "以后补")  # fmt: skip


def test_a_signatory_cannot_pass_their_own_certificate(world: CertWorld) -> None:
    w = world
    cid = _save(w)
    with w.counter.db.action() as s:
        set_roles(s, w.counter.admin, w.counter.clock, w.approver.id,
                  frozenset({Role.LAB, Role.QUALITY}))  # fmt: skip
    both = Actor(w.approver.id, "wangfang", "王芳", frozenset({Role.LAB, Role.QUALITY}))
    with pytest.raises(CounterError, match="不能终审自己签的证书"), w.counter.db.action() as s:
        pass_certificate(s, both, w.counter.clock, cid)
    with pytest.raises(PermissionDenied), w.counter.db.action() as s:
        pass_certificate(s, w.lab, w.counter.clock, cid)  # lab staff hold no "review"


def test_send_back_returns_the_item_to_the_lab(world: CertWorld) -> None:
    w = world
    cid = _save(w, serial="A128")
    with pytest.raises(ValidationError), w.counter.db.action() as s:
        send_back(s, w.supervisor, w.counter.clock, cid, "")
    with w.counter.db.action() as s:
        send_back(s, w.supervisor, w.counter.clock, cid, "出厂编号与收件登记不符，请核对铭牌")
    assert _cert(w, cid).status == "returned" and _item_status(w) == ItemStatus.IN_LAB
    assert certificate_release_ok_for(w) == (
        False,
        "证书尚未终审，有 1 项阻断性缺陷：[C07-INTAKE-MISMATCH] 出厂编号与收件登记不一致："
        "登记 A120，证书 A128",
    )
    with w.counter.db.session() as s:
        check = s.scalars(select(FinalCheckRecord)).one()
    assert (check.outcome, check.comment) == ("returned", "出厂编号与收件登记不符，请核对铭牌")
    _save(w)  # the lab corrects it: back in the queue
    assert _cert(w, cid).status == "awaiting_review" and _item_status(w) == ItemStatus.CERT_DRAFTED


def test_review_queue_lists_waiting_certificates_with_counts(world: CertWorld) -> None:
    w = world
    first = _save(w, 0, serial="A128", record_number="")
    _save(w, 1)
    with w.counter.db.session() as s:
        rows = review_queue(s)
    assert (rows[0].id, rows[0].blocking, rows[0].warnings) == (first, 2, 0)
    assert len(rows) == 2 and rows[0].verifier == "张伟" and rows[0].instrument == "电子计价秤"


# --- reissue and PDFs ----------------------------------------------------------------------


def _pass(w: CertWorld, cid: int) -> None:
    with w.counter.db.action() as s:
        pass_certificate(s, w.supervisor, w.counter.clock, cid)


def test_reissue_supersedes_and_keeps_the_old_pdf(world: CertWorld) -> None:
    w = world
    cid = _save(w)
    _pass(w, cid)
    with w.counter.db.action() as s:
        old_pdf = certificate_pdf(s, cid, w.counter.clock)
    with pytest.raises(ValidationError), w.counter.db.action() as s:
        reissue_certificate(s, w.lab, w.counter.clock, cid, {"remarks": "x"}, "")
    with w.counter.db.action() as s:
        new = reissue_certificate(s, w.lab, w.counter.clock, cid, {"model": "ACS-15A"},
                                  "型号更正为 ACS-15A（铭牌）")  # fmt: skip
    old = _cert(w, cid)
    assert old.status == "superseded" and new.number == f"{old.number}-001"
    row = _cert(w, new.certificate_id)
    assert row.supersedes_id == cid and certificate_of(row).supersedes == old.number
    assert certificate_of(row).amendment_reason == "型号更正为 ACS-15A（铭牌）"
    assert _item_status(w) == ItemStatus.CERT_DRAFTED
    with w.counter.db.action() as s:
        assert certificate_pdf(s, cid, w.counter.clock) == old_pdf
        new_pdf = certificate_pdf(s, new.certificate_id, w.counter.clock)
        assert len(pdf_versions(s, cid)) == 1
    assert old.number in squash("".join(pdf_page_texts(new_pdf)))


def test_a_certificate_that_already_left_is_reissued_and_reviewed(world: CertWorld) -> None:
    w = world
    cid = _save(w)
    _pass(w, cid)
    with w.counter.db.action() as s:  # the customer collects it at the counter
        item = s.get(Item, w.item_ids[0])
        assert item is not None
        pickup(s, w.counter.clerk, w.counter.clock, item.order_id, [item.id], collector())
    with w.counter.db.action() as s:
        new = reissue_certificate(s, w.lab, w.counter.clock, cid, {"remarks": "补充说明"},
                                  "客户要求补充备注")  # fmt: skip
    assert _item_status(w) == ItemStatus.RELEASED
    _pass(w, new.certificate_id)
    assert _cert(w, new.certificate_id).status == "passed"
    assert _item_status(w) == ItemStatus.RELEASED
    assert certificate_release_ok_for(w) == (True, "")


def test_the_stored_pdf_scans_back_to_number_digest_and_item(world: CertWorld) -> None:
    w = world
    cid = _save(w)
    with w.counter.db.action() as s:
        pdf = certificate_pdf(s, cid, w.counter.clock)
        again = certificate_pdf(s, cid, w.counter.clock)
        [version] = pdf_versions(s, cid)
    row = _cert(w, cid)
    assert again == pdf == version.pdf and version.digest == row.digest
    [qr] = [text for text, kind in pdf_barcode_results(pdf) if kind == "QRCode"]
    assert qr.startswith(f"JLZS1|{row.number}|{row.digest}|")  # signed: test_certificate_signing
    codes = dict(pdf_barcode_results(pdf))
    assert codes[w.item_numbers[0]] == "Code128"
    assert "聊城计量器具有限公司" in squash(pdf_page_texts(pdf)[0])


# --- release gate -------------------------------------------------------------------------


def test_release_gate_says_why_not(world: CertWorld) -> None:
    w = world
    assert certificate_release_ok_for(w) == (False, "尚无证书")
    cid = _save(w)
    assert certificate_release_ok_for(w) == (False, "证书尚未终审")
    _pass(w, cid)
    assert certificate_release_ok_for(w) == (True, "")
    # two signatories' authorisations are withdrawn; the check at review finds it
    with w.counter.db.action() as s:
        for grant in list_authorisations(s):
            if grant.username in ("liuyang", "wangfang"):
                revoke_authorisation(s, w.counter.admin, w.counter.clock, grant.id, "授权有误")
        open_review(s, w.supervisor, w.counter.clock, cid)
    ok, words = certificate_release_ok_for(w)
    assert not ok and words == (
        "证书有 2 项阻断性缺陷未处理："
        "[C05-NOT-AUTHORISED] 核验员 刘洋（liuyang） 没有“电子计价秤”的检定授权；"
        "[C05-NOT-AUTHORISED] 批准人 王芳（wangfang） 没有“电子计价秤”的检定授权"
    )


def test_stored_certificates_are_checked_page_by_page(world: CertWorld) -> None:
    w = world
    ids = [_save(w, 0, serial="A128"), _save(w, 1), _save(w, 2, record_number="")]
    with w.counter.db.session() as s:
        pages = list(check_stored(s, dt.date(2026, 11, 30), page=2))
    assert [len(p) for p in pages] == [2, 1]
    found = {cid: [d.code for d in defects] for page in pages for cid, defects in page}
    assert found == {
        ids[0]: ["C07-INTAKE-MISMATCH"],
        ids[1]: [],
        ids[2]: ["C10-RECORD-MISSING"],
    }


# --- registers ------------------------------------------------------------------------------


def test_registers(world: CertWorld) -> None:
    w = world
    with w.counter.db.action() as s:
        assert seed_registers(s) == 0  # already seeded, nothing twice
        codes = set(s.scalars(select(RegulationEntry.code)))
        type_id = s.get(Item, w.item_ids[0]).type_id  # type: ignore[union-attr]
        signers = signers_for_type(s, type_id, dt.date(2026, 11, 30))
        with pytest.raises(ValidationError):
            revoke_authorisation(s, w.counter.admin, w.counter.clock, 1, "")
        with pytest.raises(PermissionDenied):
            revoke_authorisation(s, w.lab, w.counter.clock, 1, "x")
    assert {"JJG 539-2016", "JJG 52-2013", "JJF 1259-2018"} <= codes
    assert [x.username for x in signers] == ["liuyang", "wangfang", "zhangwei"]
    assert len(_audit(w, "standard.create")) == 8 and len(_audit(w, "authorisation.grant")) == 3
