"""The release gate's decision: may this instrument leave now, and if not, why (pure, no SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter.clock import CHINA_TZ
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus

S = ItemStatus
IN_LAB = frozenset({S.RECEIVED, S.IN_LAB})


@dataclass(frozen=True)
class Handover:
    """How an item already left: by whom, when, which release."""

    release_number: str
    way: str  # "pickup" | "mail" | "handover" (an on-site job's, at the site)
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
    if h.way == "handover":
        return _("已于 {at} 在现场交付给 {to}").format(at=at, to=h.to or "—")
    return _("已于 {at} 由 {to} 领取").format(at=at, to=h.to or "—")


def needs_certificate(status: str) -> bool:
    return status in (S.CHECKED, S.CERT_DRAFTED)


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
