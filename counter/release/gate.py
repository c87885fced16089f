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

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.billing import fees_settled
from counter.certificates.release_check import certificate_release_status
from counter.release.rules.gate import GateFacts, GateResult, Handover, S, decide, needs_certificate
from db.models import Item, User
from db.models_release import (
    MailDispatch,
    Release,
    ReleaseItem,
    UnpaidReleaseApproval,
    UnprocessedReturn,
)

#: The item may not leave whatever else is true (nothing more needs saying).
FINAL = frozenset({S.VOIDED, S.RELEASED, S.RETURNED_UNPROCESSED})


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
            out[item_id] = Handover(release.number, release.way, release.at, release.collector_name)
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
