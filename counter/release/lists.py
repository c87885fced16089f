"""The return desk's lists: ready to collect (by customer), overdue, returned unprocessed
(the message to copy is in `counter.release.message`).

"Ready" is what the lab and the final check have finished (checked, or returned
unprocessed) and has not left yet; fees are shown beside it, because a customer
told to come may pay at the counter.  The gate itself is checked again at pickup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session, selectinload

from counter.admin.rules.workdays import WorkCalendar
from counter.billing import fees_settled
from counter.clock import CHINA_TZ, local_date
from counter.intake.rules.lifecycle import ItemStatus
from db.models import AuditEntry, Customer, InstrumentType, Item, Order, User
from db.models_release import UnprocessedReturn

S = ItemStatus
READY = (S.CHECKED, S.RETURNED_UNPROCESSED)
NOT_READY = (S.RECEIVED, S.IN_LAB, S.CERT_DRAFTED, S.ON_HOLD)
UNCOLLECTED_DAYS = 30


@dataclass(frozen=True)
class ReadyItem:
    item_id: int
    item_number: str
    order_id: int
    order_number: str
    instrument: str
    status: str
    return_way: str
    ready_since: dt.datetime


@dataclass(frozen=True)
class ReadyGroup:
    """One customer's instruments that are ready, and what is still owed."""

    customer_id: int
    customer: str
    contact: str
    phone: str
    account_customer: bool
    items: tuple[ReadyItem, ...]
    unpaid: tuple[str, ...]  # "费用未结清：…" of each order that owes money

    @property
    def orders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.order_number for i in self.items))

    @property
    def since(self) -> dt.datetime:
        return min(i.ready_since for i in self.items)


def ready_since(session: Session, items: Sequence[Item]) -> dict[int, dt.datetime]:
    """When each item became ready: its last "checked" / "returned unprocessed" in the log."""
    numbers = {i.number: i for i in items}
    rows = session.execute(
        select(AuditEntry.entity_key, func.max(AuditEntry.at))
        .where(
            AuditEntry.entity == "item",
            AuditEntry.action.in_(["item.checked", "item.returned_unprocessed"]),
            AuditEntry.entity_key.in_(list(numbers)),
        )
        .group_by(AuditEntry.entity_key)
    )
    found = {numbers[key].id: at for key, at in rows}
    return {i.id: found.get(i.id, i.updated_at) for i in items}


def _ready_items(session: Session, customer_id: int | None = None) -> list[Item]:
    query = (
        select(Item)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Item.status.in_(list(READY)))
        .options(selectinload(Item.instrument_type), selectinload(Item.order))
        .order_by(Customer.name, Order.number, Item.seq)
    )
    if customer_id is not None:
        query = query.where(Order.customer_id == customer_id)
    return list(session.scalars(query))


def ready_for_pickup(
    session: Session, *, customer_id: int | None = None, today: dt.date | None = None
) -> list[ReadyGroup]:
    """Ready instruments grouped by customer (customers by name)."""
    items = _ready_items(session, customer_id)
    since = ready_since(session, items)
    fees: dict[int, tuple[bool, str]] = {}
    for item in items:
        if item.status == S.CHECKED and item.order_id not in fees:
            fees[item.order_id] = fees_settled(session, order_id=item.order_id, today=today)
    by_customer: dict[int, list[Item]] = {}
    for item in items:
        by_customer.setdefault(item.order.customer_id, []).append(item)
    groups = []
    for cid, mine in by_customer.items():
        customer = mine[0].order.customer
        unpaid = tuple(
            fees[oid][1]
            for oid in dict.fromkeys(i.order_id for i in mine)
            if oid in fees and not fees[oid][0]
        )
        groups.append(
            ReadyGroup(
                cid,
                customer.name,
                mine[0].order.contact_name or customer.contact_name,
                mine[0].order.contact_phone or customer.phone,
                customer.account_customer,
                tuple(
                    ReadyItem(
                        i.id,
                        i.number,
                        i.order_id,
                        i.order.number,
                        i.instrument_type.name,
                        i.status,
                        i.return_way,
                        since[i.id],
                    )
                    for i in mine
                ),
                unpaid,
            )
        )
    return groups


@dataclass(frozen=True)
class OverdueRow:
    kind: str  # "late": promised date passed, not ready; "uncollected": ready, not collected
    item_id: int
    item_number: str
    order_number: str
    customer: str
    instrument: str
    status: str
    promised_date: dt.date
    days: int  # working days late, or days waiting since ready
    since: dt.datetime | None = None


def _overdue_row(
    kind: str, row: Row[Item, str, str, str], days: int, since: dt.datetime | None = None
) -> OverdueRow:
    item, order_number, customer, instrument = row
    return OverdueRow(
        kind,
        item.id,
        item.number,
        order_number,
        customer,
        instrument,
        item.status,
        item.promised_date,
        days,
        since,
    )


def overdue(
    session: Session,
    today: dt.date,
    calendar: WorkCalendar,
    *,
    uncollected_days: int = UNCOLLECTED_DAYS,
) -> list[OverdueRow]:
    """Late work (promised date passed, not ready), most late first; then instruments ready
    but not collected for `uncollected_days` days or more, longest waiting first."""
    base = (
        select(Item, Order.number, Customer.name, InstrumentType.name)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(InstrumentType, InstrumentType.id == Item.type_id)
    )
    late = [
        _overdue_row("late", row, calendar.workdays_between(row[0].promised_date, today))
        for row in session.execute(
            base.where(Item.status.in_(list(NOT_READY)), Item.promised_date < today)
        )
    ]
    ready = list(session.execute(base.where(Item.status.in_(list(READY)))))
    since = ready_since(session, [row[0] for row in ready])
    waiting = [
        _overdue_row("uncollected", row, days, since[row[0].id])
        for row in ready
        if (days := (today - local_date(since[row[0].id])).days) >= uncollected_days
    ]
    late.sort(key=lambda r: (-r.days, r.item_number))
    waiting.sort(key=lambda r: (-r.days, r.item_number))
    return late + waiting


@dataclass(frozen=True)
class UnprocessedRow:
    item_id: int
    item_number: str
    order_number: str
    customer: str
    instrument: str
    reason: str
    note: str
    by: str
    at: dt.datetime

    @property
    def at_text(self) -> str:
        return self.at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def returned_unprocessed(session: Session) -> list[UnprocessedRow]:
    """Instruments returned unprocessed that have not been handed back yet, oldest first."""
    query = (
        select(
            Item,
            Order.number,
            Customer.name,
            InstrumentType.name,
            UnprocessedReturn,
            User.full_name,
        )
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(InstrumentType, InstrumentType.id == Item.type_id)
        .outerjoin(UnprocessedReturn, UnprocessedReturn.item_id == Item.id)
        .outerjoin(User, User.id == UnprocessedReturn.by_id)
        .where(Item.status == S.RETURNED_UNPROCESSED)
        .order_by(Item.updated_at, Item.id)
    )
    out = []
    for item, onum, cname, tname, ret, by in session.execute(query):
        reason = ret.reason if ret else item.status_reason
        out.append(
            UnprocessedRow(
                item.id,
                item.number,
                onum,
                cname,
                tname,
                reason,
                ret.customer_note if ret else reason,
                by or "",
                ret.at if ret else item.updated_at,
            )
        )
    return out
