"""The quality supervisor's final check, and the release gate built on it.

The check runs again when a certificate is opened for review and when it is passed
(registers change: a standard's certificate runs out, a number gets used).  A
certificate passes only when no blocking defect is left open — fixed by the lab, or,
where its rule allows, overridden with a written reason — and never by someone who
signed it.  Every decision is a row of its own and is audited.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.calendar import load_calendar
from counter.admin.rules.roles import Actor, Perm
from counter.certificates.context import check_context
from counter.certificates.release_check import (  # the release gate, where callers found it first
    certificate_release_ok as certificate_release_ok,
)
from counter.certificates.release_check import (
    certificate_release_status as certificate_release_status,
)
from counter.certificates.rules import RULES, Certificate, Defect, check_certificate
from counter.certificates.store import (
    CertStatus,
    cert_status_label,
    certificate_of,
    current_defects,
    get_certificate,
    move_item,
    overrides_of,
    signers,
    store_defects,
)
from counter.clock import Clock, local_date
from counter.errors import CounterError, ValidationError
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus
from db.models import Customer, InstrumentType, Item, Order, User
from db.models_certificates import CertificateRecord, DefectOverride, FinalCheckRecord


@dataclass(frozen=True)
class ReviewRow:
    """One certificate in the review queue."""

    id: int
    number: str
    type: str
    item_id: int
    item_number: str
    instrument: str
    customer: str
    verifier: str  # name as the supervisor knows them
    submitted_at: dt.datetime
    blocking: int
    warnings: int
    overridden: int

    @property
    def open_blocking(self) -> int:
        return max(0, self.blocking - self.overridden)


def review_queue(session: Session) -> list[ReviewRow]:
    """Certificates awaiting the final check, oldest first, with their defect counts."""
    signer = aliased(User)
    overridden = (
        select(func.count(DefectOverride.id))
        .where(
            DefectOverride.certificate_id == CertificateRecord.id,
            DefectOverride.revision == CertificateRecord.revision,
        )
        .scalar_subquery()
    )
    query = (
        select(
            CertificateRecord.id, CertificateRecord.number, CertificateRecord.type, Item.id,
            Item.number, InstrumentType.name, Customer.name,
            func.coalesce(signer.full_name, CertificateRecord.verifier),
            CertificateRecord.updated_at, CertificateRecord.blocking_count,
            CertificateRecord.warning_count, overridden,
        )
        .join(Item, Item.id == CertificateRecord.item_id)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(InstrumentType, InstrumentType.id == Item.type_id)
        .outerjoin(signer, and_(signer.username == CertificateRecord.verifier))
        .where(CertificateRecord.status == CertStatus.AWAITING_REVIEW)
        .order_by(CertificateRecord.updated_at, CertificateRecord.id)
    )  # fmt: skip
    return [ReviewRow(*tuple(row)) for row in session.execute(query)]


@dataclass(frozen=True)
class ReviewDefect:
    defect: Defect
    override_reason: str = ""
    override_by: str = ""

    @property
    def is_open(self) -> bool:
        """Blocking, and neither fixed nor overridden with a reason."""
        return self.defect.blocking and not (self.defect.overridable and self.override_reason)


@dataclass(frozen=True)
class ReviewDetail:
    certificate_id: int
    number: str
    status: str
    item_id: int
    item_number: str
    certificate: Certificate
    defects: tuple[ReviewDefect, ...]
    signers: frozenset[str]
    blockers: tuple[str, ...]  # why it may not pass now ("" = it may)

    @property
    def may_pass(self) -> bool:
        return not self.blockers


def _recheck(session: Session, clock: Clock, row: CertificateRecord) -> list[Defect]:
    """Run the check again; a changed result is stored as a new snapshot."""
    cert = certificate_of(row)
    ctx = check_context(session, [cert], local_date(clock.now()), [row.id])
    found = check_certificate(cert, ctx)
    if found != current_defects(session, row):
        store_defects(session, row, found, "review", clock.now())
        session.flush()
    return found


def _blockers(
    row: CertificateRecord, defects: Sequence[ReviewDefect], actor: Actor
) -> tuple[str, ...]:
    out: list[str] = []
    if row.status != CertStatus.AWAITING_REVIEW:
        out.append(_("证书{status}，不在待终审状态").format(status=cert_status_label(row.status)))
    if actor.username in signers(row):
        out.append(_("您在本证书上签了字，不能终审自己签的证书"))
    still = sum(1 for d in defects if d.is_open)
    if still:
        out.append(_("还有 {n} 项阻断性缺陷未处理（须改正或写明理由放行）").format(n=still))
    return tuple(out)


def _detail(
    session: Session, row: CertificateRecord, defects: Sequence[Defect], actor: Actor
) -> ReviewDetail:
    written = {o.defect_key: (o.reason, by) for o, by in overrides_of(session, row)}
    reviewed = tuple(
        ReviewDefect(d, *written.get(d.key, ("", ""))) if d.blocking else ReviewDefect(d)
        for d in defects
    )
    return ReviewDetail(
        row.id, row.number, row.status, row.item_id, row.item.number, certificate_of(row),
        reviewed, signers(row), _blockers(row, reviewed, actor),
    )  # fmt: skip


def open_review(session: Session, actor: Actor, clock: Clock, certificate_id: int) -> ReviewDetail:
    """The certificate with its defects as of now, and whether `actor` may pass it."""
    require(session, actor, Perm.REVIEW)
    row = get_certificate(session, certificate_id)
    return _detail(session, row, _recheck(session, clock, row), actor)


def override_defect(
    session: Session, actor: Actor, clock: Clock, certificate_id: int, key: str, reason: str
) -> DefectOverride:
    """Release despite one blocking defect, with a written reason, where its rule allows."""
    require(session, actor, Perm.REVIEW)
    row = get_certificate(session, certificate_id)
    if not reason.strip():
        raise ValidationError([_("放行缺陷需要写明理由")])
    if row.status != CertStatus.AWAITING_REVIEW:
        raise CounterError(_("证书{status}，不在待终审状态").format(
            status=cert_status_label(row.status)))  # fmt: skip
    if actor.username in signers(row):
        raise CounterError(_("您在本证书上签了字，不能为它放行缺陷"))
    found = {d.key: d for d in current_defects(session, row) if d.blocking}
    target = found.get(key)
    if target is None:
        raise CounterError(_("证书当前没有这项阻断性缺陷：{key}").format(key=key))
    rule = RULES.get(target.code)
    if rule is None or not rule.overridable:
        raise CounterError(
            _("{code} 这类缺陷不允许放行，必须由检定人员改正").format(code=target.code)
        )
    if any(o.defect_key == key for o, _by in overrides_of(session, row)):
        raise CounterError(_("这项缺陷已写明放行理由"))
    override = DefectOverride(certificate_id=row.id, revision=row.revision, defect_key=key,
                              code=target.code, reason=reason.strip(), by_id=actor.id,
                              at=clock.now())  # fmt: skip
    session.add(override)
    record(session, actor, clock, "certificate.override", "certificate", row.number,
           after={"defect": key, "message": target.message_zh}, reason=reason.strip())  # fmt: skip
    session.flush()
    return override


def _final_check(
    session: Session, actor: Actor, clock: Clock, row: CertificateRecord, outcome: str,
    comment: str, defects: Sequence[Defect],
) -> FinalCheckRecord:  # fmt: skip
    check = FinalCheckRecord(
        certificate_id=row.id, revision=row.revision, reviewer_id=actor.id, at=clock.now(),
        outcome=outcome, comment=comment.strip(),
        blocking_keys=json.dumps([d.key for d in defects if d.blocking], ensure_ascii=False),
    )  # fmt: skip
    session.add(check)
    session.flush()
    return check


def _mark_finished(session: Session, row: CertificateRecord, check: FinalCheckRecord) -> None:
    """The item's first pass (of an original certificate, not a reissue) finishes it: its date
    and the working days since it was received are kept on it for the statistics."""
    item = row.item
    if item.finished_on is not None or row.supersedes_id is not None:
        return
    day = local_date(check.at)
    item.finished_on = day
    item.turnaround_days = load_calendar(session).workdays_between(local_date(item.created_at), day)


def pass_certificate(
    session: Session, actor: Actor, clock: Clock, certificate_id: int, comment: str = ""
) -> FinalCheckRecord:
    """Record a passed final check; the item becomes "checked" (ready to leave)."""
    require(session, actor, Perm.REVIEW)
    row = get_certificate(session, certificate_id)
    defects = _recheck(session, clock, row)
    detail = _detail(session, row, defects, actor)
    if not detail.may_pass:
        raise CounterError("；".join(detail.blockers))
    check = _final_check(session, actor, clock, row, "passed", comment, defects)
    for override, _by in overrides_of(session, row):
        override.final_check_id = check.id
    row.status, row.updated_at = CertStatus.PASSED, clock.now()
    _mark_finished(session, row, check)
    if row.item.status != ItemStatus.RELEASED:  # a reissue after the item left stays "released"
        move_item(session, actor, clock, row.item, ItemStatus.CHECKED)
    record(session, actor, clock, "certificate.pass", "certificate", row.number,
           after={"blocking": row.blocking_count, "warnings": row.warning_count,
                  "overridden": sum(1 for d in detail.defects if d.override_reason)},
           reason=comment.strip())  # fmt: skip
    session.flush()
    return check


def send_back(
    session: Session, actor: Actor, clock: Clock, certificate_id: int, comment: str
) -> FinalCheckRecord:
    """Return the certificate to the lab with a comment; the item goes back to the lab."""
    require(session, actor, Perm.REVIEW)
    if not comment.strip():
        raise ValidationError([_("退回需要写明要改正的内容")])
    row = get_certificate(session, certificate_id)
    if row.status != CertStatus.AWAITING_REVIEW:
        raise CounterError(_("证书{status}，不在待终审状态").format(
            status=cert_status_label(row.status)))  # fmt: skip
    check = _final_check(session, actor, clock, row, "returned", comment,
                         current_defects(session, row))  # fmt: skip
    row.status, row.updated_at = CertStatus.RETURNED, clock.now()
    if row.item.status != ItemStatus.RELEASED:
        move_item(session, actor, clock, row.item, ItemStatus.IN_LAB, comment)
    record(session, actor, clock, "certificate.return", "certificate", row.number,
           reason=comment.strip())  # fmt: skip
    session.flush()
    return check
