"""Preparing a statement's lines: the clerk's choices on today's facts, checked, stored.

Used by `counter.billing.statements`; kept apart so each reads on its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.rules.roles import Actor
from counter.billing.draft import BillingDraft, DraftLine, is_exempt
from counter.billing.rules.addons import format_addons
from counter.billing.rules.lines import group_label
from counter.billing.rules.pricing import ExtraCharge, FeeLineInput, PricedLine
from counter.billing.rules.statement import lines_without_code
from counter.clock import Clock
from counter.errors import ValidationError
from counter.i18n import _
from db.models_billing import FeeStatementAdjustment, FeeStatementLine

_EXTRA_LIMITS = {"description": 128, "unit": 32, "fee_code": 64}
Pair = tuple[FeeLineInput | ExtraCharge, DraftLine | None]


def merge_choices(fresh: DraftLine, given: DraftLine) -> DraftLine:
    """The clerk's choices (fee row, price, add-on facts) on today's facts of the item."""
    g = given.fee
    fee = dataclasses.replace(
        fresh.fee,
        fee_code=g.fee_code,
        tier=g.tier,
        fee_range=g.fee_range,
        unit=g.unit,
        unit_price_fen=g.unit_price_fen,
        addons=g.addons,
        addon_input=g.addon_input,
        quantity=g.quantity,
    )
    return dataclasses.replace(fresh, fee=fee, change_reason=given.change_reason.strip())


def item_lines(draft: BillingDraft, lines: Sequence[DraftLine] | None) -> list[DraftLine]:
    if lines is None:
        return list(draft.lines)
    fresh = {line.item_id: line for line in draft.lines}
    given: dict[int, DraftLine] = {}
    problems = []
    for line in lines:
        if line.item_id not in fresh:
            problems.append(
                _("器具 {number} 不属于这些委托单，或不需收费").format(number=line.fee.item_number)
            )
        elif line.item_id in given:
            problems.append(_("器具 {number} 重复").format(number=line.fee.item_number))
        given[line.item_id] = line
    missing = [line.fee.item_number for line in draft.lines if line.item_id not in given]
    if missing:
        problems.append(_("器具 {numbers} 不在清单中").format(numbers=_("、").join(missing)))
    if problems:
        raise ValidationError(problems)
    return [merge_choices(line, given[line.item_id]) for line in draft.lines]


def extra_charges(draft: BillingDraft, extras: Sequence[ExtraCharge]) -> list[ExtraCharge]:
    numbers = {o.number for o in draft.orders}
    items = {line.fee.item_number: line.fee.order_number for line in draft.lines}
    problems, result = [], []
    for extra in extras:
        if len(draft.orders) == 1 and not extra.order_number:
            extra = dataclasses.replace(extra, order_number=draft.orders[0].number)
        if extra.item_number and not extra.order_number:
            extra = dataclasses.replace(extra, order_number=items.get(extra.item_number, ""))
        what = extra.description or group_label(extra.kind)
        if extra.order_number and extra.order_number not in numbers:
            problems.append(
                _("{what}：委托单 {number} 不在本清单中").format(
                    what=what, number=extra.order_number
                )
            )
        if extra.item_number and items.get(extra.item_number) != extra.order_number:
            problems.append(
                _("{what}：器具 {number} 不在本清单中").format(what=what, number=extra.item_number)
            )
        for name, limit in _EXTRA_LIMITS.items():
            if len(getattr(extra, name)) > limit:
                problems.append(_("{what}：内容过长（最多 {n} 个字符）").format(what=what, n=limit))
        result.append(extra)
    if problems:
        raise ValidationError(problems)
    return result


def check_lines(
    pairs: Sequence[Pair],
    priced: Sequence[PricedLine],
) -> None:
    problems = []
    for n, ((_source, line), p) in enumerate(zip(pairs, priced, strict=True), 1):
        if line is None:
            continue
        where = _("第 {n} 行 {item} {name}：").format(
            n=n, item=line.fee.item_number, name=line.fee.instrument
        )
        if line.changed and not line.change_reason:
            problems.append(where + _("改动收费项目或单价需要填写原因"))
        if line.unpriced and not is_exempt(p):
            problems.append(where + _("收费标准中没有此器具，请选择收费项目或填写单价及原因"))
    if problems:
        raise ValidationError(problems)


def check_codes(priced: Sequence[PricedLine], reason: str) -> None:
    """Refuse chargeable lines without a fee-standard code unless the clerk says why."""
    missing = set(map(id, lines_without_code(priced)))
    if reason.strip() or not missing:
        return
    problems = [
        _("第 {n} 行 {item} {name}：没有收费标准代码").format(
            n=n, item=p.item_number, name=p.instrument
        )
        for n, p in enumerate(priced, 1)
        if id(p) in missing
    ]
    problems.append(_("请选择收费项目，或填写无收费代码的原因（将打印在清单上）"))
    raise ValidationError(problems)


def in_print_order(
    draft: BillingDraft, lines: list[DraftLine], extras: list[ExtraCharge]
) -> list[Pair]:
    """Item lines then extra charges, order by order (the order the statement prints them)."""
    ordered: list[Pair] = []
    for number in [o.number for o in draft.orders] + [""]:
        ordered += [(line.fee, line) for line in lines if line.fee.order_number == number]
        ordered += [(extra, None) for extra in extras if extra.order_number == number]
    return ordered


def line_record(
    seq: int,
    source: FeeLineInput | ExtraCharge,
    draft_line: DraftLine | None,
    priced: PricedLine,
    order_ids: dict[str, int],
    item_ids: dict[str, int],
) -> FeeStatementLine:
    line = FeeStatementLine(
        seq=seq,
        order_id=order_ids.get(priced.order_number),
        item_id=item_ids.get(priced.item_number),
        line_group=priced.group,
        order_number=priced.order_number,
        item_number=priced.item_number,
        instrument=priced.instrument,
        model=priced.model,
        serial=priced.serial,
        fee_code=priced.fee_code,
        tier=priced.tier,
        fee_range=priced.fee_range,
        unit=priced.unit,
        quantity=priced.quantity,
        unit_price_fen=priced.unit_price_fen,
        base_fen=priced.base_fen,
        amount_fen=priced.amount_fen,
    )
    if isinstance(source, FeeLineInput) and draft_line is not None:
        facts = source.addon_input
        line.fee_version_id = draft_line.version_id
        line.addon_rules = format_addons(source.addons)
        line.line_date = source.date
        line.compulsory = source.compulsory
        line.turnaround_hours = source.turnaround_hours
        line.promise_missed = source.promise_missed
        line.working_days_late = source.working_days_late
        line.reverification_after_own_repair = source.reverification_after_own_repair
        line.measured = str(facts.measured) if facts.measured is not None else ""
        line.extra_points, line.extra_ranges = facts.extra_points, facts.extra_ranges
        line.conditions = "|".join(sorted(facts.conditions))
        line.manual_change_reason = draft_line.change_reason if draft_line.changed else ""
    steps = [("addon", a) for a in priced.addons] + [("adjustment", a) for a in priced.adjustments]
    line.adjustments = [
        FeeStatementAdjustment(
            seq=n, kind=kind, code=a.code, reason=a.reason, amount_fen=a.amount_fen
        )
        for n, (kind, a) in enumerate(steps, 1)
    ]
    return line


def audit_changes(
    session: Session, actor: Actor, clock: Clock, number: str, lines: Sequence[DraftLine]
) -> None:
    keys = ("fee_code", "tier", "fee_range", "unit_price_fen")
    for line in lines:
        item = line.fee.item_number
        if line.changed:
            record(
                session,
                actor,
                clock,
                "statement.line_change",
                "statement",
                number,
                before={"item": item, **dict(zip(keys, line.proposed, strict=True))},
                after={"item": item, **dict(zip(keys, line.current, strict=True))},
                reason=line.change_reason,
            )
