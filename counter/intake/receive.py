"""Receiving instruments: the intake clerk's order with its items.

`review_order` is pure (drafts + catalogue in, problems and warnings out) so the
screen can show them while the clerk types; `save_order` stores the order in the
caller's transaction, numbers it, routes every item to its department, promises
a date in working days, links instruments seen before, and queues the labels
and the receipt for printing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import keyed_entry, record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.admin.rules.workdays import WorkCalendar, fallback_notice, promise_date
from counter.admin.settings import SERVICES, URGENCIES, InstituteSettings
from counter.clock import Clock, local_date
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from counter.intake.catalog import TypeInfo, Use, list_types
from counter.intake.ledger_link import claim_owner
from counter.intake.numbering import item_number
from counter.intake.order_store import read_facts, store_order
from counter.intake.rules.lifecycle import ItemStatus
from db.models import Order

CHANNELS = ("counter", "appointment", "mail", "onsite")
RETURN_WAYS = ("pickup", "mail")
#: an on-site order may also be handed over at the site (counter.onsite offers only that or mail)
ONSITE_RETURN_WAYS = (*RETURN_WAYS, "handover")
MAX_ITEMS = 999

_TEXT_LIMITS = {
    "model": 128,
    "serial": 64,
    "manufacturer": 128,
    "measuring_range": 128,
    "accuracy_class": 32,
    "condition": 256,
    "accessories": 256,
}


def service_label(service: str) -> str:
    return {
        "verification": _("检定"),
        "calibration": _("校准"),
        "testing": _("检测"),
        "repair": _("修理"),
    }[service]


def urgency_label(urgency: str) -> str:
    return {"normal": _("普通"), "urgent": _("加急"), "same_day": _("当日取")}[urgency]


def return_way_label(way: str) -> str:
    return {"pickup": _("自取"), "mail": _("邮寄"), "handover": _("现场交付")}[way]


def channel_label(channel: str) -> str:
    return {
        "counter": _("窗口送检"),
        "appointment": _("预约送检"),
        "mail": _("邮寄送检"),
        "onsite": _("上门检定"),
    }[channel]


def item_field_label(name: str) -> str:
    return {
        "model": _("型号规格"),
        "serial": _("出厂编号"),
        "manufacturer": _("制造厂"),
        "measuring_range": _("测量范围"),
        "accuracy_class": _("准确度等级"),
        "condition": _("外观状况"),
        "accessories": _("附件"),
    }.get(name, name)


@dataclass(frozen=True)
class ItemDraft:
    type_id: int
    model: str = ""
    serial: str = ""
    manufacturer: str = ""
    measuring_range: str = ""
    accuracy_class: str = ""
    service: str = "verification"
    use: str = ""
    # None: compulsory follows catalogue and use; True/False: overridden (needs a reason)
    compulsory_override: bool | None = None
    override_reason: str = ""
    condition: str = ""
    accessories: str = ""
    urgency: str = "normal"
    return_way: str = "pickup"


@dataclass(frozen=True)
class OrderDraft:
    customer_id: int
    items: tuple[ItemDraft, ...]
    channel: str = "counter"
    contact_name: str = ""
    contact_phone: str = ""
    note: str = ""
    # the same token twice (a double-pressed Save) stores one order
    request_token: str = ""


@dataclass(frozen=True)
class OrderReview:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class SavedOrder:
    order_id: int
    number: str
    item_numbers: tuple[str, ...]
    promised_date: dt.date
    warnings: tuple[str, ...] = ()
    calendar_notice: str = ""
    already_saved: bool = False


def is_compulsory(info: TypeInfo, draft: ItemDraft) -> bool:
    """Compulsory verification: the catalogue's uses decide unless overridden with a reason."""
    if draft.compulsory_override is not None:
        return draft.compulsory_override
    return draft.service == "verification" and info.is_compulsory_use(Use(draft.use))


def copies(draft: ItemDraft, n: int) -> list[ItemDraft]:
    """ "Add N identical items": the same details, serials left for the clerk."""
    if not 1 <= n <= MAX_ITEMS:
        raise ValidationError([_("数量应在 1 到 {n} 之间").format(n=MAX_ITEMS)])
    return [dataclasses.replace(draft, serial="") for _i in range(n)]


def _review_item(
    row: int, d: ItemDraft, types: Mapping[int, TypeInfo], ways: tuple[str, ...] = RETURN_WAYS
) -> list[str]:
    problems = []
    where = _("第 {n} 行：").format(n=row)
    if d.type_id not in types:
        problems.append(where + _("器具名称不在目录中，请从目录中选择"))
    if d.service not in SERVICES:
        problems.append(where + _("服务类型无效"))
    if d.urgency not in URGENCIES:
        problems.append(where + _("加急选项无效"))
    if d.return_way not in ways:
        problems.append(where + _("取件方式无效"))
    try:
        Use(d.use)
    except ValueError:
        problems.append(where + _("用途无效"))
    if d.compulsory_override is not None and not d.override_reason.strip():
        problems.append(where + _("更改强制检定标志需要填写原因"))
    for fname, limit in _TEXT_LIMITS.items():
        if len(getattr(d, fname).strip()) > limit:
            problems.append(
                where
                + _("“{field}”过长（最多 {n} 个字符）").format(
                    field=item_field_label(fname), n=limit
                )
            )
    return problems


