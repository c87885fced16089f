"""The ready message a clerk copies into an SMS or WeChat: what is ready, where to collect
it, what is still owed, whom to call.

An order is called finished ("已完成") only when none of its instruments is still in
the lab; otherwise the message names the instruments that are ready and those that
are not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.admin.settings import load_settings
from counter.archive.outbox import draft_message, message_values, no_recipient, recipient_of
from counter.billing import fees_settled
from counter.clock import Clock, local_date
from counter.customers.records import get_customer
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus
from counter.release.lists import NOT_READY, ReadyGroup, ready_for_pickup
from db.models import Item, Order


def ready_message(session: Session, customer_id: int, *, today: dt.date | None = None) -> str:
    """The text a clerk copies into an SMS / WeChat to tell the customer what is ready."""
    customer = get_customer(session, customer_id)
    settings = load_settings(session)
    groups = ready_for_pickup(session, customer_id=customer_id, today=today)
    if not groups:
        return _("【{institute}】{customer}：您送检的器具暂无可领取的。").format(
            institute=settings.institute_name, customer=customer.name
        )
    group = groups[0]
    waiting = still_in_lab(session, {i.order_id for i in group.items})
    if not waiting:
        head = _("【{institute}】{customer}：您送检的器具（委托单 {orders}）已完成").format(
            institute=settings.institute_name,
            customer=customer.name,
            orders="、".join(group.orders),
        )
    else:
        head = _("【{institute}】{customer}：您送检的器具中，{n} 件已可取回（{items}）").format(
            institute=settings.institute_name,
            customer=customer.name,
            n=len(group.items),
            items=_("、").join(f"{i.instrument} {i.item_number}" for i in group.items),
        )
    parts = [head, *_notes(session, group, settings.counter_name, unpaid=bool(group.unpaid))]
    text = _("，").join(parts) + _("。")
    if settings.phone:
        text += _("咨询电话：{phone}。").format(phone=settings.phone)
    return text


def _notes(session: Session, group: ReadyGroup, counter_name: str, *, unpaid: bool) -> list[str]:
    """How the ready items come back, what is owed, what is still in the lab."""
    parts = []
    pickup = [i for i in group.items if i.return_way == "pickup"]
    mail = [i for i in group.items if i.return_way == "mail"]
    if pickup:
        parts.append(
            _("{n} 件请凭取件回执到{counter}领取").format(n=len(pickup), counter=counter_name)
        )
    if mail:
        parts.append(_("{n} 件将按约定邮寄").format(n=len(mail)))
    unprocessed = sum(1 for i in group.items if i.status == ItemStatus.RETURNED_UNPROCESSED)
    if unprocessed:
        parts.append(_("其中 {n} 件未能检定，原样退回").format(n=unprocessed))
    if unpaid and not group.account_customer:
        parts.append(_("领取前请先缴清检定费用"))
    for order, items in still_in_lab(session, {i.order_id for i in group.items}).items():
        parts.append(
            _("委托单 {order} 另有 {n} 件尚未完成（{items}），完成后另行通知").format(
                order=order, n=len(items), items=_("、").join(items)
            )
        )
    return parts


def draft_ready_message(
    session: Session, actor: Actor, clock: Clock, order_id: int, channel: str
) -> int:
    """The ready-for-pickup message of one order, drafted in the outbox from its template;
    returns the message's id.  It goes to the order's contact (else the customer's)."""
    require(session, actor, Perm.RELEASE)
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(_("委托单不存在"))
    today = local_date(clock.now())
    groups = ready_for_pickup(session, customer_id=order.customer_id, today=today)
    items = tuple(i for g in groups for i in g.items if i.order_id == order_id)
    if not items:
        raise ValidationError([_("委托单 {order} 暂无可领取的器具").format(order=order.number)])
    group = dataclasses.replace(groups[0], items=items)
    settings = load_settings(session)
    customer = order.customer
    unpaid = (
        any(i.status == ItemStatus.CHECKED for i in items)
        and not fees_settled(session, order_id=order_id, today=today)[0]
    )
    notes = _notes(session, group, settings.counter_name, unpaid=unpaid)
    values = message_values(customer, settings) | {
        "contact": order.contact_name or customer.contact_name or customer.name,
        "order": order.number,
        "count": len(items),
        "instruments": _("、").join(f"{i.instrument} {i.item_number}" for i in items),
        "details": _("，").join(notes) + _("。") if notes else "",
    }
    recipient = recipient_of(customer, channel)
    if channel in ("sms", "wechat", "phone") and order.contact_phone.strip():
        recipient = order.contact_phone.strip()
    if not recipient:
        raise ValidationError([no_recipient(customer, channel)])
    message = draft_message(
        session,
        actor,
        clock,
        customer=customer,
        kind="ready",
        channel=channel,
        values=values,
        order_id=order.id,
        recipient=recipient,
        recipient_name=order.contact_name or customer.contact_name or customer.name,
    )
    return message.id


def still_in_lab(session: Session, order_ids: set[int]) -> dict[str, list[str]]:
    """Order number → "instrument item-number" of its instruments not finished yet."""
    rows = session.scalars(
        select(Item)
        .join(Order, Order.id == Item.order_id)
        .where(Item.order_id.in_(order_ids), Item.status.in_(list(NOT_READY)))
        .options(selectinload(Item.instrument_type), selectinload(Item.order))
        .order_by(Order.number, Item.seq)
    )
    out: dict[str, list[str]] = {}
    for item in rows:
        out.setdefault(item.order.number, []).append(f"{item.instrument_type.name} {item.number}")
    return out
