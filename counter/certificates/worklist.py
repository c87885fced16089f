"""The lab's work list: my certificates, those sent back to me (with the reason), drafts,
and those waiting for the final check.

"Mine" is a certificate I created or sign as its verifier.  A certificate sent back
carries the supervisor's reason (the comment of the latest "returned" final check)
until it passes; the form and the work list both show it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.certificates.store import EDITABLE, CertStatus, cert_status_label
from counter.i18n import _
from db.models import Customer, InstrumentType, Item, Order, User
from db.models_certificates import CertificateRecord, FinalCheckRecord

#: A send-back's reason is still the lab's to act on in these states.
SHOWS_SEND_BACK = frozenset({CertStatus.RETURNED, CertStatus.DRAFT})


class WorkView(enum.StrEnum):
    MINE = "mine"
    RETURNED = "returned"  # sent back to me
    DRAFTS = "drafts"
    WAITING = "waiting"  # waiting for the final check


def work_view_label(view: WorkView) -> str:
    return {
        WorkView.MINE: _("我的证书"),
        WorkView.RETURNED: _("退回给我的"),
        WorkView.DRAFTS: _("草稿"),
        WorkView.WAITING: _("待终审"),
    }[view]


@dataclass(frozen=True)
class SendBack:
    """The supervisor's reason for sending a certificate back."""

    reason: str
    by: str  # the supervisor's full name
    at: dt.datetime

    def text(self) -> str:
        return _("{by} 于 {day} 退回：{reason}").format(
            by=self.by, day=self.at.date().isoformat(), reason=self.reason
        )


@dataclass(frozen=True)
class WorkRow:
    certificate_id: int
    number: str
    item_id: int
    item_number: str
    instrument: str
    customer: str
    status: str
    updated_at: dt.datetime
    blocking: int
    warnings: int
    returned: SendBack | None

    @property
    def status_label(self) -> str:
        return cert_status_label(self.status)


def send_backs(session: Session, certificate_ids: Collection[int]) -> dict[int, SendBack]:
    """The latest send-back of each certificate that has one."""
    if not certificate_ids:
        return {}
    query = (
        select(FinalCheckRecord.certificate_id, FinalCheckRecord.comment,
               User.full_name, FinalCheckRecord.at)
        .join(User, User.id == FinalCheckRecord.reviewer_id)
        .where(FinalCheckRecord.certificate_id.in_(list(certificate_ids)),
               FinalCheckRecord.outcome == "returned")
        .order_by(FinalCheckRecord.id)
    )  # fmt: skip
    return {cid: SendBack(comment, by, at) for cid, comment, by, at in session.execute(query)}


def last_send_back(session: Session, row: CertificateRecord) -> SendBack | None:
    """The reason the lab still has to act on: the latest send-back, until the certificate
    passes."""
    if row.status not in SHOWS_SEND_BACK:
        return None
    return send_backs(session, [row.id]).get(row.id)


def lab_work_list(session: Session, actor: Actor, view: WorkView) -> list[WorkRow]:
    """The certificates of one view of the lab's work list, newest change first."""
    require(session, actor, Perm.LAB_WORK)
    mine = or_(
        CertificateRecord.created_by_id == actor.id,
        CertificateRecord.verifier == actor.username,
    )
    where = {
        WorkView.MINE: [mine, CertificateRecord.status.in_(list(EDITABLE))],
        WorkView.RETURNED: [mine, CertificateRecord.status == CertStatus.RETURNED],
        WorkView.DRAFTS: [CertificateRecord.status == CertStatus.DRAFT],
        WorkView.WAITING: [CertificateRecord.status == CertStatus.AWAITING_REVIEW],
    }[view]
    query = (
        select(CertificateRecord.id, CertificateRecord.number, Item.id, Item.number,
               InstrumentType.name, Customer.name, CertificateRecord.status,
               CertificateRecord.updated_at, CertificateRecord.blocking_count,
               CertificateRecord.warning_count)
        .join(Item, Item.id == CertificateRecord.item_id)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(InstrumentType, InstrumentType.id == Item.type_id)
        .where(*where)
        .order_by(CertificateRecord.updated_at.desc(), CertificateRecord.id.desc())
    )  # fmt: skip
    rows = list(session.execute(query))
    reasons = send_backs(session, [r[0] for r in rows])
    return [
        WorkRow(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
            reasons.get(r[0]) if r[6] in SHOWS_SEND_BACK else None,
        )
        for r in rows
    ]  # fmt: skip
