"""Issuing, voiding and reissuing fee statements (检定费专用清单).

One statement per order, or one across several orders of an account customer.
Lines are priced again here, on today's facts, from the clerk's choices (tier,
unit price, add-on facts): the screen's preview never decides an amount.  A
statement is never deleted: it is voided with a reason, and a reissue links
the new statement to the one it replaces.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.billing.draft import DraftLine, open_billing
from counter.billing.lines import (
    audit_changes,
    check_codes,
    check_lines,
    extra_charges,
    in_print_order,
    item_lines,
    line_record,
)
from counter.billing.rules.payments import check_edit_allowed
from counter.billing.rules.pricing import ExtraCharge, price_lines
from counter.billing.rules.statement import build_statement, lines_without_code
from counter.billing.settings import load_payment_details
from counter.billing.views import current_statement_ids, status_of
from counter.clock import Clock, local_date
from counter.errors import CounterError, NotFound, ValidationError
from counter.i18n import _
from counter.intake.numbering import new_statement_number
from counter.money import format_yuan
from db.models import Order
from db.models_billing import FeeStatement, FeeStatementOrder


def issue_statement(
    session: Session,
    actor: Actor,
    clock: Clock,
    order_ids: Sequence[int],
    lines: Sequence[DraftLine] | None = None,
    extras: Sequence[ExtraCharge] = (),
    *,
    replaces_id: int | None = None,
    replace_reason: str = "",
    no_code_reason: str = "",
) -> FeeStatement:
    """Issue the statement of the orders (the caller commits); lines None = as proposed.

    A chargeable line without a fee-standard code is refused unless `no_code_reason`
    says why; the reason is stored and printed on the statement.
    """
    require(session, actor, Perm.BILL)
    session.execute(select(Order.id).where(Order.id.in_(list(order_ids))).with_for_update())
    today = local_date(clock.now())
    draft = open_billing(session, order_ids, today=today)
    old = _replaced(session, replaces_id)
    billed = current_statement_ids(session, draft.order_ids)
    if billed:
        query = select(FeeStatement.id, FeeStatement.number).where(
            FeeStatement.id.in_(list(billed.values()))
        )
        numbers = {sid: number for sid, number in session.execute(query)}
        raise ValidationError(
            [
                _("委托单 {order} 已开具清单 {number}；如需更正，请作废后重新开具").format(
                    order=o.number, number=numbers[billed[o.id]]
                )
                for o in draft.orders
                if o.id in billed
            ]
        )
    chosen = item_lines(draft, lines)
    ordered = in_print_order(draft, chosen, extra_charges(draft, extras))
    priced = price_lines([source for source, _line in ordered], draft.terms, draft.policy)
    check_lines(ordered, priced)
    check_codes(priced, no_code_reason)
    no_code_reason = no_code_reason.strip() if lines_without_code(priced) else ""
    number = new_statement_number(session, today.year)
    statement = build_statement(
        number,
        draft.customer,
        today,
        priced,
        clerk=actor.full_name,
        payment_details=load_payment_details(session),
        account_customer=draft.terms.account_customer,
        replaces=old.number if old else "",
        replace_reason=replace_reason if old else "",
    )
    customer = draft.customer
    record_ = FeeStatement(
        number=number,
        customer_id=draft.customer_id,
        customer_name=customer.name,
        customer_code=customer.credit_code,
        customer_contact=" ".join(t for t in (customer.contact, customer.phone) if t),
        account_customer=draft.terms.account_customer,
        issued_on=today,
        issued_at=clock.now(),
        clerk_id=actor.id,
        total_fen=statement.total_fen,
        total_capitals=statement.total_capitals,
        payment_details=json.dumps(
            dataclasses.asdict(statement.payment_details), ensure_ascii=False
        ),
        replaces_id=old.id if old else None,
        replace_reason=statement.replace_reason,
        no_code_reason=no_code_reason,
    )
    order_ids_by_number = {o.number: o.id for o in draft.orders}
    item_ids = {line.fee.item_number: line.item_id for line in draft.lines}
    record_.orders = [
        FeeStatementOrder(order_id=o.id, seq=n) for n, o in enumerate(draft.orders, 1)
    ]
    record_.lines = [
        line_record(n, source, draft_line, p, order_ids_by_number, item_ids)
        for n, ((source, draft_line), p) in enumerate(zip(ordered, priced, strict=True), 1)
    ]
    session.add(record_)
    session.flush()
    audit_changes(session, actor, clock, number, chosen)
    record(
        session,
        actor,
        clock,
        "statement.issue",
        "statement",
        number,
        after={
            "orders": [o.number for o in draft.orders],
            "lines": len(priced),
            "total": format_yuan(statement.total_fen),
            **({"replaces": old.number} if old else {}),
            **({"no_code_reason": no_code_reason} if no_code_reason else {}),
        },
        reason=statement.replace_reason,
    )
    session.flush()
    return record_


def _replaced(session: Session, replaces_id: int | None) -> FeeStatement | None:
    if replaces_id is None:
        return None
    old = get_statement(session, replaces_id)
    if old.voided_at is None:
        raise ValidationError([_("被替代的清单 {number} 尚未作废").format(number=old.number)])
    newer = session.scalar(select(FeeStatement.number).where(FeeStatement.replaces_id == old.id))
    if newer:
        raise ValidationError([_("清单 {old} 已由 {new} 替代").format(old=old.number, new=newer)])
    return old


def get_statement(session: Session, statement_id: int, *, lock: bool = False) -> FeeStatement:
    query = (
        select(FeeStatement)
        .where(FeeStatement.id == statement_id)
        .options(selectinload(FeeStatement.payments), selectinload(FeeStatement.orders))
    )
    statement = session.scalar(query.with_for_update(of=FeeStatement) if lock else query)
    if statement is None:
        raise NotFound(_("收费清单不存在"))
    return statement


def void_statement(
    session: Session, actor: Actor, clock: Clock, statement_id: int, reason: str
) -> FeeStatement:
    """Void a statement with a reason; refused while money received on it is not refunded."""
    require(session, actor, Perm.BILL)
    if not reason.strip():
        raise ValidationError([_("作废清单需要填写原因")])
    statement = get_statement(session, statement_id, lock=True)
    if statement.voided_at is not None:
        raise CounterError(_("清单 {number} 已作废").format(number=statement.number))
    paid = sum(p.amount_fen for p in statement.payments)
    if paid > 0:
        raise CounterError(
            _("清单 {number} 已收款 {paid}，请先退款再作废").format(
                number=statement.number, paid=format_yuan(paid)
            )
        )
    statement.voided_at, statement.voided_by_id = clock.now(), actor.id
    statement.void_reason = reason.strip()
    record(
        session,
        actor,
        clock,
        "statement.void",
        "statement",
        statement.number,
        reason=reason.strip(),
    )
    session.flush()
    return statement


def reissue_statement(
    session: Session,
    actor: Actor,
    clock: Clock,
    old_id: int,
    reason: str,
    lines: Sequence[DraftLine] | None = None,
    extras: Sequence[ExtraCharge] = (),
    *,
    no_code_reason: str = "",
) -> FeeStatement:
    """Void the old statement (if not void yet) and issue a new one that names it and why."""
    require(session, actor, Perm.BILL)
    if not reason.strip():
        raise ValidationError([_("重开清单需要填写原因")])
    old = get_statement(session, old_id, lock=True)
    if old.voided_at is None:
        check_edit_allowed(status_of(old))
        void_statement(session, actor, clock, old.id, reason)
    order_ids = [so.order_id for so in old.orders]
    return issue_statement(
        session,
        actor,
        clock,
        order_ids,
        lines,
        extras,
        replaces_id=old.id,
        replace_reason=reason.strip(),
        no_code_reason=no_code_reason,
    )
