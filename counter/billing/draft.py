"""The fee lines of orders before a statement is issued: proposed, then edited by the clerk.

`open_billing` reads the orders and proposes one line per billable item: the fee
row of the version in force on the order's date (by instrument name, accuracy
class and measuring range), and the facts the policy prices on — compulsory,
the urgent promise in hours, working days late, the customer's terms.  The
clerk may pick another tier or change the unit price (`change_line`, reason
required) and add extra charges; `price_draft` prices it all, live, without a
database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from counter.admin.calendar import load_calendar
from counter.admin.rules.workdays import WorkCalendar
from counter.admin.settings import InstituteSettings, load_settings
from counter.billing.rules.addons import AddOnInput
from counter.billing.rules.catalog_link import FeeIndex, measured_for, propose_row, tiers_for
from counter.billing.rules.lines import Service
from counter.billing.rules.policy import FeePolicy
from counter.billing.rules.pricing import (
    CustomerTerms,
    EnterpriseSize,
    ExtraCharge,
    FeeLineInput,
    PricedLine,
    price_lines,
    with_row,
)
from counter.billing.rules.schedule import FeeRow
from counter.billing.rules.statement import StatementCustomer
from counter.billing.schedule import versions_for_days
from counter.billing.settings import load_fee_policy
from counter.clock import SystemClock, local_date
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus
from db.models import AuditEntry, Customer, Item, Order

#: items that are not billed: voided, or handed back without being worked on
NOT_BILLED = frozenset({ItemStatus.VOIDED, ItemStatus.RETURNED_UNPROCESSED})
#: items whose lateness no longer grows
DONE = frozenset({ItemStatus.RELEASED, *NOT_BILLED})
EXEMPTIONS = frozenset({"compulsory_free", "campaign", "own_repair_reverification"})
_SIZES: dict[str, EnterpriseSize] = {
    "large": "large",
    "medium": "medium",
    "small": "small",
    "micro": "micro",
}


@dataclass(frozen=True)
class OrderRef:
    id: int
    number: str
    date: dt.date  # the order's date: selects the fee standard version


@dataclass(frozen=True)
class DraftLine:
    """One item's fee line: what is priced, and what was proposed for it."""

    order_id: int
    item_id: int
    fee: FeeLineInput
    measuring_range: str  # the item's, to size the per-unit add-on of another tier
    tiers: tuple[FeeRow, ...]  # every row of this instrument in the version in force
    version_id: int | None
    proposed: tuple[str, str, str, int]  # (code, tier, range, unit price) as proposed
    change_reason: str = ""
    note: str = ""  # why nothing was proposed

    @property
    def current(self) -> tuple[str, str, str, int]:
        f = self.fee
        return (f.fee_code, f.tier, f.fee_range, f.unit_price_fen)

    @property
    def changed(self) -> bool:
        return self.current != self.proposed

    @property
    def unpriced(self) -> bool:
        """No fee row was found and the clerk has not set a price."""
        return not self.proposed[0] and not self.changed


@dataclass(frozen=True)
class BillingDraft:
    orders: tuple[OrderRef, ...]
    customer_id: int
    customer: StatementCustomer
    terms: CustomerTerms
    policy: FeePolicy
    lines: tuple[DraftLine, ...]

    @property
    def order_ids(self) -> tuple[int, ...]:
        return tuple(o.id for o in self.orders)


def price_draft(
    draft: BillingDraft,
    lines: Sequence[DraftLine] | None = None,
    extras: Sequence[ExtraCharge] = (),
) -> tuple[PricedLine, ...]:
    """The item lines (the draft's own unless given), then the extra charges, priced."""
    chosen = draft.lines if lines is None else lines
    inputs: list[FeeLineInput | ExtraCharge] = [line.fee for line in chosen]
    return price_lines([*inputs, *extras], draft.terms, draft.policy)


def is_exempt(line: PricedLine) -> bool:
    return any(a.code in EXEMPTIONS for a in line.adjustments)


def change_line(
    line: DraftLine, *, row: FeeRow | None = None, unit_price_fen: int | None = None, reason: str
) -> DraftLine:
    """The line priced from another tier and/or at another unit price; a change needs a reason."""
    fee = line.fee
    if row is not None:
        measured = measured_for(row, line.measuring_range)
        addon_input = dataclasses.replace(fee.addon_input, measured=measured)
        fee = dataclasses.replace(with_row(fee, row), addon_input=addon_input)
    if unit_price_fen is not None:
        if unit_price_fen < 0:
            raise ValidationError([_("单价不能为负数")])
        fee = dataclasses.replace(fee, unit_price_fen=unit_price_fen)
    changed = dataclasses.replace(line, fee=fee, change_reason=reason.strip())
    if not changed.changed:
        return dataclasses.replace(changed, change_reason="")
    if not reason.strip():
        raise ValidationError([_("改动收费项目或单价需要填写原因")])
    return changed


def turnaround_hours(settings: InstituteSettings, service: str, urgency: str) -> int | None:
    """The urgent promise in hours: same day 8 h; urgent = working days × 24 h."""
    if urgency == "same_day":
        return 8
    if urgency == "urgent":
        days = settings.working_days(service, "urgent")
        return days * 24 if days > 0 else 8
    return None


def working_days_late(calendar: WorkCalendar, item: Item, today: dt.date) -> int:
    if item.status in DONE or today <= item.promised_date:
        return 0
    return calendar.workdays_between(item.promised_date, today)


