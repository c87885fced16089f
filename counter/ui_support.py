"""Small domain helpers the intake screen needs: no Qt here, usable from the CLI too."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.customers.records import CustomerHit, get_customer
from counter.customers.rules.search_keys import normalize_query
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from counter.intake.catalog import TypeInfo
from db.models import Item

_MAX_NAMES_SHOWN = 4


def resolve_type_name(types: Sequence[TypeInfo], text: str) -> TypeInfo | None:
    """The instrument type a clerk means by `text`.

    An exact name wins; otherwise the one type whose name or pinyin (initials or
    full) starts with the text, or failing that the one that contains it
    ("dzjjc" → 电子计价秤).  Empty text gives None (no type yet).  No match, or
    several equally good ones, raise ValidationError with a message to show.
    """
    raw = text.strip()
    if not raw:
        return None
    for info in types:
        if info.name == raw:
            return info
    q = normalize_query(raw)
    starts = [
        t
        for t in types
        if t.name.startswith(raw) or t.pinyin_initials.startswith(q) or t.pinyin_full.startswith(q)
    ]
    if len(starts) == 1:
        return starts[0]
    contains = starts or [
        t for t in types if q in t.name.lower() or q in t.pinyin_initials or q in t.pinyin_full
    ]
    if len(contains) == 1:
        return contains[0]
    if not contains:
        raise ValidationError([_("“{text}”不是目录中的器具名称，请从列表中选择").format(text=raw)])
    names = _("、").join(t.name for t in contains[:_MAX_NAMES_SHOWN])
    if len(contains) > _MAX_NAMES_SHOWN:
        names += "…"
    raise ValidationError(
        [_("“{text}”对应多个器具名称（{names}），请从列表中选择").format(text=raw, names=names)]
    )


def order_of_item(session: Session, item_id: int) -> int:
    """The order an item belongs to (to open the order with the item in focus)."""
    order_id = session.scalar(select(Item.order_id).where(Item.id == item_id))
    if order_id is None:
        raise NotFound(_("器具不存在"))
    return order_id


def customer_hit(session: Session, customer_id: int) -> CustomerHit:
    """One customer as the search shows it (after creating or editing one)."""
    c = get_customer(session, customer_id)
    return CustomerHit(
        c.id, c.name, c.short_name, c.credit_code, c.contact_name, c.phone, c.address,
        c.account_customer,
    )  # fmt: skip
