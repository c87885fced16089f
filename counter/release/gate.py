"""The release gate: may this instrument leave now, and if not, why — in words a clerk can say.

`decide` is pure: plain facts in (the item's state, the certificate gate's answer,
"fees settled", an account customer's written approval), a `GateResult` out.
`gate_facts` reads those facts for many items at once; `counter.release.handover`
calls both inside the pickup's transaction, so the gate is checked for every item
at the moment it leaves.

The order of the checks is the order a clerk explains it: voided, already gone,
still in the lab, certificate, fees.  An instrument returned unprocessed may
always be handed back (nothing was done, nothing is billed: see
`counter.billing.draft.NOT_BILLED`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.billing import fees_settled
from counter.certificates.release_check import certificate_release_status
from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus
from db.models import Item, User
from db.models_release import (
    MailDispatch,
    Release,
    ReleaseItem,
    UnpaidReleaseApproval,
    UnprocessedReturn,
)

S = ItemStatus
IN_LAB = frozenset({S.RECEIVED, S.IN_LAB})


@dataclass(frozen=True)
class Handover:
    """How an item already left: by whom, when, which release."""

    release_number: str
    way: str  # "pickup" | "mail"
    at: dt.datetime
    to: str  # the collector, or the parcel's recipient
    courier: str = ""
    tracking_number: str = ""


@dataclass(frozen=True)
class GateFacts:
    status: str
    status_reason: str = ""
    handover: Handover | None = None
    # certificate_release_status / fees_settled answers; None = not asked (not needed)
    certificate: tuple[bool, str] | None = None
    fees: tuple[bool, str] | None = None
    account_customer: bool = False
    approval_reason: str = ""  # a supervisor's written approval to leave unpaid
    approval_by: str = ""
    unprocessed_note: str = ""


@dataclass(frozen=True)
class GateResult:
    can_leave: bool
    reason: str  # every reason, joined with "；" (or what lets it leave)
    # the approval text recorded on the release when an item leaves unpaid ("" = none)
    override: str = ""
    # only the fees stop it, and it belongs to an account customer: a supervisor may approve
    fees_only: bool = False
    # every reason the item may not leave, in the order a clerk explains them
    reasons: tuple[str, ...] = ()


def _refused(reasons: list[str], *, fees_only: bool = False) -> GateResult:
    return GateResult(False, "；".join(reasons), fees_only=fees_only, reasons=tuple(reasons))


def handover_text(h: Handover) -> str:
    at = h.at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    if h.way == "mail":
        return _("已于 {at} 邮寄给 {to}（{courier} {tracking}）").format(
            at=at, to=h.to, courier=h.courier, tracking=h.tracking_number
        )
    return _("已于 {at} 由 {to} 领取").format(at=at, to=h.to or "—")


def needs_certificate(status: str) -> bool:
    return status in (S.CHECKED, S.CERT_DRAFTED)


#: The item may not leave whatever else is true (nothing more needs saying).
FINAL = frozenset({S.VOIDED, S.RELEASED, S.RETURNED_UNPROCESSED})


def decide(f: GateFacts) -> GateResult:
    """Whether the item may leave, and why not (or on what terms) in the clerk's words."""
    status = ItemStatus(f.status)
    if status is S.VOIDED:
        return _refused([_("已作废")])
    if status is S.RELEASED:
        return _refused([handover_text(f.handover) if f.handover else _("已发放")])
    if status is S.RETURNED_UNPROCESSED:
        note = f.unprocessed_note.strip() or f.status_reason.strip()
        return GateResult(True, _("退回未检：{note}").format(note=note) if note else _("退回未检"))
    reasons: list[str] = []
    if status in IN_LAB:
        reasons.append(_("仍在检定中"))
    elif status is S.ON_HOLD:
        why = f.status_reason.strip()
        reasons.append(_("暂停检定：{reason}").format(reason=why) if why else _("暂停检定"))
    else:
        cert_ok, cert_words = f.certificate if f.certificate is not None else (False, "")
        if not cert_ok:
            reasons.append(cert_words or _("证书尚未终审"))
    fees_ok, fees_words = f.fees if f.fees is not None else (True, "")
    if fees_ok:
        return _refused(reasons) if reasons else GateResult(True, _("可以领取"))
    if not reasons and f.account_customer and f.approval_reason.strip():
        override = _("{by} 批准欠费放行：{reason}").format(
            by=f.approval_by, reason=f.approval_reason.strip()
        )
        return GateResult(
            True, _("可以领取（记账客户，{override}）").format(override=override), override
        )
    return _refused([*reasons, fees_words], fees_only=f.account_customer and not reasons)


