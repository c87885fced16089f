"""Work per person (clerk, verifier, reviewer) — for the institute's management, the
administrator only.  One UNION ALL of the counted acts, pivoted by CASE."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, literal, select, union_all
from sqlalchemy.orm import Session

from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.i18n import _
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Cell, Table
from counter.statistics.scope import customer_conditions
from counter.statistics.sqlbits import bounds
from db.models import Order, User
from db.models_billing import FeeStatement
from db.models_certificates import CertificateRecord, FinalCheckRecord
from db.models_release import Release, ReleaseItem, UnprocessedReturn

ACTS = (
    "orders", "units", "statements", "statement_fen", "voided", "released", "returned",
    "certificates", "final_checks",
)  # fmt: skip


def _acts(f: StatFilter):  # type: ignore[no-untyped-def]
    lo, hi = bounds(f)
    cust = customer_conditions(f, Order.customer_id)
    one = literal(1)
    parts = [
        select(Order.received_by_id, literal("orders"), one)
        .where(Order.received_at >= lo, Order.received_at < hi, Order.voided_at.is_(None), *cust),
        select(Order.received_by_id, literal("units"), Order.item_count)
        .where(Order.received_at >= lo, Order.received_at < hi, Order.voided_at.is_(None), *cust),
        select(FeeStatement.clerk_id, literal("statements"), one)
        .where(FeeStatement.issued_at >= lo, FeeStatement.issued_at < hi),
        select(FeeStatement.clerk_id, literal("statement_fen"), FeeStatement.total_fen)
        .where(FeeStatement.issued_at >= lo, FeeStatement.issued_at < hi,
               FeeStatement.voided_at.is_(None)),
        select(FeeStatement.voided_by_id, literal("voided"), one)
        .where(FeeStatement.voided_at >= lo, FeeStatement.voided_at < hi),
        select(Release.clerk_id, literal("released"), one)
        .join(ReleaseItem, ReleaseItem.release_id == Release.id)
        .where(Release.at >= lo, Release.at < hi),
        select(UnprocessedReturn.by_id, literal("returned"), one)
        .where(UnprocessedReturn.at >= lo, UnprocessedReturn.at < hi),
        select(CertificateRecord.created_by_id, literal("certificates"), one)
        .where(CertificateRecord.created_at >= lo, CertificateRecord.created_at < hi),
        select(FinalCheckRecord.reviewer_id, literal("final_checks"), one)
        .where(FinalCheckRecord.at >= lo, FinalCheckRecord.at < hi),
    ]  # fmt: skip
    return union_all(*parts).subquery("acts")


def work_per_person(session: Session, actor: Actor, f: StatFilter) -> list[tuple[Any, ...]]:
    """(username, full name, one count per ACTS), for every person with any act in the period."""
    require(session, actor, Perm.ADMIN)
    acts = _acts(f)
    user_id, kind, n = list(acts.c)
    sums = [func.sum(case((kind == k, n), else_=0)) for k in ACTS]
    grouped = select(user_id.label("user_id"), *sums).group_by(user_id).subquery("per_user")
    query = (
        select(User.username, User.full_name, *list(grouped.c)[1:])
        .join(grouped, grouped.c.user_id == User.id)
        .order_by(User.username)
    )
    return [tuple(r) for r in session.execute(query)]


def people_table(session: Session, actor: Actor, f: StatFilter) -> Table:
    rows = work_per_person(session, actor, f)
    columns = (
        _("用户名"), _("姓名"), _("收件单数"), _("收件台件"), _("开具清单"), _("清单金额"),
        _("作废清单"), _("发放台件"), _("退回未检"), _("出具证书"), _("终审"),
    )  # fmt: skip
    body: tuple[tuple[Cell, ...], ...] = tuple(
        (u, n, *(int(v) for v in rest)) for u, n, *rest in rows
    )
    return Table("people", _("个人工作量"), columns, body, money=frozenset({5}))
