"""Pricing a fee line: the fee standard's price, its add-ons, then the policy, in a fixed order.

Order of application (every step is an `Adjustment` with a code and a reason):

1. Standard fee = base (unit price × quantity) + add-ons (each rounded per instrument).
2. Exemptions — the first that applies zeroes the line and pricing stops there:
   a. compulsory verification (service verification, compulsory, on/after the policy date);
   b. a campaign exemption for this instrument type on the line's date;
   c. re-verification after the institute's own repair.
3. Urgent surcharge: percent of the standard fee, non-compulsory work only, by the
   promised turnaround; none (a zero line saying why) when the promise was missed.
4. Enterprise reduction: percent of the standard fee — never of the surcharge;
   small/micro or newly opened, the larger one only (they do not stack).
5. Late-delivery waiver: percent of the amount after steps 3 and 4.

Rounding: each percentage adjustment is rounded to whole fen on its own,
half away from zero (`counter.money.round_fen`); the line amount is the exact
sum of integers.  Extra charges (repair fee, parts, travel, adjustment, other)
are quantity × unit price and take no policy adjustment.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol, TypeAlias

from counter.billing.rules.addons import AddOnInput, AddOnRule, addon_charges
from counter.billing.rules.lines import (
    Adjustment,
    ChargeKind,
    LineGroup,
    Service,
    group_label,
    total_of,
)
from counter.billing.rules.policy import FeePolicy
from counter.billing.rules.schedule import FeeRow
from counter.i18n import _
from counter.money import round_fen

EnterpriseSize: TypeAlias = Literal["", "large", "medium", "small", "micro"]


@dataclass(frozen=True)
class FeeLineInput:
    """One work item to price, with a snapshot of its fee row (the statement never re-reads it)."""

    item_number: str
    instrument: str  # the instrument type's name (campaigns match on it)
    service: Service
    fee_code: str
    unit_price_fen: int
    date: dt.date  # the order's date: selects the schedule version and the campaigns
    order_number: str = ""
    model: str = ""
    serial: str = ""
    tier: str = ""
    fee_range: str = ""
    unit: str = ""
    quantity: int = 1
    addons: tuple[AddOnRule, ...] = ()
    addon_input: AddOnInput = field(default_factory=AddOnInput)
    compulsory: bool = False
    turnaround_hours: int | None = None  # the urgent promise; None = normal service
    promise_missed: bool = False
    working_days_late: int = 0
    reverification_after_own_repair: bool = False

    def __post_init__(self) -> None:
        if self.quantity < 1 or self.unit_price_fen < 0 or self.working_days_late < 0:
            raise ValueError(_("数量至少为 1，单价和逾期天数不能为负数"))
        if self.turnaround_hours is not None and self.turnaround_hours <= 0:
            raise ValueError(_("加急时限应为正数小时"))


def with_row(line: FeeLineInput, row: FeeRow) -> FeeLineInput:
    """The line priced from another fee row (the clerk picked another tier)."""
    return dataclasses.replace(
        line,
        fee_code=row.code,
        tier=row.tier,
        fee_range=row.measuring_range,
        unit=row.unit,
        unit_price_fen=row.price_fen,
        addons=row.addons,
    )


@dataclass(frozen=True)
class ExtraCharge:
    """A charge of its own: repair fee, parts, on-site travel, adjustment, other."""

    kind: ChargeKind
    description: str
    unit_price_fen: int
    quantity: int = 1
    unit: str = ""
    item_number: str = ""
    order_number: str = ""
    fee_code: str = ""

    def __post_init__(self) -> None:
        if self.quantity < 1 or self.unit_price_fen < 0:
            raise ValueError(_("数量至少为 1，单价不能为负数"))

    # an extra charge is listed by its description; it has no instrument, tier or range
    @property
    def instrument(self) -> str:
        return self.description.strip() or group_label(self.kind)

    model = serial = tier = fee_range = property(lambda self: "")


@dataclass(frozen=True)
class CustomerTerms:
    size: EnterpriseSize = ""
    newly_opened: bool = False  # ticked on the customer record
    opened_on: dt.date | None = None  # or: new while within the policy's months
    account_customer: bool = False  # monthly billing


@dataclass(frozen=True)
class PricedLine:
    group: LineGroup  # service, or the kind of extra charge
    order_number: str
    item_number: str
    instrument: str
    model: str
    serial: str
    fee_code: str
    tier: str
    fee_range: str
    unit: str
    quantity: int
    unit_price_fen: int
    base_fen: int
    addons: tuple[Adjustment, ...]
    adjustments: tuple[Adjustment, ...]
    amount_fen: int

    @property
    def standard_fen(self) -> int:
        return self.base_fen + total_of(self.addons)

    @property
    def group_label(self) -> str:
        return group_label(self.group)


class LineFacts(Protocol):
    """The facts a priced line copies: from a fee line, an extra charge or a line as issued."""

    @property
    def order_number(self) -> str: ...
    @property
    def item_number(self) -> str: ...
    @property
    def instrument(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def serial(self) -> str: ...
    @property
    def fee_code(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def fee_range(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit_price_fen(self) -> int: ...


def priced_line(
    facts: LineFacts,
    group: LineGroup,
    base_fen: int,
    addons: tuple[Adjustment, ...] = (),
    adjustments: tuple[Adjustment, ...] = (),
    amount_fen: int | None = None,
) -> PricedLine:
    """The one way a `PricedLine` is made: `facts` copied, the money as given.

    `amount_fen` defaults to base + add-ons + adjustments; a line read back as
    issued passes the amount it was issued with.
    """
    if amount_fen is None:
        amount_fen = base_fen + total_of(addons) + total_of(adjustments)
    return PricedLine(
        group=group,
        order_number=facts.order_number,
        item_number=facts.item_number,
        instrument=facts.instrument,
        model=facts.model,
        serial=facts.serial,
        fee_code=facts.fee_code,
        tier=facts.tier,
        fee_range=facts.fee_range,
        unit=facts.unit,
        quantity=facts.quantity,
        unit_price_fen=facts.unit_price_fen,
        base_fen=base_fen,
        addons=addons,
        adjustments=adjustments,
        amount_fen=amount_fen,
    )


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _percent_of(amount: int, percent: Decimal) -> int:
    return round_fen(Decimal(amount) * percent / 100)


def _pct(percent: Decimal) -> str:
    return format(percent.normalize(), "f")


def _exemption(line: FeeLineInput, policy: FeePolicy) -> tuple[str, str] | None:
    if (
        line.compulsory
        and line.service == "verification"
        and line.date >= policy.compulsory_free_from
    ):
        return "compulsory_free", _("强制检定免收费用（财税〔2017〕20号）")
    campaign = policy.campaign_for(line.instrument, line.date)
    if campaign is not None:
        return "campaign", campaign.reason
    if line.reverification_after_own_repair and policy.own_repair_reverification_free:
        return "own_repair_reverification", _("本所修理后复检，免收费用")
    return None


def _urgent(line: FeeLineInput, policy: FeePolicy, standard: int) -> Adjustment | None:
    if line.turnaround_hours is None or line.compulsory:
        return None
    step = policy.urgent_step(line.turnaround_hours)
    if step is None:
        return None
    if line.promise_missed or line.working_days_late > 0:
        return Adjustment("urgent_missed", _("加急未按承诺时限完成，不收加急费"), 0)
    reason = _("加急（{hours} 小时内出具）加收 {percent}%").format(
        hours=step.max_hours, percent=_pct(step.percent)
    )
    amount = _percent_of(standard, step.percent)
    return Adjustment("urgent", reason, amount) if amount else None


def _reduction(
    line: FeeLineInput, terms: CustomerTerms, policy: FeePolicy, standard: int
) -> Adjustment | None:
    options = []
    if terms.size in ("small", "micro"):
        options.append(("small_micro", _("小微企业减收 {percent}%"), policy.small_micro_percent))
    new = terms.newly_opened or (
        terms.opened_on is not None
        and terms.opened_on
        <= line.date
        < _months_later(terms.opened_on, policy.newly_opened_months)
    )
    if new:
        options.append(
            ("newly_opened", _("新开办企业减收 {percent}%"), policy.newly_opened_percent)
        )
    options = [o for o in options if o[2] > 0]
    if not options:
        return None
    code, text, percent = max(options, key=lambda o: o[2])  # the first of equals wins
    amount = _percent_of(standard, percent)
    return Adjustment(code, text.format(percent=_pct(percent)), -amount) if amount else None


def _late(line: FeeLineInput, policy: FeePolicy, running: int) -> Adjustment | None:
    step = policy.late_step(line.working_days_late)
    if step is None or step.percent <= 0:
        return None
    reason = _("逾期 {days} 个工作日，减收 {percent}%").format(
        days=line.working_days_late, percent=_pct(step.percent)
    )
    amount = _percent_of(running, step.percent)
    return Adjustment("late", reason, -amount) if amount else None


def price_line(line: FeeLineInput, terms: CustomerTerms, policy: FeePolicy) -> PricedLine:
    """Price one work item; see the module docstring for the order of application."""
    base = line.unit_price_fen * line.quantity
    addons = addon_charges(line.addons, line.unit_price_fen, line.quantity, line.addon_input)
    standard = base + total_of(addons)
    steps: list[Adjustment] = []
    exemption = _exemption(line, policy)
    if exemption is not None:
        steps.append(Adjustment(exemption[0], exemption[1], -standard))
    else:
        surcharge = _urgent(line, policy, standard)
        reduction = _reduction(line, terms, policy, standard)
        steps += [a for a in (surcharge, reduction) if a is not None]
        late = _late(line, policy, standard + total_of(tuple(steps)))
        steps += [late] if late is not None else []
    return priced_line(line, line.service, base, addons, tuple(steps))


def price_extra(charge: ExtraCharge) -> PricedLine:
    return priced_line(charge, charge.kind, charge.unit_price_fen * charge.quantity)


def price_lines(
    lines: Sequence[FeeLineInput | ExtraCharge], terms: CustomerTerms, policy: FeePolicy
) -> tuple[PricedLine, ...]:
    """Every line priced, in the order given."""
    return tuple(
        price_line(x, terms, policy) if isinstance(x, FeeLineInput) else price_extra(x)
        for x in lines
    )
