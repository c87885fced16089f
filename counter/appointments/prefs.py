"""When a customer likes to come (ISO weekdays, morning or afternoon) and the days they
cannot (blocked date ranges): kept in the customer's file, read by the planner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Customer
from db.models_appointments import CustomerAppointmentPrefs, CustomerBlockedDates


@dataclass(frozen=True)
class BlockedRange:
    id: int
    first: dt.date
    last: dt.date
    reason: str


@dataclass(frozen=True)
class CustomerPrefs:
    customer_id: int
    weekdays: frozenset[int]  # ISO 1 = Monday … 7; empty = any day
    half: str  # "am" | "pm" | "" = either
    blocked: tuple[BlockedRange, ...]
    note: str = ""

    def blocks(self, day: dt.date) -> bool:
        return any(b.first <= day <= b.last for b in self.blocked)


def _customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("客户不存在"))
    return customer


def set_preferences(
    session: Session,
    actor: Actor,
    clock: Clock,
    customer_id: int,
    weekdays: Collection[int],
    half: str = "",
    note: str = "",
) -> None:
    """The customer's preferred weekdays (ISO 1–7) and half day."""
    require(session, actor, Perm.EDIT_CUSTOMER)
    _customer(session, customer_id)
    problems = []
    if any(not 1 <= d <= 7 for d in weekdays):
        problems.append(_("星期只能是 1（周一）到 7（周日）"))
    if half not in ("", "am", "pm"):
        problems.append(_("时段只能是上午、下午或不限"))
    if problems:
        raise ValidationError(problems)
    row = session.get(CustomerAppointmentPrefs, customer_id)
    before = {"weekdays": row.weekdays, "half": row.half} if row else {}
    if row is None:
        row = CustomerAppointmentPrefs(customer_id=customer_id)
        session.add(row)
    row.weekdays = ",".join(str(d) for d in sorted(set(weekdays)))
    row.half, row.note = half, note.strip()
    row.updated_at, row.updated_by_id = clock.now(), actor.id
    session.flush()
    after = {"weekdays": row.weekdays, "half": half}
    record(
        session,
        actor,
        clock,
        "customer.appointment_prefs",
        "customer",
        str(customer_id),
        before=before,
        after=after,
    )


def block_dates(
    session: Session,
    actor: Actor,
    clock: Clock,
    customer_id: int,
    first: dt.date,
    last: dt.date,
    reason: str = "",
) -> int:
    """Days `first`..`last` the customer cannot come; returns the range's id."""
    require(session, actor, Perm.EDIT_CUSTOMER)
    _customer(session, customer_id)
    if last < first:
        raise ValidationError([_("结束日期不能早于开始日期")])
    row = CustomerBlockedDates(
        customer_id=customer_id,
        first=first,
        last=last,
        reason=reason.strip(),
        active=True,
        created_at=clock.now(),
        created_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    after = {"first": first.isoformat(), "last": last.isoformat()}
    record(
        session,
        actor,
        clock,
        "customer.block_dates",
        "customer",
        str(customer_id),
        after=after,
        reason=row.reason,
    )
    return row.id


def unblock_dates(session: Session, actor: Actor, clock: Clock, range_id: int) -> None:
    require(session, actor, Perm.EDIT_CUSTOMER)
    row = session.get(CustomerBlockedDates, range_id)
    if row is None or not row.active:
        raise NotFound(_("不可预约日期记录不存在"))
    row.active = False
    after = {"first": row.first.isoformat(), "last": row.last.isoformat(), "active": False}
    record(
        session,
        actor,
        clock,
        "customer.unblock_dates",
        "customer",
        str(row.customer_id),
        after=after,
    )


def customer_preferences(
    session: Session, customer_ids: Sequence[int] | None = None
) -> dict[int, CustomerPrefs]:
    """Every customer with a preference or a blocked range (or just `customer_ids`)."""
    prefs = select(CustomerAppointmentPrefs)
    blocked = select(CustomerBlockedDates).where(CustomerBlockedDates.active)
    if customer_ids is not None:
        prefs = prefs.where(CustomerAppointmentPrefs.customer_id.in_(customer_ids))
        blocked = blocked.where(CustomerBlockedDates.customer_id.in_(customer_ids))
    ranges: dict[int, list[BlockedRange]] = {}
    for b in session.scalars(blocked.order_by(CustomerBlockedDates.first)):
        ranges.setdefault(b.customer_id, []).append(BlockedRange(b.id, b.first, b.last, b.reason))
    found = {
        p.customer_id: CustomerPrefs(
            p.customer_id,
            frozenset(int(d) for d in p.weekdays.split(",") if d),
            p.half,
            tuple(ranges.get(p.customer_id, ())),
            p.note,
        )
        for p in session.scalars(prefs)
    }
    for customer_id, own in ranges.items():
        if customer_id not in found:
            found[customer_id] = CustomerPrefs(customer_id, frozenset(), "", tuple(own))
    return found