def ready_dates(session: Session, items: Sequence[Item]) -> dict[int, dt.date]:
    """The day each finished item passed its final check: lateness stops growing there.

    Items still in the lab are late up to the day of billing.  A finished item
    with no recorded check (data from before the check was recorded) counts as
    ready on its promised date: it is not charged as late by guesswork.
    """
    finished = {i.number: i for i in items if i.status in (ItemStatus.CHECKED, *DONE)}
    if not finished:
        return {}
    rows = session.execute(
        select(AuditEntry.entity_key, func.max(AuditEntry.at))
        .where(AuditEntry.action == "item.checked", AuditEntry.entity_key.in_(list(finished)))
        .group_by(AuditEntry.entity_key)
    )
    checked = {number: local_date(at) for number, at in rows}
    return {item.id: checked.get(number, item.promised_date) for number, item in finished.items()}


def customer_terms(customer: Customer) -> CustomerTerms:
    return CustomerTerms(
        size=_SIZES.get(customer.size, ""),
        newly_opened=customer.newly_opened,
        account_customer=customer.account_customer,
    )


def _load_orders(session: Session, order_ids: Sequence[int]) -> list[Order]:
    wanted = list(dict.fromkeys(order_ids))
    if not wanted:
        raise ValidationError([_("请先选择委托单")])
    query = (
        select(Order)
        .where(Order.id.in_(wanted))
        .options(
            selectinload(Order.customer),
            selectinload(Order.items).selectinload(Item.instrument_type),
        )
    )
    found = {o.id: o for o in session.scalars(query)}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFound(_("委托单不存在"))
    orders = [found[i] for i in wanted]
    problems = [
        _("委托单 {number} 已作废，不能开具清单").format(number=o.number)
        for o in orders
        if o.voided_at is not None
    ]
    if len({o.customer_id for o in orders}) > 1:
        problems.append(_("不同客户的委托单不能合并开具清单"))
    elif len(orders) > 1 and not orders[0].customer.account_customer:
        problems.append(_("多张委托单合并开具清单仅限月结客户"))
    if problems:
        raise ValidationError(problems)
    return orders


def _line(
    item: Item,
    ref: OrderRef,
    version: tuple[int, tuple[FeeRow, ...]] | None,
    index: FeeIndex | None,
    settings: InstituteSettings,
    late: int,
    own_repair: bool = False,
) -> DraftLine:
    name = item.instrument_type.name
    row = propose_row(index, name, item.accuracy_class, item.measuring_range) if index else None
    fee = FeeLineInput(
        item_number=item.number,
        instrument=name,
        service=_service(item.service),
        fee_code="",
        unit_price_fen=0,
        date=ref.date,
        order_number=ref.number,
        model=item.model,
        serial=item.serial,
        compulsory=item.compulsory,
        turnaround_hours=turnaround_hours(settings, item.service, item.urgency),
        working_days_late=late,
        promise_missed=late > 0,
        reverification_after_own_repair=own_repair,
    )
    note = ""
    if row is not None:
        fee = dataclasses.replace(
            with_row(fee, row), addon_input=AddOnInput(measured_for(row, item.measuring_range))
        )
    elif version is None:
        note = _("{day} 没有生效的收费标准").format(day=ref.date.isoformat())
    else:
        note = _("收费标准中没有“{name}”，请选择收费项目或填写单价").format(name=name)
    return DraftLine(
        order_id=ref.id,
        item_id=item.id,
        fee=fee,
        measuring_range=item.measuring_range,
        tiers=tiers_for(index, name) if index else (),
        version_id=version[0] if version else None,
        proposed=(fee.fee_code, fee.tier, fee.fee_range, fee.unit_price_fen),
        note=note,
    )


def _service(value: str) -> Service:
    services: dict[str, Service] = {
        "verification": "verification",
        "calibration": "calibration",
        "testing": "testing",
        "repair": "repair",
    }
    return services[value]


def open_billing(
    session: Session, order_ids: Sequence[int], *, today: dt.date | None = None
) -> BillingDraft:
    """The orders' proposed fee lines (one per billable item) and what prices them."""
    orders = _load_orders(session, order_ids)
    today = today or local_date(SystemClock().now())
    refs = [OrderRef(o.id, o.number, local_date(o.received_at)) for o in orders]
    versions = versions_for_days(session, {r.date for r in refs})
    indexes = {vid: FeeIndex.of(rows) for vid, rows in filter(None, versions.values())}
    settings = load_settings(session)
    calendar: WorkCalendar | None = None
    items = [i for o in orders for i in o.items if i.status not in NOT_BILLED]
    ready = ready_dates(session, items)
    repaired = {
        i.instrument_id for i in items if i.service == "repair" and i.instrument_id is not None
    }
    lines = []
    for order, ref in zip(orders, refs, strict=True):
        version = versions[ref.date]
        index = indexes[version[0]] if version else None
        for item in order.items:
            if item.status in NOT_BILLED:
                continue
            late = 0
            until = ready.get(item.id, today)
            if until > item.promised_date:
                calendar = calendar or load_calendar(session)
                late = calendar.workdays_between(item.promised_date, until)
            own_repair = item.service == "verification" and item.instrument_id in repaired
            lines.append(_line(item, ref, version, index, settings, late, own_repair))
    customer = orders[0].customer
    contact = orders[0].contact_name or customer.contact_name
    phone = orders[0].contact_phone or customer.phone
    return BillingDraft(
        orders=tuple(refs),
        customer_id=customer.id,
        customer=StatementCustomer(
            customer.name, customer.credit_code, contact, phone, customer.address
        ),
        terms=customer_terms(customer),
        policy=load_fee_policy(session),
        lines=tuple(lines),
    )


def propose_lines(
    session: Session, order_ids: Sequence[int], *, today: dt.date | None = None
) -> tuple[DraftLine, ...]:
    """The proposed line of every billable item of the orders (see `open_billing`)."""
    return open_billing(session, order_ids, today=today).lines
