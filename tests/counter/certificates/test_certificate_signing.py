"""Signed certificate QR codes, verified against the database (SQLite and PostgreSQL).

The QR text is read the way a clerk's scanner reads it: decoded from the rendered PDF.
"""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from counter.__main__ import main
from counter.certificates.pdf import certificate_pdf
from counter.certificates.review import pass_certificate
from counter.certificates.rules.signature import sign_payload
from counter.certificates.service import reissue_certificate, save_certificate, void_certificate
from counter.certificates.signing_keys import (
    public_keys,
    public_keys_pem,
    rotate_signing_key,
    sign_certificate_qr,
)
from counter.certificates.verify import CertificateCheck, Verdict, verify_certificate
from counter.errors import PermissionDenied
from db.models import AuditEntry, Setting
from tests.cert_world import CertWorld, make_world
from tests.conftest import Counter
from tests.printing.pdftools import pdf_barcode_results


@pytest.fixture
def world(counter: Counter) -> CertWorld:
    return make_world(counter)


def _save(w: CertWorld, n: int = 0) -> int:
    with w.counter.db.action() as s:
        return save_certificate(s, w.lab, w.counter.clock, w.scale(n)).certificate_id


def _passed(w: CertWorld, n: int = 0) -> int:
    cid = _save(w, n)
    with w.counter.db.action() as s:
        pass_certificate(s, w.supervisor, w.counter.clock, cid)
    return cid


def _qr_of(w: CertWorld, cid: int) -> str:
    """The QR text of the certificate's PDF, decoded from the rendered first page."""
    with w.counter.db.action() as s:
        pdf = certificate_pdf(s, cid, w.counter.clock)
    [qr] = [text for text, kind in pdf_barcode_results(pdf, page=0, scale=4) if kind == "QRCode"]
    return qr


def _verify(w: CertWorld, text: str) -> CertificateCheck:
    with w.counter.db.session() as s:
        return verify_certificate(s, text)


def test_the_printed_qr_verifies_as_valid_with_what_the_clerk_checks(world: CertWorld) -> None:
    w = world
    cid = _passed(w)
    qr = _qr_of(w, cid)
    assert qr.startswith("JLZS1|") and len(qr) < 160
    check = _verify(w, qr)
    assert check.verdict is Verdict.VALID
    assert check.item_number == w.item_numbers[0] and check.customer == w.customer
    assert check.instrument == "电子计价秤" and check.issued is not None
    assert check.lines()[0] == "有效" and f"收件编号：{w.item_numbers[0]}" in check.text()
    number = qr.split("|")[1]
    assert check.number == number


def test_tampered_number_digest_or_date_reads_altered(world: CertWorld) -> None:
    w = world
    qr = _qr_of(w, _passed(w, 0))
    other_number = _qr_of(w, _passed(w, 1)).split("|")[1]
    head, number, digest, day, kid, signature = qr.split("|")
    forged_number = "|".join((head, other_number, digest, day, kid, signature))
    forged_digest = "|".join((head, number, "0" * 12, day, kid, signature))
    forged_day = "|".join((head, number, digest, "20990101", kid, signature))
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    forged_signature = "|".join((head, number, digest, day, kid, flipped))
    for forged in (forged_number, forged_digest, forged_day, forged_signature, qr[:-3]):
        assert _verify(w, forged).verdict is Verdict.ALTERED, forged


def test_signed_by_another_key_or_not_our_format_is_not_ours(world: CertWorld) -> None:
    w = world
    cid = _passed(w)
    number, digest = _qr_of(w, cid).split("|")[1:3]
    stranger = Ed25519PrivateKey.generate().private_bytes_raw()
    forged = sign_payload(stranger, number, digest, dt.date(2026, 3, 20))
    check = _verify(w, forged)
    assert check.verdict is Verdict.NOT_OURS and "不是本所的" in check.reason
    assert _verify(w, "https://example.com/cert?id=1").verdict is Verdict.NOT_OURS
    assert _verify(w, w.item_numbers[0]).verdict is Verdict.NOT_OURS
    legacy = _verify(w, f"CERT:{number}:{digest}")
    assert legacy.verdict is Verdict.NOT_OURS and "没有签名" in legacy.reason