def review_order(draft: OrderDraft, types: Mapping[int, TypeInfo]) -> OrderReview:
    """Every problem that prevents saving, and warnings the clerk should see."""
    problems: list[str] = []
    warnings: list[str] = []
    if not draft.items:
        problems.append(_("委托单至少要有一件器具"))
    if len(draft.items) > MAX_ITEMS:
        problems.append(_("一张委托单最多 {n} 件器具").format(n=MAX_ITEMS))
    if draft.channel not in CHANNELS:
        problems.append(_("收件方式无效"))
    ways = ONSITE_RETURN_WAYS if draft.channel == "onsite" else RETURN_WAYS
    for row, item in enumerate(draft.items, start=1):
        problems += _review_item(row, item, types, ways)
    serials = Counter((i.type_id, i.serial.strip()) for i in draft.items if i.serial.strip())
    for (type_id, serial), n in serials.items():
        if n > 1:
            name = types[type_id].name if type_id in types else "?"
            warnings.append(
                _("出厂编号 {serial}（{name}）在本单中出现 {n} 次").format(
                    serial=serial, name=name, n=n
                )
            )
    return OrderReview(problems, warnings)


def promised_dates(
    calendar: WorkCalendar,
    settings: InstituteSettings,
    received: dt.date,
    items: Sequence[ItemDraft],
) -> tuple[list[dt.date], str]:
    """The promised date of every item and a notice when the calendar fell back."""
    dates = []
    fallback: set[int] = set()
    for item in items:
        promise = promise_date(
            calendar, received, settings.working_days(item.service, item.urgency)
        )
        dates.append(promise.date)
        fallback.update(promise.fallback_years)
    return dates, fallback_notice(tuple(sorted(fallback)))


def _existing(session: Session, token: str) -> SavedOrder:
    order = session.scalars(select(Order).where(Order.request_token == token)).one()
    return SavedOrder(
        order.id,
        order.number,
        tuple(i.number for i in order.items),
        order.promised_date or local_date(order.received_at),
        already_saved=True,
    )


def save_order(
    session: Session,
    actor: Actor,
    clock: Clock,
    draft: OrderDraft,
    *,
    types: Mapping[int, TypeInfo] | None = None,
    settings: InstituteSettings | None = None,
    calendar: WorkCalendar | None = None,
) -> SavedOrder:
    """Store a received order in the caller's transaction (the caller commits)."""
    require(session, actor, Perm.RECEIVE)
    facts = read_facts(session, draft.customer_id, draft.request_token)
    if facts.existing_order_id is not None:
        return _existing(session, draft.request_token)
    types = types if types is not None else {t.id: t for t in list_types(session)}
    review = review_order(draft, types)
    if not review.ok:
        raise ValidationError(review.problems)
    customer = facts.customer
    if customer is None:
        raise NotFound(_("客户不存在或已停用"))
    now = clock.now()
    received = local_date(now)
    dates, notice = promised_dates(
        calendar or facts.calendar, settings or facts.settings, received, draft.items
    )
    order = {
        "customer_id": draft.customer_id,
        "channel": draft.channel,
        "received_at": now,
        "received_by_id": actor.id,
        "contact_name": draft.contact_name.strip() or customer.contact_name,
        "contact_phone": draft.contact_phone.strip() or customer.phone,
        "note": draft.note.strip(),
        "item_count": len(draft.items),
        "status": ItemStatus.RECEIVED,
        "promised_date": max(dates),
        "request_token": draft.request_token or None,
    }
    items = [
        _item_row(seq, d, types[d.type_id], promised, now)
        for seq, (d, promised) in enumerate(zip(draft.items, dates, strict=True), 1)
    ]
    after = {"customer": customer.name, "items": len(items), "promised": max(dates).isoformat()}
    audit = keyed_entry(session, actor, clock, "order.create", "order", after=after)
    # numbered at the very end: see counter.intake.numbering
    if not customer.owned:  # 首问负责: the department of the first order's first item
        claim_owner(session, draft.customer_id, items[0]["department_id"])
    names = {type_id: types[type_id].name for type_id in {d.type_id for d in draft.items}}
    stored = store_order(session, order, items, received.year, audit, names)
    order_id, number = stored.order_id, stored.number
    if not stored.audited:
        record(session, actor, clock, "order.create", "order", number, after=after)
    return SavedOrder(
        order_id,
        number,
        tuple(item_number(number, seq) for seq in range(1, len(items) + 1)),
        max(dates),
        tuple(review.warnings),
        notice,
    )


def _item_row(
    seq: int, d: ItemDraft, info: TypeInfo, promised: dt.date, now: dt.datetime
) -> dict[str, Any]:
    return {
        "seq": seq,
        "type_id": d.type_id,
        "department_id": info.department_id,
        "model": d.model.strip(),
        "serial": d.serial.strip(),
        "manufacturer": d.manufacturer.strip(),
        "measuring_range": d.measuring_range.strip(),
        "accuracy_class": d.accuracy_class.strip(),
        "service": d.service,
        "use": d.use,
        "compulsory": is_compulsory(info, d),
        "compulsory_override_reason": d.override_reason.strip(),
        "condition": d.condition.strip(),
        "accessories": d.accessories.strip(),
        "urgency": d.urgency,
        "return_way": d.return_way,
        "promised_date": promised,
        "status": ItemStatus.RECEIVED,
        "created_at": now,
        "updated_at": now,
    }
