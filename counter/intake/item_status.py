"""An item's state, set by hand or by the gate's own papers, with the permission each needs."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import Actor, Perm, require
from counter.clock import Clock
from counter.errors import CounterError
from counter.i18n import _
from counter.intake.lookups import get_item
from counter.intake.rules.lifecycle import ItemStatus, check_transition, order_status, status_label
from db.models import Item, Order
from db.models_certificates import CertificateRecord, FinalCheckRecord
from db.models_release import ReleaseItem


def refresh_order_status(order: Order) -> None:
    order.status = order_status(i.status for i in order.items)


# who may move an item into each state
STATUS_PERMS: dict[ItemStatus, Perm] = {
    ItemStatus.RECEIVED: Perm.RECEIVE,
    ItemStatus.IN_LAB: Perm.LAB_WORK,
    ItemStatus.CERT_DRAFTED: Perm.LAB_WORK,
    ItemStatus.CHECKED: Perm.REVIEW,
    ItemStatus.RELEASED: Perm.RELEASE,
    ItemStatus.ON_HOLD: Perm.RECEIVE,
    ItemStatus.RETURNED_UNPROCESSED: Perm.RECEIVE,
    ItemStatus.VOIDED: Perm.VOID,
}


# states a person sets by hand; the others are reached only through the certificate
# functions (drafted, checked) and the release gate (released)
MANUAL_STATES = frozenset(
    {
        ItemStatus.RECEIVED,
        ItemStatus.IN_LAB,
        ItemStatus.ON_HOLD,
        ItemStatus.RETURNED_UNPROCESSED,
        ItemStatus.VOIDED,
    }
)


def set_item_status(
    session: Session,
    actor: Actor,
    clock: Clock,
    item_id: int,
    new: ItemStatus,
    reason: str = "",
) -> Item:
    """Move an item by hand: to the lab, on hold, back, returned unprocessed, voided."""
    if new not in MANUAL_STATES:
        raise CounterError(
            _("“{new}”只能通过证书终审或领取/邮寄办理，不能直接设置").format(new=status_label(new))
        )
    return move_item_status(session, actor, clock, item_id, new, reason)


def require_documents(session: Session, item: Item, new: ItemStatus) -> None:
    """The gate's own papers must exist before an item is "checked" or "released".

    Whoever calls, an item never reaches "checked" without a certificate that passed its
    recorded final check, nor "released" without the handover record that released it.
    """
    if new is ItemStatus.CHECKED:
        passed = exists().where(
            CertificateRecord.item_id == item.id,
            CertificateRecord.status == "passed",
            FinalCheckRecord.certificate_id == CertificateRecord.id,
            FinalCheckRecord.outcome == "passed",
        )
        if not session.scalar(select(passed)):
            raise CounterError(
                _("器具 {number} 的证书没有通过终审的记录，不能设为“已终审”").format(
                    number=item.number
                )
            )
    if new is ItemStatus.RELEASED:
        handed = exists().where(ReleaseItem.item_id == item.id)
        if not session.scalar(select(handed)):
            raise CounterError(
                _("器具 {number} 没有领取或邮寄的交接记录，不能设为“已发放”").format(
                    number=item.number
                )
            )


def move_item_status(
    session: Session,
    actor: Actor,
    clock: Clock,
    item_id: int,
    new: ItemStatus,
    reason: str = "",
) -> Item:
    """Move an item along its life, with the permission the new state needs; "checked"
    and "released" only once their papers exist (`require_documents`)."""
    require(session, actor, STATUS_PERMS[new])
    item = get_item(session, item_id)
    require_documents(session, item, new)
    old = ItemStatus(item.status)
    check_transition(old, new, reason)
    item.status = new
    item.status_reason = reason.strip()
    item.updated_at = clock.now()
    if new is ItemStatus.VOIDED:
        item.void_reason = reason.strip()
    refresh_order_status(item.order)
    record(
        session,
        actor,
        clock,
        f"item.{new.value}",
        "item",
        item.number,
        before={"status": old.value},
        after={"status": new.value},
        reason=reason.strip(),
    )
    session.flush()
    return item
