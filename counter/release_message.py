"""The ready message a clerk copies into an SMS or WeChat: what is ready, where to collect
it, what is still owed, whom to call.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from counter.customers import get_customer
from counter.i18n import _
from counter.lifecycle import ItemStatus
from counter.release_lists import ready_for_pickup
from counter.settings import load_settings


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
    parts = [
        _("【{institute}】{customer}：您送检的器具（委托单 {orders}）已完成").format(
            institute=settings.institute_name,
            customer=customer.name,
            orders="、".join(group.orders),
        )
    ]
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
    text = _("，").join(parts) + _("。")
    if settings.phone:
        text += _("咨询电话：{phone}。").format(phone=settings.phone)
    return text
