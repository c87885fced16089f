"""What an order's customer has paid: the payment column of the orders list.

One query for a page of orders (never one per row): each order's current (not
voided) statement, its total and the money received on it.  An order with no
current statement shows 未开清单.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal, TypeAlias

from sqlalchemy import ColumnElement, Integer, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from counter.billing.rules.payments import PaymentStatus, status_label, status_of_amounts
from counter.i18n import _
from db.models_billing import FeePayment, FeeStatement, FeeStatementOrder

OrderPayment: TypeAlias = PaymentStatus | Literal["none"]


def payment_label(payment: str) -> str:
    """未开清单 / 未付款 / 部分付款 / 已付清 (empty for an unknown value)."""
    if payment == "none":
        return _("未开清单")
    if payment in ("unpaid", "partly_paid", "paid", "void"):
        return status_label(payment)  # type: ignore[arg-type]
    return ""


def _one_of(session: Session, order_ids: Sequence[int]) -> ColumnElement[bool]:
    """order_id among the page's ids, as one parameter (a JSON list on SQLite, an array on
    PostgreSQL): an IN of 200 parameters costs more to render than the query to run."""
    ids = [int(i) for i in order_ids]
    if session.get_bind().dialect.name == "sqlite":
        listed = func.json_each(json.dumps(ids)).table_valued("value")
        return FeeStatementOrder.order_id.in_(select(listed.c.value))
    return FeeStatementOrder.order_id == any_(bindparam("order_ids", ids, type_=ARRAY(Integer)))


def payments_of_orders(session: Session, order_ids: Sequence[int]) -> dict[int, OrderPayment]:
    """order id → the payment status of its current statement ("none" without one)."""
    if not order_ids:
        return {}
    paid = (
        select(FeePayment.statement_id, func.sum(FeePayment.amount_fen).label("paid"))
        .group_by(FeePayment.statement_id)
        .subquery()
    )
    query = (
        select(FeeStatementOrder.order_id, FeeStatement.total_fen, paid.c.paid)
        .join(FeeStatement, FeeStatement.id == FeeStatementOrder.statement_id)
        .outerjoin(paid, paid.c.statement_id == FeeStatement.id)
        .where(_one_of(session, order_ids), FeeStatement.voided_at.is_(None))
    )
    found: dict[int, OrderPayment] = dict.fromkeys(order_ids, "none")
    for order_id, total, received in session.execute(query):
        found[order_id] = status_of_amounts(total, int(received or 0))
    return found
