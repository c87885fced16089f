"""For the regulator: compulsory verification by use and instrument type, the fees waived,
each against the same period a year earlier; and recall — the share of ledger instruments
due in the period that were verified by their due date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, case, column, func, select, true, values
from sqlalchemy.orm import Session

from counter.i18n import _
from counter.intake.rules.uses import Use, use_label
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Table, merge_years, rate
from counter.statistics.scope import customer_conditions, item_conditions
from counter.statistics.sqlbits import bounds
from db.models import Instrument, InstrumentType, Item
from db.models_billing import FeeStatement, FeeStatementAdjustment, FeeStatementLine


def compulsory_units(session: Session, f: StatFilter) -> list[tuple[str, str, int]]:
    """(use code, instrument type, units) of compulsory verification received in the period:
    one index range count per use × type cell (index on compulsory, use, type, time)."""
    lo, hi = bounds(f)
    uses = values(column("use", String), name="uses").data([(u.value,) for u in Use]).cte("uses")
    cell = (
        Item.compulsory.is_(True), Item.use == uses.c.use, Item.type_id == InstrumentType.id,
        Item.created_at >= lo, Item.created_at < hi, Item.status != "voided",
        *item_conditions(f),
    )  # fmt: skip
    units = select(func.count()).where(*cell).scalar_subquery()
    query = (
        select(uses.c.use, InstrumentType.name, units)
        .select_from(uses)
        .join(InstrumentType, true())
        .order_by(uses.c.use, InstrumentType.name)
    )
    return [(str(u), str(t), int(n)) for u, t, n in session.execute(query) if n]


def compulsory_waived(session: Session, f: StatFilter) -> list[tuple[str, int]]:
    """(use code, fen waived) on statements issued in the period, compulsory lines only."""
    query = (
        select(Item.use, func.sum(-FeeStatementAdjustment.amount_fen))
        .select_from(FeeStatementAdjustment)
        .join(FeeStatementLine, FeeStatementLine.id == FeeStatementAdjustment.line_id)
        .join(FeeStatement, FeeStatement.id == FeeStatementLine.statement_id)
        .join(Item, Item.id == FeeStatementLine.item_id)
        .where(FeeStatementAdjustment.amount_fen < 0, FeeStatementLine.compulsory.is_(True),
               FeeStatement.voided_at.is_(None), FeeStatement.issued_on >= f.start,
               FeeStatement.issued_on <= f.end, *item_conditions(f))
        .group_by(Item.use)
        .order_by(Item.use)
    )  # fmt: skip
    return [(str(u), int(fen)) for u, fen in session.execute(query)]


def _use(code: str) -> str:
    try:
        return use_label(Use(code))
    except ValueError:
        return code


def regulator_tables(session: Session, f: StatFilter) -> tuple[Table, ...]:
    last = f.previous_year()
    units_now, units_before = compulsory_units(session, f), compulsory_units(session, last)
    by_type = merge_years(units_now, units_before, keys=2)
    by_use = merge_years(
        [(u, n) for u, n in _sum_by_use(units_now)],
        [(u, n) for u, n in _sum_by_use(units_before)],
        keys=1,
    )
    waived = merge_years(compulsory_waived(session, f), compulsory_waived(session, last), keys=1)
    heads = (_("本期"), _("上年同期"), _("同比"))
    return (
        Table("compulsory_use", _("强制检定台件（按用途）"), (_("用途"), *heads),
              tuple((_use(u), a, b, c) for u, a, b, c in by_use), rates=frozenset({3})),
        Table("compulsory_type", _("强制检定台件（按用途、器具）"), (_("用途"), _("器具"), *heads),
              tuple((_use(u), t, a, b, c) for u, t, a, b, c in by_type), rates=frozenset({4})),
        Table("compulsory_waived", _("强制检定免收费用（按用途）"), (_("用途"), *heads),
              tuple((_use(u), a, b, c) for u, a, b, c in waived),
              money=frozenset({1, 2}), rates=frozenset({3})),
    )  # fmt: skip


def _sum_by_use(rows: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
    out: dict[str, int] = {}
    for use, _type, n in rows:
        out[use] = out.get(use, 0) + n
    return sorted(out.items())


def recall_share(session: Session, f: StatFilter, today: dt.date) -> tuple[int, int]:
    """(due in the period, of them verified), over compulsory ledger entries in use.

    The ledger keeps only the current due date: a verification moves `next_due` on.
    So an entry verified in the period counts as due and verified; one still showing
    a due date between the period's start and today was due and not verified.  An
    approximation (an entry verified early, far before its due date, also counts).
    """
    end = min(f.end, today)
    missed = (Instrument.next_due >= f.start) & (Instrument.next_due <= end)
    kept = (Instrument.last_verified >= f.start) & (Instrument.last_verified <= f.end)
    query = (
        select(func.sum(case((missed, 1), else_=0)), func.sum(case((kept, 1), else_=0)))
        .where(Instrument.status == "in_use", Instrument.compulsory.is_(True),
               missed | kept, *customer_conditions(f, Instrument.customer_id))
    )  # fmt: skip
    late, on_time = session.execute(query).one()
    return int(late or 0) + int(on_time or 0), int(on_time or 0)


def recall_table(session: Session, f: StatFilter, today: dt.date) -> Table:
    due, kept = recall_share(session, f, today)
    return Table("recall", _("到期强检器具按期检定"), (_("到期台件"), _("按期检定"), _("按期率")),
                 ((due, kept, rate(kept, due)),), rates=frozenset({2}))  # fmt: skip


__all__ = ["compulsory_units", "compulsory_waived", "recall_share", "regulator_tables"]
