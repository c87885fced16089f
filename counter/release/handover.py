"""Handing instruments over: picked up at the counter, or mailed.

Both run in the caller's ONE transaction: the items are locked, the gate is checked
for every item inside it, the release and its items are written and the items move
to "released" through the lifecycle — so if anything fails, nothing is released,
and no item is ever marked released without its release record.  A double confirm
(the same `request_token`) returns the first release; `release_items.item_id` is
unique, so an item leaves once whatever happens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.archive.verifications import record_verifications
from counter.clock import Clock, local_date
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from counter.intake.item_status import move_item_status
from counter.intake.rules.lifecycle import ItemStatus
from counter.intake.scan import clean_code
from counter.release.gate import evaluate
from counter.release.numbers import new_release_number
from counter.release.rating_code import ensure_rating_code
from counter.release.scan import certificate_numbers
from db.models import Customer, Item, Order
from db.models_release import MailDispatch, Release, ReleaseItem, UnprocessedReturn

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 2_000_000
_PHONE_CHARS = set("0123456789-+ ()转")


@dataclass(frozen=True)
class Collector:
    """Who collects at the counter; the signature is a PNG, or `paper` for a signed slip."""

    name: str
    phone: str = ""
    id_digits: str = ""  # last digits of the ID card
    signature_png: bytes | None = None
    paper: bool = False


@dataclass(frozen=True)
class MailTo:
    courier: str
    tracking_number: str
    recipient: str
    phone: str
    address: str


@dataclass(frozen=True)
class ReleaseDone:
    release_id: int
    number: str
    way: str
    item_numbers: tuple[str, ...]
    already_done: bool = False  # the same confirm arrived twice: this is the first one's release


def _problems_collector(c: Collector) -> list[str]:
    problems = []
    if not c.name.strip():
        problems.append(_("请填写领取人姓名"))
    if len(c.name.strip()) > 64:
        problems.append(_("领取人姓名过长（最多 64 个字符）"))
    phone = c.phone.strip()
    if len(phone) > 32 or not set(phone) <= _PHONE_CHARS:
        problems.append(_("电话号码只能包含数字和 - + ( ) 空格"))
    digits = c.id_digits.strip().upper()
    if digits and not (4 <= len(digits) <= 6 and all(ch.isdigit() or ch == "X" for ch in digits)):
        problems.append(_("身份证后几位应为 4 到 6 位数字（末位可为 X）"))
    signed = bool(c.signature_png)
    if signed and c.paper:
        problems.append(_("签字板签名和纸质交接单只能选一种"))
    elif not signed and not c.paper:
        problems.append(_("请领取人在签字板上签名，或打印纸质交接单签字"))
    elif c.signature_png is not None and (
        not c.signature_png.startswith(PNG_MAGIC) or len(c.signature_png) > MAX_SIGNATURE_BYTES
    ):
        problems.append(_("签名图像无效，请重新签名"))
    return problems


def _problems_mail(m: MailTo) -> list[str]:
    problems = []
    for value, limit, empty, long in (
        (m.courier, 32, _("请选择快递公司"), _("快递公司名称过长")),
        (m.tracking_number, 64, _("请填写或扫描快递单号"), _("快递单号过长")),
        (m.recipient, 64, _("请填写收件人"), _("收件人过长")),
        (m.address, 256, _("请填写收件地址"), _("收件地址过长")),
    ):
        if not value.strip():
            problems.append(empty)
        elif len(value.strip()) > limit:
            problems.append(long)
    phone = m.phone.strip()
    if not phone:
        problems.append(_("请填写收件人电话"))
    elif len(phone) > 32 or not set(phone) <= _PHONE_CHARS:
        problems.append(_("电话号码只能包含数字和 - + ( ) 空格"))
    return problems


def _existing(session: Session, token: str) -> ReleaseDone | None:
    if not token:
        return None
    release = session.scalar(select(Release).where(Release.request_token == token))
    if release is None:
        return None
    numbers = tuple(ri.item.number for ri in release.items)
    return ReleaseDone(release.id, release.number, release.way, numbers, already_done=True)


def _locked_items(session: Session, item_ids: Sequence[int]) -> list[Item]:
    """The items, locked against a second counter until this transaction ends (PostgreSQL;
    SQLite's write session holds the whole database from BEGIN IMMEDIATE)."""
    query = select(Item).where(Item.id.in_(list(item_ids))).order_by(Item.id).with_for_update()
    items = list(session.scalars(query))
    if len(items) != len(set(item_ids)):
        raise NotFound(_("器具不存在"))
    return sorted(items, key=lambda i: (i.order_id, i.seq))


def _release(
    session: Session,
    actor: Actor,
    clock: Clock,
    order_id: int,
    item_ids: Sequence[int],
    way: str,
    token: str,
    fill: Collector | MailTo,
) -> ReleaseDone:
    require(session, actor, Perm.RELEASE)
    if not item_ids:
        raise ValidationError([_("请至少选择一件器具")])
    items = _locked_items(session, item_ids)
    existing = _existing(session, token)
    if existing is not None:
        return existing
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(_("委托单不存在"))
    customer = session.get(Customer, order.customer_id)
    assert customer is not None
    problems = _problems_collector(fill) if isinstance(fill, Collector) else _problems_mail(fill)
    now = clock.now()
    results = evaluate(session, items, today=local_date(now))
    for item in items:
        if item.order.customer_id != customer.id:
            problems.append(
                _("器具 {item} 属于“{owner}”，不是“{customer}”的器具，不能一起领取").format(
                    item=item.number, owner=item.order.customer.name, customer=customer.name
                )
            )
        elif not results[item.id].can_leave:
            problems.append(
                _("器具 {item} 不能发放：{reason}").format(
                    item=item.number, reason=results[item.id].reason
                )
            )
    if problems:
        raise ValidationError(problems)
    number = new_release_number(session, local_date(now).year)
    overrides = dict.fromkeys(r.override for r in results.values() if r.override)
    release = Release(
        number=number,
        order_id=order.id,
        customer_id=customer.id,
        way=way,
        clerk_id=actor.id,
        at=now,
        override_reason="；".join(overrides),
        request_token=token or None,
    )
    if isinstance(fill, Collector):
        release.collector_name = fill.name.strip()
        release.collector_phone = fill.phone.strip()
        release.collector_id_digits = fill.id_digits.strip().upper()
        release.signature_png = fill.signature_png if not fill.paper else None
        release.paper_slip = fill.paper
    else:
        release.collector_name = fill.recipient.strip()
        release.collector_phone = fill.phone.strip()
    session.add(release)
    session.flush()
    certificates = certificate_numbers(session, [i.id for i in items])
    notes: dict[int, str] = {
        item_id: note
        for item_id, note in session.execute(
            select(UnprocessedReturn.item_id, UnprocessedReturn.customer_note).where(
                UnprocessedReturn.item_id.in_([i.id for i in items])
            )
        )
    }
    session.add_all(
        ReleaseItem(
            release_id=release.id,
            item_id=item.id,
            certificate_number=certificates.get(item.id, ""),
            note=notes.get(item.id, ""),
        )
        for item in items
    )
    if isinstance(fill, MailTo):
        session.add(
            MailDispatch(
                release_id=release.id,
                courier=fill.courier.strip(),
                tracking_number=clean_code(fill.tracking_number),
                recipient=fill.recipient.strip(),
                phone=fill.phone.strip(),
                address=fill.address.strip(),
            )
        )
    session.flush()
    verb = {"pickup": _("领取"), "mail": _("邮寄"), "handover": _("现场交付")}[way]
    for item in items:
        move_item_status(session, actor, clock, item.id, ItemStatus.RELEASED, f"{verb} {number}")
    record_verifications(session, clock, [i.id for i in items])
    ensure_rating_code(session, clock, order.id)
    record(
        session,
        actor,
        clock,
        f"release.{way}",
        "release",
        number,
        after={
            "order": order.number,
            "items": [i.number for i in items],
            "to": release.collector_name,
        },
        reason=release.override_reason,
    )
    session.flush()
    return ReleaseDone(release.id, number, way, tuple(i.number for i in items))


def pickup(
    session: Session,
    actor: Actor,
    clock: Clock,
    order_id: int,
    item_ids: Sequence[int],
    collector: Collector,
    *,
    request_token: str = "",
) -> ReleaseDone:
    """Hand the chosen items of `order_id`'s customer over at the counter (one transaction).

    Refused, with every reason, when any item may not leave (the gate), has already
    left (when and to whom), or belongs to another customer.
    """
    return _release(session, actor, clock, order_id, item_ids, "pickup", request_token, collector)


def hand_over(
    session: Session,
    actor: Actor,
    clock: Clock,
    order_id: int,
    item_ids: Sequence[int],
    collector: Collector,
    *,
    request_token: str = "",
) -> ReleaseDone:
    """Hand an on-site job's certificates over at the site (way "handover"), through the
    same gate as a pickup: who received them, their signature or a signed paper slip."""
    return _release(session, actor, clock, order_id, item_ids, "handover", request_token, collector)


def mail_dispatch(
    session: Session,
    actor: Actor,
    clock: Clock,
    order_id: int,
    item_ids: Sequence[int],
    mail: MailTo,
    *,
    request_token: str = "",
) -> ReleaseDone:
    """Post the chosen items: courier, tracking number, address; the items are released."""
    require(session, actor, Perm.RELEASE)
    tracking = clean_code(mail.tracking_number)
    if tracking:
        used = session.scalar(
            select(Release.number)
            .join(MailDispatch, MailDispatch.release_id == Release.id)
            .where(MailDispatch.tracking_number == tracking)
        )
        if used is not None and _existing(session, request_token) is None:
            raise CounterError(
                _("快递单号 {tracking} 已用于交接单 {number}").format(
                    tracking=tracking, number=used
                )
            )
    return _release(session, actor, clock, order_id, item_ids, "mail", request_token, mail)
