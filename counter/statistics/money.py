"""Revenue: charged, waived or reduced by reason, received, refunded, outstanding;
by fee type, department and payment method.  Money is integer fen throughout.

Voided statements count nowhere (a superseded one is voided by its replacement).
Charged and waived follow the day a statement was issued; received and refunded
the day the money moved; outstanding is what is still owed today on the
statements issued in the period.
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from counter.i18n import _
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Table
from counter.statistics.scope import customer_conditions
from counter.statistics.sqlbits import bounds
from db.models import Department, Item
from db.models_billing import (
    FeePayment,
    FeeStatement,
    FeeStatementAdjustment,
    FeeStatementLine,
)


def _statements(f: StatFilter) -> list[ColumnElement[bool]]:
    return [
        FeeStatement.voided_at.is_(None),
        FeeStatement.issued_on >= f.start,
        FeeStatement.issued_on <= f.end,
        *customer_conditions(f, FeeStatement.customer_id),
    ]


def _line_scope(f: StatFilter) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.department_ids:
        out.append(Item.department_id.in_(f.department_ids))
    if f.service:
        out.append(Item.service == f.service)
    return out


def _line_query(f: StatFilter, *columns):  # type: ignore[no-untyped-def]
    return (
        select(*columns)
        .select_from(FeeStatementLine)
        .join(FeeStatement, FeeStatement.id == FeeStatementLine.statement_id)
        .outerjoin(Item, Item.id == FeeStatementLine.item_id)
        .where(*_statements(f), *_line_scope(f))
    )


def _total(condition: ColumnElement[bool], sign: int) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, sign * FeePayment.amount_fen), else_=0)), 0)


def revenue_summary(session: Session, f: StatFilter) -> dict[str, int]:
    """list price, charged, waived, received, refunded, net received, outstanding (fen)."""
    base, charged = session.execute(
        _line_query(f, func.coalesce(func.sum(FeeStatementLine.base_fen), 0),
                    func.coalesce(func.sum(FeeStatementLine.amount_fen), 0))
    ).one()  # fmt: skip
    waived = session.execute(
        _line_query(f, func.coalesce(func.sum(-FeeStatementAdjustment.amount_fen), 0))
        .join(FeeStatementAdjustment, FeeStatementAdjustment.line_id == FeeStatementLine.id)
        .where(FeeStatementAdjustment.amount_fen < 0)
    ).scalar_one()
    lo, hi = bounds(f)
    moved = (
        select(_total(FeePayment.amount_fen > 0, 1), _total(FeePayment.amount_fen < 0, -1))
        .join(FeeStatement, FeeStatement.id == FeePayment.statement_id)
        .where(FeePayment.at >= lo, FeePayment.at < hi, FeeStatement.voided_at.is_(None),
               *customer_conditions(f, FeeStatement.customer_id))
    )  # fmt: skip
    received, refunded = session.execute(moved).one()
    paid = (
        select(FeePayment.statement_id, func.sum(FeePayment.amount_fen).label("paid"))
        .group_by(FeePayment.statement_id)
        .subquery("paid")
    )
    owed = FeeStatement.total_fen - func.coalesce(paid.c.paid, 0)
    outstanding = session.execute(
        select(func.coalesce(func.sum(case((owed > 0, owed), else_=0)), 0))
        .select_from(FeeStatement)
        .outerjoin(paid, paid.c.statement_id == FeeStatement.id)
        .where(*_statements(f))
    ).scalar_one()
    return {
        "list_price": int(base), "charged": int(charged), "waived": int(waived),
        "received": int(received), "refunded": int(refunded),
        "net_received": int(received) - int(refunded), "outstanding": int(outstanding),
    }  # fmt: skip


def waived_by_reason(session: Session, f: StatFilter) -> list[tuple[str, int, int]]:
    """(reason code, lines, fen waived), largest first."""
    query = (
        _line_query(f, FeeStatementAdjustment.code, func.count(),
                    func.sum(-FeeStatementAdjustment.amount_fen))
        .join(FeeStatementAdjustment, FeeStatementAdjustment.line_id == FeeStatementLine.id)
        .where(FeeStatementAdjustment.amount_fen < 0)
        .group_by(FeeStatementAdjustment.code)
        .order_by(func.sum(FeeStatementAdjustment.amount_fen), FeeStatementAdjustment.code)
    )  # fmt: skip
    return [(str(c), int(n), int(fen)) for c, n, fen in session.execute(query)]


def charged_by_fee_type(session: Session, f: StatFilter) -> list[tuple[str, int, int, int]]:
    """(line group, lines, list price fen, charged fen)."""
    query = _line_query(
        f, FeeStatementLine.line_group, func.count(), func.sum(FeeStatementLine.base_fen),
        func.sum(FeeStatementLine.amount_fen),
    ).group_by(FeeStatementLine.line_group).order_by(FeeStatementLine.line_group)  # fmt: skip
    return [(str(g), int(n), int(b), int(a)) for g, n, b, a in session.execute(query)]


def charged_by_department(session: Session, f: StatFilter) -> list[tuple[str, int, int]]:
    """(department, lines, charged fen); lines not about one item count as "" ."""
    query = (
        _line_query(f, func.coalesce(Department.name, ""), func.count(),
                    func.sum(FeeStatementLine.amount_fen))
        .outerjoin(Department, Department.id == Item.department_id)
        .group_by(Department.name)
        .order_by(func.coalesce(Department.name, ""))
    )  # fmt: skip
    return [(str(d), int(n), int(a)) for d, n, a in session.execute(query)]


def received_by_method(session: Session, f: StatFilter) -> list[tuple[str, int, int, int]]:
    """(method, payments, received fen, refunded fen) of money that moved in the period."""
    lo, hi = bounds(f)
    amount = FeePayment.amount_fen
    query = (
        select(FeePayment.method, func.count(),
               func.sum(case((amount > 0, amount), else_=0)),
               func.sum(case((amount < 0, -amount), else_=0)))
        .join(FeeStatement, FeeStatement.id == FeePayment.statement_id)
        .where(and_(FeePayment.at >= lo, FeePayment.at < hi), FeeStatement.voided_at.is_(None),
               *customer_conditions(f, FeeStatement.customer_id))
        .group_by(FeePayment.method)
        .order_by(FeePayment.method)
    )  # fmt: skip
    return [(str(m), int(n), int(r), int(b)) for m, n, r, b in session.execute(query)]


def revenue_tables(session: Session, f: StatFilter) -> tuple[Table, ...]:
    s = revenue_summary(session, f)
    labels = {
        "list_price": _("标准收费"), "charged": _("应收"), "waived": _("减免"),
        "received": _("实收"), "refunded": _("退款"), "net_received": _("净实收"),
        "outstanding": _("欠费"),
    }  # fmt: skip
    summary = Table("revenue", _("收费汇总"), (_("项目"), _("金额")),
                    tuple((labels[k], v) for k, v in s.items()), money=frozenset({1}))  # fmt: skip
    waived = Table("waived", _("减免（按原因）"), (_("原因"), _("行数"), _("金额")),
                   tuple(waived_by_reason(session, f)), money=frozenset({2}))  # fmt: skip
    fee_type = Table("fee_type", _("应收（按收费类别）"),
                     (_("类别"), _("行数"), _("标准收费"), _("应收")),
                     tuple(charged_by_fee_type(session, f)), money=frozenset({2, 3}))  # fmt: skip
    dept = Table("fee_department", _("应收（按科室）"), (_("科室"), _("行数"), _("应收")),
                 tuple(charged_by_department(session, f)), money=frozenset({2}))  # fmt: skip
    method = Table("payment_method", _("实收（按付款方式）"),
                   (_("付款方式"), _("笔数"), _("实收"), _("退款")),
                   tuple(received_by_method(session, f)), money=frozenset({2, 3}))  # fmt: skip
    return summary, waived, fee_type, dept, method
