"""Payments and refunds against a statement, and "fees settled", the return gate.

A payment is a positive amount, a refund a negative one with its reason;
nothing is removed.  `counter.billing.rules.payments.check_payment` decides what is
refused (more than is due, a refund above what was received, a void
statement, POS or transfer without a reference); the refusal reaches the clerk
as a `ValidationError` in their words.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.billing.draft import is_exempt, open_billing, price_draft
from counter.billing.rules.payments import (
    PAYMENT_METHODS,
    Payment,
    PaymentMethod,
    check_payment,
    method_label,
)
from counter.billing.statements import get_statement
from counter.billing.views import payments_of, statement_of_order
from counter.clock import Clock
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from counter.money import format_yuan
from db.models import Item, Order
from db.models_billing import FeePayment, FeeStatement, FeeStatementOrder

REFERENCE_LIMIT = 64


def _method(value: str) -> PaymentMethod:
    for method in PAYMENT_METHODS:
        if method == value:
            return method
    raise ValidationError([_("付款方式无效")])


def _record(
    session: Session,
    actor: Actor,
    clock: Clock,
    statement_id: int,
    new: Payment,
) -> FeePayment:
    if len(new.reference.strip()) > REFERENCE_LIMIT:
        raise ValidationError([_("交易流水号过长（最多 {n} 个字符）").format(n=REFERENCE_LIMIT)])
    statement = get_statement(session, statement_id, lock=True)
    check_payment(
        statement.total_fen, payments_of(statement), new, voided=statement.voided_at is not None
    )
    payment = FeePayment(
        statement_id=statement.id,
        method=new.method,
        amount_fen=new.amount_fen,
        reference=new.reference.strip(),
        reason=new.reason.strip(),
        at=new.at,
        clerk_id=actor.id,
    )
    session.add(payment)
    refund = new.amount_fen < 0
    record(
        session,
        actor,
        clock,
        "statement.refund" if refund else "statement.payment",
        "statement",
        statement.number,
        after={
            "method": method_label(new.method),
            "amount": format_yuan(new.amount_fen),
            "reference": new.reference.strip(),
        },
        reason=new.reason.strip(),
    )
    session.flush()
    session.expire(statement, ["payments"])
    return payment


def record_payment(
    session: Session,
    actor: Actor,
    clock: Clock,
    statement_id: int,
    method: str,
    amount_fen: int,
    reference: str = "",
) -> FeePayment:
    """Money received (cash, transfer, WeChat, Alipay, POS); at most the amount still due."""
    require(session, actor, Perm.BILL)
    if amount_fen < 0:
        raise ValidationError([_("收款金额应大于零；退款请用“退款”")])
    new = Payment(_method(method), amount_fen, clock.now(), reference.strip())
    return _record(session, actor, clock, statement_id, new)


def record_refund(
    session: Session,
    actor: Actor,
    clock: Clock,
    statement_id: int,
    amount_fen: int,
    reason: str,
    method: str = "cash",
    reference: str = "",
) -> FeePayment:
    """Money given back (`amount_fen` > 0 is refunded); at most what was received, with a reason."""
    require(session, actor, Perm.BILL)
    if amount_fen <= 0:
        raise ValidationError([_("退款金额应大于零")])
    new = Payment(_method(method), -amount_fen, clock.now(), reference.strip(), reason.strip())
    return _record(session, actor, clock, statement_id, new)


def _order_of(session: Session, item_id: int | None, order_id: int | None) -> Order:
    if item_id is not None:
        order_id = session.scalar(select(Item.order_id).where(Item.id == item_id))
        if order_id is None:
            raise NotFound(_("器具不存在"))
    if order_id is None:
        raise ValueError("fees_settled needs an item_id or an order_id")
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(_("委托单不存在"))
    return order


def fees_settled(
    session: Session,
    *,
    item_id: int | None = None,
    order_id: int | None = None,
    today: dt.date | None = None,
) -> tuple[bool, str]:
    """Whether the item's (or order's) fees are settled, and why not in words a clerk can say.

    Settled: the order's current statement is paid in full; or, before any
    statement, every billable item of the order is free (e.g. compulsory
    verification), so there is nothing to collect.
    """
    order = _order_of(session, item_id, order_id)
    current = statement_of_order(session, order.id)
    if current is not None:
        if current.status == "paid":
            return True, _("费用已结清：清单 {number} 已付清 {total}").format(
                number=current.number, total=format_yuan(current.total_fen)
            )
        return False, _("费用未结清：清单 {number} 应收 {total}，已收 {paid}").format(
            number=current.number,
            total=format_yuan(current.total_fen),
            paid=format_yuan(current.paid_fen),
        )
    try:
        draft = open_billing(session, [order.id], today=today)
    except CounterError as error:
        return False, str(error)
    priced = price_draft(draft)
    free = bool(priced) and all(
        p.amount_fen == 0 and (is_exempt(p) or not line.unpriced)
        for line, p in zip(draft.lines, priced, strict=True)
    )
    if free:
        reasons = dict.fromkeys(a.reason for p in priced for a in p.adjustments if is_exempt(p))
        text = _("；").join(reasons) or _("收费为 ¥0")
        return True, _("免收费用：{reasons}").format(reasons=text)
    voided = session.scalar(
        select(FeeStatement.number)
        .join(FeeStatementOrder, FeeStatementOrder.statement_id == FeeStatement.id)
        .where(FeeStatementOrder.order_id == order.id)
        .order_by(FeeStatement.id.desc())
        .limit(1)
    )
    if voided:
        return False, _("费用未结清：清单 {number} 已作废，尚未重新开具").format(number=voided)
    return False, _("费用未结清：委托单 {number} 尚未开具收费清单").format(number=order.number)
