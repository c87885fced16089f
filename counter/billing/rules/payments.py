"""Payments against a statement: methods, refunds, status, and the "fees settled" gate.

A payment is a positive amount, a refund a negative one with its reason.  Nothing
is removed: a wrong entry is corrected by a refund, a wrong statement is voided
and reissued.  Every refusal says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias, get_args

from counter.errors import ValidationError
from counter.i18n import _
from counter.money import format_yuan

PaymentMethod: TypeAlias = Literal["cash", "bank_transfer", "wechat", "alipay", "pos"]
PaymentStatus: TypeAlias = Literal["unpaid", "partly_paid", "paid", "void"]
PAYMENT_METHODS: tuple[PaymentMethod, ...] = get_args(PaymentMethod)
NEEDS_REFERENCE: frozenset[PaymentMethod] = frozenset({"bank_transfer", "pos"})


def method_label(method: PaymentMethod) -> str:
    labels = {
        "cash": _("现金"),
        "bank_transfer": _("银行转账"),
        "wechat": _("微信"),
        "alipay": _("支付宝"),
        "pos": _("POS 刷卡"),
    }
    return labels[method]


def status_label(status: PaymentStatus) -> str:
    labels = {
        "unpaid": _("未付款"),
        "partly_paid": _("部分付款"),
        "paid": _("已付清"),
        "void": _("已作废"),
    }
    return labels[status]


@dataclass(frozen=True)
class Payment:
    method: PaymentMethod
    amount_fen: int  # > 0 payment, < 0 refund
    at: dt.datetime  # timezone-aware
    reference: str = ""  # transfer / POS / transaction number
    reason: str = ""  # required for a refund

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError(_("收款时间必须带时区"))

    @property
    def is_refund(self) -> bool:
        return self.amount_fen < 0


def paid_fen(payments: Sequence[Payment]) -> int:
    """Net amount received: payments minus refunds."""
    return sum(p.amount_fen for p in payments)


def payment_status(
    total_fen: int, payments: Sequence[Payment], *, voided: bool = False
) -> PaymentStatus:
    """A statement of ¥0 (e.g. only compulsory verification) counts as paid."""
    return status_of_amounts(total_fen, paid_fen(payments), voided=voided)


def status_of_amounts(total_fen: int, paid: int, *, voided: bool = False) -> PaymentStatus:
    """The status of a statement of `total_fen` on which `paid` (net of refunds) was received."""
    if voided:
        return "void"
    if paid >= total_fen:
        return "paid"
    return "partly_paid" if paid > 0 else "unpaid"


def payment_problems(
    total_fen: int, payments: Sequence[Payment], new: Payment, *, voided: bool = False
) -> list[str]:
    """Why `new` cannot be recorded; [] when it can."""
    problems = []
    paid = paid_fen(payments)
    if new.amount_fen == 0:
        problems.append(_("金额不能为零"))
    elif new.is_refund:
        if not new.reason.strip():
            problems.append(_("退款需要填写原因"))
        if -new.amount_fen > paid:
            problems.append(
                _("退款 {amount} 超过已收金额 {paid}").format(
                    amount=format_yuan(-new.amount_fen), paid=format_yuan(paid)
                )
            )
    elif voided:
        problems.append(_("清单已作废，不能收款"))
    elif new.amount_fen > total_fen - paid:
        problems.append(
            _("收款 {amount} 超过应收余额 {due}").format(
                amount=format_yuan(new.amount_fen), due=format_yuan(max(total_fen - paid, 0))
            )
        )
    if new.method in NEEDS_REFERENCE and not new.reference.strip():
        problems.append(_("{method}需要填写交易流水号").format(method=method_label(new.method)))
    return problems


def check_payment(
    total_fen: int, payments: Sequence[Payment], new: Payment, *, voided: bool = False
) -> None:
    """Refuse a payment above the amount due or a refund above what was paid (ValidationError)."""
    problems = payment_problems(total_fen, payments, new, voided=voided)
    if problems:
        raise ValidationError(problems)


def fees_settled(statement_total: int, payments: Sequence[Payment], voided: bool) -> bool:
    """The return gate: paid in full.  A voided statement settles nothing (ask its reissue)."""
    return not voided and paid_fen(payments) >= statement_total


def check_edit_allowed(status: PaymentStatus) -> None:
    """Lines may change only while nothing is paid; otherwise void and reissue."""
    if status == "paid":
        raise ValidationError([_("清单已付清，不能修改；如需更正，请作废后重新开具")])
    if status == "partly_paid":
        raise ValidationError([_("清单已部分付款，不能修改；如需更正，请作废后重新开具")])
    if status == "void":
        raise ValidationError([_("清单已作废，不能修改")])
