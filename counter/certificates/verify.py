"""Verify a paper certificate from its scanned QR code.

The signature is checked against the institute's public keys (every key it ever
signed with), then the record: the content digest and issue date must be those of
the certificate as registered, and its status decides the answer — valid,
superseded by a newer certificate, voided (with the reason), not yet issued.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.certificates.rules.signature import PayloadState, check_payload
from counter.certificates.signing_keys import public_keys
from counter.certificates.store import CertStatus, certificate_of
from counter.i18n import _
from db.models_certificates import CertificatePdf, CertificateRecord


class Verdict(enum.StrEnum):
    VALID = "valid"
    SUPERSEDED = "superseded"
    VOIDED = "voided"
    NOT_ISSUED = "not_issued"  # genuine, but it never passed the final check
    NOT_OURS = "not_ours"
    ALTERED = "altered"


@dataclass(frozen=True)
class CertificateCheck:
    verdict: Verdict
    number: str = ""
    reason: str = ""  # why not ours / altered / voided
    superseded_by: str = ""
    item_number: str = ""
    customer: str = ""
    instrument: str = ""
    issued: dt.date | None = None
    valid_until: dt.date | None = None

    def title(self) -> str:
        return {
            Verdict.VALID: _("有效"),
            Verdict.SUPERSEDED: _("已被替代"),
            Verdict.VOIDED: _("已作废"),
            Verdict.NOT_ISSUED: _("未签发"),
            Verdict.NOT_OURS: _("非本所证书"),
            Verdict.ALTERED: _("证书已被改动"),
        }[self.verdict]

    def lines(self) -> list[str]:
        """What the clerk reads: the verdict, then what it rests on."""
        lines = [self.title()]
        if self.verdict is Verdict.SUPERSEDED:
            lines.append(_("已被证书 {number} 替代").format(number=self.superseded_by))
        if self.reason:
            lines.append(self.reason)
        if self.number:
            lines.append(_("证书编号：{number}").format(number=self.number))
        if self.item_number:
            lines.append(_("收件编号：{number}").format(number=self.item_number))
        if self.customer:
            lines.append(_("委托单位：{name}").format(name=self.customer))
        if self.instrument:
            lines.append(_("器具名称：{name}").format(name=self.instrument))
        if self.issued is not None:
            lines.append(_("签发日期：{day}").format(day=self.issued.isoformat()))
        if self.valid_until is not None:
            lines.append(_("有效期至：{day}").format(day=self.valid_until.isoformat()))
        return lines

    def text(self) -> str:
        return "\n".join(self.lines())


def _latest_successor(session: Session, row: CertificateRecord) -> CertificateRecord | None:
    """The certificate that replaced `row`, following reissues to the one in force."""
    seen = {row.id}
    newer = None
    current = row
    while True:
        found = session.scalar(
            select(CertificateRecord)
            .where(CertificateRecord.supersedes_id == current.id)
            .order_by(CertificateRecord.id.desc())
            .limit(1)
        )
        if found is None or found.id in seen:
            return newer
        seen.add(found.id)
        newer = current = found


def _printed_digests(session: Session, row: CertificateRecord) -> set[str]:
    stored = session.scalars(
        select(CertificatePdf.digest).where(CertificatePdf.certificate_id == row.id)
    )
    return {row.digest, *stored} - {""}


def verify_certificate(session: Session, text: str) -> CertificateCheck:
    """The answer for a scanned certificate QR text (any user may ask)."""
    keys = {k.key_id: k.public for k in public_keys(session)}
    found = check_payload(text, keys)
    if found.state is PayloadState.NOT_OURS:
        reason = (
            _("二维码不是本所证书的格式")
            if not found.key_id
            else _("签名密钥 {key} 不是本所的").format(key=found.key_id)
        )
        return CertificateCheck(Verdict.NOT_OURS, found.number, reason)
    if found.state is PayloadState.LEGACY:
        reason = _("这是签名启用前的旧二维码，没有签名，无法证明真伪")
        return CertificateCheck(Verdict.NOT_OURS, found.number, reason)
    if found.state is PayloadState.ALTERED:
        reason = _("签名与二维码内容不符")
        return CertificateCheck(Verdict.ALTERED, found.number, reason)
    row = session.scalar(select(CertificateRecord).where(CertificateRecord.number == found.number))
    if row is None:
        reason = _("本所没有编号为 {number} 的证书").format(number=found.number)
        return CertificateCheck(Verdict.NOT_OURS, found.number, reason)
    cert = certificate_of(row)
    shown = CertificateCheck(
        Verdict.VALID,
        row.number,
        item_number=cert.item_number,
        customer=cert.customer,
        instrument=cert.instrument_name,
        issued=row.issued,
        valid_until=row.valid_until,
    )
    if found.digest != row.digest or found.issued != row.issued:
        earlier = found.digest in _printed_digests(session, row)
        reason = (
            _("这是该证书较早的打印版本，内容与登记的证书不一致")
            if earlier
            else _("内容摘要与登记的证书不一致")
        )
        return _with(shown, Verdict.ALTERED, reason)
    if row.status == CertStatus.SUPERSEDED:
        newer = _latest_successor(session, row)
        return _with(shown, Verdict.SUPERSEDED, superseded_by=newer.number if newer else "?")
    if row.status == CertStatus.VOIDED:
        return _with(shown, Verdict.VOIDED, _("作废原因：{reason}").format(reason=row.void_reason))
    if row.status != CertStatus.PASSED:
        return _with(shown, Verdict.NOT_ISSUED, _("该证书尚未通过终审"))
    return shown


def _with(
    check: CertificateCheck, verdict: Verdict, reason: str = "", superseded_by: str = ""
) -> CertificateCheck:
    return replace(check, verdict=verdict, reason=reason, superseded_by=superseded_by)