def test_a_signature_of_ours_for_an_unknown_number_is_not_ours(world: CertWorld) -> None:
    w = world
    cid = _passed(w)
    _qr_of(w, cid)  # creates the key
    with w.counter.db.session() as s:
        assert s.get(Setting, "signing.private") is not None
    with w.counter.db.action() as s:
        text = sign_certificate_qr(s, w.counter.clock, "NO-SUCH-1", "abcdef012345", None)
    check = _verify(w, text)
    assert check.verdict is Verdict.NOT_OURS and "NO-SUCH-1" in check.reason


def test_a_reissued_certificate_answers_superseded_by_the_new_number(world: CertWorld) -> None:
    w = world
    cid = _passed(w)
    qr = _qr_of(w, cid)
    with w.counter.db.action() as s:
        new = reissue_certificate(
            s, w.lab, w.counter.clock, cid, {"remarks": "补充说明"}, "客户要求补充备注"
        )
    check = _verify(w, qr)
    assert check.verdict is Verdict.SUPERSEDED and check.superseded_by == new.number
    assert f"已被证书 {new.number} 替代" in check.text()
    new_qr = _qr_of(w, new.certificate_id)
    assert _verify(w, new_qr).verdict is Verdict.NOT_ISSUED
    with w.counter.db.action() as s:
        pass_certificate(s, w.supervisor, w.counter.clock, new.certificate_id)
    assert _verify(w, _qr_of(w, new.certificate_id)).verdict is Verdict.VALID


def test_a_voided_certificate_answers_voided_with_the_reason(world: CertWorld) -> None:
    w = world
    cid = _save(w)
    qr = _qr_of(w, cid)
    assert _verify(w, qr).verdict is Verdict.NOT_ISSUED
    with w.counter.db.action() as s:
        void_certificate(s, w.lab, w.counter.clock, cid, "误开证书")
    check = _verify(w, qr)
    assert check.verdict is Verdict.VOIDED and "误开证书" in check.text()


def test_key_rotation_keeps_old_certificates_valid(world: CertWorld) -> None:
    w = world
    old_qr = _qr_of(w, _passed(w, 0))
    with w.counter.db.session() as s:
        [first] = public_keys(s)
    with pytest.raises(PermissionDenied), w.counter.db.action() as s:
        rotate_signing_key(s, w.lab, w.counter.clock)
    with w.counter.db.action() as s:
        second = rotate_signing_key(s, w.counter.admin, w.counter.clock)
    assert second.key_id != first.key_id
    new_qr = _qr_of(w, _passed(w, 1))
    assert new_qr.split("|")[4] == second.key_id and old_qr.split("|")[4] == first.key_id
    assert _verify(w, old_qr).verdict is Verdict.VALID
    assert _verify(w, new_qr).verdict is Verdict.VALID
    with w.counter.db.session() as s:
        keys = public_keys(s)
        pem = public_keys_pem(s)
        audited = s.query(AuditEntry).filter_by(action="signing_key.rotate").count()
    assert [k.key_id for k in keys] == [first.key_id, second.key_id]
    assert keys[0].retired is not None and keys[1].retired is None
    assert audited == 1 and pem.count("BEGIN PUBLIC KEY") == 2
    loaded = serialization.load_pem_public_key(keys[0].pem.encode())
    assert loaded.public_bytes_raw() == first.public  # type: ignore[union-attr]


def test_cli_verifies_and_exports_the_public_key(
    world: CertWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    w = world
    url = w.counter.db.engine.url.render_as_string(hide_password=False)
    qr = _qr_of(w, _passed(w))
    assert main(["verify-certificate", qr, "--db", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("有效") and w.item_numbers[0] in out
    head, number, _digest, day, kid, signature = qr.split("|")
    altered = "|".join((head, number, "f" * 12, day, kid, signature))
    assert main(["--lang", "en", "verify-certificate", altered, "--db", url]) == 4
    assert capsys.readouterr().out.startswith("Altered")
    assert main(["verify-certificate", "hello world", "--db", url]) == 3
    assert main(["key", "export-public", "--db", url]) == 0
    pem = capsys.readouterr().out
    assert f"key id {kid}" in pem
    serialization.load_pem_public_key(pem[pem.index("-----BEGIN") :].encode())