# --- reading the facts --------------------------------------------------------------------


def handovers(session: Session, item_ids: Sequence[int]) -> dict[int, Handover]:
    rows = session.execute(
        select(ReleaseItem.item_id, Release, MailDispatch)
        .join(Release, Release.id == ReleaseItem.release_id)
        .outerjoin(MailDispatch, MailDispatch.release_id == Release.id)
        .where(ReleaseItem.item_id.in_(list(item_ids)))
    )
    out: dict[int, Handover] = {}
    for item_id, release, mail in rows:
        if mail is not None:
            out[item_id] = Handover(
                release.number,
                "mail",
                release.at,
                mail.recipient,
                mail.courier,
                mail.tracking_number,
            )
        else:
            out[item_id] = Handover(release.number, "pickup", release.at, release.collector_name)
    return out


def approvals(session: Session, item_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Item id → (reason, supervisor's name) of its approval to leave unpaid."""
    rows = session.execute(
        select(UnpaidReleaseApproval.item_id, UnpaidReleaseApproval.reason, User.full_name)
        .join(User, User.id == UnpaidReleaseApproval.by_id)
        .where(UnpaidReleaseApproval.item_id.in_(list(item_ids)))
    )
    return {item_id: (reason, name) for item_id, reason, name in rows}


def unprocessed_notes(session: Session, item_ids: Sequence[int]) -> dict[int, str]:
    rows = session.execute(
        select(UnprocessedReturn.item_id, UnprocessedReturn.customer_note).where(
            UnprocessedReturn.item_id.in_(list(item_ids))
        )
    )
    return {key: value for key, value in rows}


def gate_facts(
    session: Session, items: Sequence[Item], *, today: dt.date | None = None
) -> dict[int, GateFacts]:
    """The facts `decide` needs, for every item; fees are asked once per order."""
    ids = [i.id for i in items]
    gone = handovers(session, [i.id for i in items if i.status == S.RELEASED])
    approved = approvals(session, ids)
    notes = unprocessed_notes(session, [i.id for i in items if i.status == S.RETURNED_UNPROCESSED])
    certificates = certificate_release_status(
        session, [i.id for i in items if needs_certificate(i.status)]
    )
    fees: dict[int, tuple[bool, str]] = {}
    out: dict[int, GateFacts] = {}
    for item in items:
        fee = None
        certificate = certificates.get(item.id)
        if item.status not in FINAL:  # every reason is told, fees too
            if item.order_id not in fees:
                fees[item.order_id] = fees_settled(session, order_id=item.order_id, today=today)
            fee = fees[item.order_id]
        reason, by = approved.get(item.id, ("", ""))
        out[item.id] = GateFacts(
            status=item.status,
            status_reason=item.status_reason,
            handover=gone.get(item.id),
            certificate=certificate,
            fees=fee,
            account_customer=item.order.customer.account_customer,
            approval_reason=reason,
            approval_by=by,
            unprocessed_note=notes.get(item.id, ""),
        )
    return out


def evaluate(
    session: Session, items: Sequence[Item], *, today: dt.date | None = None
) -> dict[int, GateResult]:
    """`decide` for every item, from the database as it stands in this transaction."""
    return {item_id: decide(f) for item_id, f in gate_facts(session, items, today=today).items()}
