"""Voids and corrections after intake: nothing deleted, every change audited with its reason."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import changes, record
from counter.admin.auth import Actor, Perm, require
from counter.clock import Clock
from counter.errors import CounterError, ValidationError
from counter.i18n import _
from counter.intake.item_status import move_item_status, refresh_order_status, set_item_status
from counter.intake.lookups import get_item, get_order
from counter.intake.receive import _TEXT_LIMITS, item_field_label
from counter.intake.rules.lifecycle import ItemStatus, check_transition, status_label
from db.models import Item, Order
from db.models_billing import FeeStatement, FeeStatementOrder


def _refuse_while_billed(session: Session, order: Order) -> None:
    """A voided instrument must not stay on a live fee statement."""
    number = session.scalar(
        select(FeeStatement.number)
        .join(FeeStatementOrder, FeeStatementOrder.statement_id == FeeStatement.id)
        .where(FeeStatementOrder.order_id == order.id, FeeStatement.voided_at.is_(None))
        .limit(1)
    )
    if number:
        raise CounterError(
            _("委托单 {order} 已开收费清单 {statement}，请先作废或重开清单").format(
                order=order.number, statement=number
            )
        )


def void_item(session: Session, actor: Actor, clock: Clock, item_id: int, reason: str) -> Item:
    require(session, actor, Perm.VOID)
    _refuse_while_billed(session, get_item(session, item_id).order)
    return set_item_status(session, actor, clock, item_id, ItemStatus.VOIDED, reason)


def void_order(session: Session, actor: Actor, clock: Clock, order_id: int, reason: str) -> Order:
    """Void a whole order with a reason; refused once any item has left the counter."""
    require(session, actor, Perm.VOID)
    if not reason.strip():
        raise ValidationError([_("作废委托单需要填写原因")])
    order = get_order(session, order_id)
    if order.voided_at is not None:
        raise CounterError(_("委托单 {number} 已作废").format(number=order.number))
    released = [i.number for i in order.items if i.status == ItemStatus.RELEASED]
    if released:
        raise CounterError(
            _("委托单中已有器具发放（{items}），不能整单作废").format(items="、".join(released))
        )
    _refuse_while_billed(session, order)
    live = [i for i in order.items if i.status != ItemStatus.VOIDED]
    for item in live:
        check_transition(ItemStatus(item.status), ItemStatus.VOIDED, reason)
    for item in live:
        move_item_status(session, actor, clock, item.id, ItemStatus.VOIDED, reason)
    now = clock.now()
    order.voided_at, order.voided_by_id, order.void_reason = now, actor.id, reason.strip()
    refresh_order_status(order)
    record(session, actor, clock, "order.void", "order", order.number, reason=reason.strip())
    session.flush()
    return order


@dataclass(frozen=True)
class ItemCorrection:
    model: str
    serial: str
    manufacturer: str
    measuring_range: str
    accuracy_class: str
    condition: str
    accessories: str


def correction_of(item: Item) -> ItemCorrection:
    return ItemCorrection(
        **{f.name: getattr(item, f.name) for f in dataclasses.fields(ItemCorrection)}
    )


def correct_item(
    session: Session, actor: Actor, clock: Clock, item_id: int, new: ItemCorrection, reason: str
) -> Item:
    """Correct an item's details as registered; before → after goes to the audit log."""
    require(session, actor, Perm.CORRECT_ITEM)
    item = get_item(session, item_id)
    if item.status in (ItemStatus.VOIDED, ItemStatus.RELEASED):
        raise CounterError(
            _("器具 {number} 已{status}，不能更正").format(
                number=item.number, status=status_label(item.status)
            )
        )
    if item.status in (ItemStatus.CERT_DRAFTED, ItemStatus.CHECKED):
        # the certificate was checked against the registered details: changing them
        # silently would let a certificate with the old serial leave
        raise CounterError(
            _("器具 {number} 已出证书，更正登记信息前请先将证书退回检定").format(number=item.number)
        )
    problems = []
    if not reason.strip():
        problems.append(_("更正需要填写原因"))
    for fname, limit in _TEXT_LIMITS.items():
        value = getattr(new, fname, None)
        if value is not None and len(value.strip()) > limit:
            problems.append(
                _("“{field}”过长（最多 {n} 个字符）").format(field=item_field_label(fname), n=limit)
            )
    if problems:
        raise ValidationError(problems)
    before, after = changes(
        dataclasses.asdict(correction_of(item)),
        {k: v.strip() for k, v in dataclasses.asdict(new).items()},
    )
    if not after:
        return item
    for key, value in after.items():
        setattr(item, key, value)
    item.updated_at = clock.now()
    record(
        session,
        actor,
        clock,
        "item.correct",
        "item",
        item.number,
        before=before,
        after=after,
        reason=reason.strip(),
    )
    session.flush()
    return item
