"""The ready message a clerk copies into an SMS or WeChat: what is ready, where to collect
it, what is still owed, whom to call.

An order is called finished ("已完成") only when none of its instruments is still in
the lab; otherwise the message names the instruments that are ready and those that
are not.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.admin.settings import load_settings
from counter.customers.records import get_customer
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus
from counter.release.lists import NOT_READY, ready_for_pickup
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
    pickup = [i for i in group.items if i.return_way == "pickup"]
    mail = [i for i in group.items if i.return_way == "mail"]
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
    parts = [head]
    if pickup:
        parts.append(
            _("{n} 件请凭取件回执到{counter}领取").format(
                n=len(pickup), counter=settings.counter_name
            )
        )
    if mail:
        parts.append(_("{n} 件将按约定邮寄").format(n=len(mail)))
    unprocessed = sum(1 for i in group.items if i.status == ItemStatus.RETURNED_UNPROCESSED)
    if unprocessed:
        parts.append(_("其中 {n} 件未能检定，原样退回").format(n=unprocessed))
    if group.unpaid and not group.account_customer:
        parts.append(_("领取前请先缴清检定费用"))
    for order, items in waiting.items():
        parts.append(
            _("委托单 {order} 另有 {n} 件尚未完成（{items}），完成后另行通知").format(
                order=order, n=len(items), items=_("、").join(items)
            )
        )
    text = _("，").join(parts) + _("。")
    if settings.phone:
        text += _("咨询电话：{phone}。").format(phone=settings.phone)
    return text


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
