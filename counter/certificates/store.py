"""A certificate row ↔ the pure `Certificate`: statuses, indexed copies, defects, the item.

The content column is written and read by `counter.certificates.content`.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require_any
from counter.admin.rules.roles import Actor, Perm
from counter.certificates.content import certificate_from_json, content_json
from counter.certificates.rules import Certificate, Defect, FinalCheck, Override, Severity
from counter.clock import Clock
from counter.errors import NotFound
from counter.i18n import _
from counter.intake.item_status import refresh_order_status, require_documents
from counter.intake.rules.lifecycle import ItemStatus, check_transition
from db.models import Item, User
from db.models_certificates import (
    CertificateDefect,
    CertificateRecord,
    DefectOverride,
    FinalCheckRecord,
)


class CertStatus(enum.StrEnum):
    DRAFT = "draft"  # the lab is still working on it
    AWAITING_REVIEW = "awaiting_review"  # in the supervisor's queue
    RETURNED = "returned"  # sent back to the lab with a comment
    PASSED = "passed"  # passed the final check
    SUPERSEDED = "superseded"  # replaced by a reissue (kept, with its PDF)
    VOIDED = "voided"  # withdrawn with a reason (kept)


#: A certificate in one of these states is the item's current one.
LIVE = frozenset(
    {CertStatus.DRAFT, CertStatus.AWAITING_REVIEW, CertStatus.RETURNED, CertStatus.PASSED}
)
#: The lab may still change it in place.
EDITABLE = frozenset({CertStatus.DRAFT, CertStatus.AWAITING_REVIEW, CertStatus.RETURNED})


def cert_status_label(status: str) -> str:
    return {
        CertStatus.DRAFT: _("草稿"),
        CertStatus.AWAITING_REVIEW: _("待终审"),
        CertStatus.RETURNED: _("已退回"),
        CertStatus.PASSED: _("已通过终审"),
        CertStatus.SUPERSEDED: _("已被替代"),
        CertStatus.VOIDED: _("已作废"),
    }[CertStatus(status)]


def certificate_of(row: CertificateRecord) -> Certificate:
    """The certificate's content (without its final check)."""
    return certificate_from_json(row.content)


def copy_indexed(row: CertificateRecord, cert: Certificate) -> None:
    """Write the content and its indexed copies onto `row`."""
    row.number = cert.number
    row.type = cert.type.value
    row.content = content_json(cert)
    row.performed, row.issued, row.valid_until = cert.performed, cert.issued, cert.valid_until
    row.verdict = cert.verdict.value
    row.regulation = cert.regulation.strip()[:64]
    row.record_number = cert.record_number.strip()[:64]
    row.verifier, row.checker, row.approver = (
        cert.verifier.strip(),
        cert.checker.strip(),
        cert.approver.strip(),
    )
    row.page_count = cert.page_count
    row.amendment_reason = cert.amendment_reason.strip()


def signers(row: CertificateRecord) -> frozenset[str]:
    return frozenset(p for p in (row.verifier, row.checker, row.approver) if p)


def get_certificate(session: Session, certificate_id: int) -> CertificateRecord:
    row = session.get(CertificateRecord, certificate_id)
    if row is None:
        raise NotFound(_("证书不存在"))
    return row


# --- defects ------------------------------------------------------------------


def defect_of(row: CertificateDefect) -> Defect:
    return Defect(
        row.code,
        Severity(row.severity),
        row.message_zh,
        row.message_en,
        row.clause,
        row.overridable,
        row.field,
    )


def store_defects(
    session: Session,
    row: CertificateRecord,
    defects: Sequence[Defect],
    stage: str,
    at: dt.datetime,
) -> None:
    """A new snapshot of the check's findings; the counts on the certificate follow it."""
    row.check_seq += 1
    session.add_all(
        CertificateDefect(
            certificate_id=row.id,
            check_seq=row.check_seq,
            revision=row.revision,
            stage=stage,
            checked_at=at,
            code=d.code,
            severity=d.severity.value,
            field=d.field,
            message_zh=d.message_zh,
            message_en=d.message_en,
            clause=d.clause,
            overridable=d.overridable,
        )
        for d in defects
    )
    row.blocking_count = sum(1 for d in defects if d.blocking)
    row.warning_count = len(defects) - row.blocking_count


def current_defects(session: Session, row: CertificateRecord) -> list[Defect]:
    """The findings of the latest check, in the order they were found."""
    query = (
        select(CertificateDefect)
        .where(
            CertificateDefect.certificate_id == row.id,
            CertificateDefect.check_seq == row.check_seq,
        )
        .order_by(CertificateDefect.id)
    )
    return [defect_of(d) for d in session.scalars(query)]


def overrides_of(session: Session, row: CertificateRecord) -> list[tuple[DefectOverride, str]]:
    """Overrides written for the current revision, with the username of who wrote them."""
    query = (
        select(DefectOverride, User.username)
        .join(User, User.id == DefectOverride.by_id)
        .where(
            DefectOverride.certificate_id == row.id,
            DefectOverride.revision == row.revision,
        )
        .order_by(DefectOverride.id)
    )
    return [(o, name) for o, name in session.execute(query)]


def final_check_of(session: Session, row: CertificateRecord) -> FinalCheck | None:
    """The latest final check of the current revision, as the release gate reads it."""
    query = (
        select(FinalCheckRecord, User.username)
        .join(User, User.id == FinalCheckRecord.reviewer_id)
        .where(
            FinalCheckRecord.certificate_id == row.id,
            FinalCheckRecord.revision == row.revision,
        )
        .order_by(FinalCheckRecord.id.desc())
        .limit(1)
    )
    found = session.execute(query).first()
    if found is None:
        return None
    check, reviewer = found
    overrides = tuple(
        Override(o.defect_key, o.reason, by, o.at)
        for o, by in overrides_of(session, row)
        if o.final_check_id == check.id
    )
    return FinalCheck(
        reviewer=reviewer,
        checked_at=check.at,
        passed=check.outcome == "passed",
        comment=check.comment,
        blocking=tuple(json.loads(check.blocking_keys)),
        overrides=overrides,
    )


# --- the item's life ----------------------------------------------------------


def move_item(
    session: Session, actor: Actor, clock: Clock, item: Item, target: ItemStatus, reason: str = ""
) -> None:
    """Move the item to `target` along its lifecycle, as part of a certificate action.

    The action has already checked its own permission (a supervisor sending a
    certificate back moves the item to the lab without holding "lab work"); every
    step is checked by `check_transition` and audited as `item.<state>`.
    """
    require_any(session, actor, frozenset({Perm.LAB_WORK, Perm.REVIEW}))
    require_documents(session, item, target)
    current = ItemStatus(item.status)
    if current is target:
        return
    path = [target]
    if current is ItemStatus.RECEIVED and target is ItemStatus.CERT_DRAFTED:
        path = [ItemStatus.IN_LAB, target]
    for step in path:
        old = ItemStatus(item.status)
        check_transition(old, step, reason)
        item.status = step
        item.status_reason = reason.strip()
        item.updated_at = clock.now()
        record(session, actor, clock, f"item.{step.value}", "item", item.number,
               before={"status": old.value}, after={"status": step.value},
               reason=reason.strip())  # fmt: skip
    refresh_order_status(item.order)
