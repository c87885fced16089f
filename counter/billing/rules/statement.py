"""The itemised fee statement (检定费专用清单): lines, subtotals per service, total.

One statement per order, or — for an account customer on monthly billing — one
across several orders, each line keeping its order number (lines are grouped by
order, in the order the orders first appear).  The total is the sum of the line
amounts, also written in Chinese capitals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from counter.billing.rules.lines import GROUPS, SERVICES, LineGroup, group_label
from counter.billing.rules.pricing import PricedLine
from counter.errors import ValidationError
from counter.i18n import _
from counter.money import chinese_capitals


@dataclass(frozen=True)
class StatementCustomer:
    name: str
    credit_code: str = ""
    contact: str = ""
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class PaymentDetails:
    """Where the customer pays: the institute's account, printed on the statement."""

    payee: str
    bank: str = ""
    account: str = ""
    note: str = ""  # e.g. "可微信、支付宝扫码或 POS 刷卡"


@dataclass(frozen=True)
class Subtotal:
    group: LineGroup
    label: str
    amount_fen: int


@dataclass(frozen=True)
class Statement:
    number: str
    customer: StatementCustomer
    date: dt.date
    lines: tuple[PricedLine, ...]
    subtotals: tuple[Subtotal, ...]
    total_fen: int
    total_capitals: str
    clerk: str
    payment_details: PaymentDetails
    order_numbers: tuple[str, ...]
    replaces: str = ""  # the number of the statement this one reissues
    replace_reason: str = ""


def subtotals_of(lines: Sequence[PricedLine]) -> tuple[Subtotal, ...]:
    """One subtotal per service / kind of charge present, in the fixed group order."""
    sums: dict[LineGroup, int] = {}
    for line in lines:
        sums[line.group] = sums.get(line.group, 0) + line.amount_fen
    return tuple(Subtotal(g, group_label(g), sums[g]) for g in GROUPS if g in sums)


def _grouped_by_order(
    lines: Sequence[PricedLine],
) -> tuple[tuple[str, ...], tuple[PricedLine, ...]]:
    orders: dict[str, list[PricedLine]] = {}
    for line in lines:
        orders.setdefault(line.order_number, []).append(line)
    return tuple(o for o in orders if o), tuple(x for group in orders.values() for x in group)


def lines_without_code(lines: Sequence[PricedLine]) -> tuple[PricedLine, ...]:
    """Chargeable service lines that carry no fee-standard code (need a printed reason)."""
    return tuple(
        line
        for line in lines
        if line.group in SERVICES and line.amount_fen > 0 and not line.fee_code.strip()
    )


def statement_problems(
    number: str, lines: Sequence[PricedLine], *, account_customer: bool, replaces: str, reason: str
) -> list[str]:
    problems = []
    if not number.strip() or not number.isascii() or not number.isprintable():
        problems.append(_("清单编号不能为空，且只能由字母、数字和符号组成"))
    if not lines:
        problems.append(_("清单至少要有一行收费项目"))
    orders = {line.order_number for line in lines if line.order_number}
    if len(orders) > 1 and not account_customer:
        problems.append(_("多张委托单合并开具清单仅限月结客户"))
    if replaces.strip() and not reason.strip():
        problems.append(_("重开清单需要填写原因"))
    if replaces.strip() == number.strip():
        problems.append(_("新清单编号不能与被替代的清单相同"))
    return problems


def build_statement(
    number: str,
    customer: StatementCustomer,
    date: dt.date,
    lines: Sequence[PricedLine],
    *,
    clerk: str,
    payment_details: PaymentDetails,
    account_customer: bool = False,
    replaces: str = "",
    replace_reason: str = "",
) -> Statement:
    """The statement for priced lines; raises ValidationError with every problem."""
    problems = statement_problems(
        number, lines, account_customer=account_customer, replaces=replaces, reason=replace_reason
    )
    if problems:
        raise ValidationError(problems)
    orders, ordered = _grouped_by_order(lines)
    total = sum(line.amount_fen for line in ordered)
    return Statement(
        number=number.strip(),
        customer=customer,
        date=date,
        lines=ordered,
        subtotals=subtotals_of(ordered),
        total_fen=total,
        total_capitals=chinese_capitals(total),
        clerk=clerk,
        payment_details=payment_details,
        order_numbers=orders,
        replaces=replaces.strip(),
        replace_reason=replace_reason.strip(),
    )
