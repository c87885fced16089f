"""What the billing screen says: its rows, header, state, totals and payments, as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from counter.billing import BillingDraft, DraftLine, StatementView, is_exempt
from counter.billing.rules.payments import method_label, status_label
from counter.billing.rules.pricing import PricedLine
from counter.clock import CHINA_TZ
from counter.customers.records import size_label
from counter.i18n import _
from counter.money import chinese_capitals, format_yuan
from ui.billing.fee_lines_model import FeeLineRow


class Reissue(NamedTuple):
    """The statement a draft will replace when issued, and why."""

    id: int
    number: str
    reason: str


def draft_rows(lines: Sequence[DraftLine], priced: Sequence[PricedLine]) -> tuple[FeeLineRow, ...]:
    """Item lines, then the extra charges (`priced` holds both, in that order)."""
    rows = [
        FeeLineRow(
            p,
            "item",
            n,
            line.change_reason if line.changed else "",
            line.note if line.unpriced and not is_exempt(p) else "",
        )
        for n, (line, p) in enumerate(zip(lines, priced, strict=False))
    ]
    rows += [FeeLineRow(p, "extra", n) for n, p in enumerate(priced[len(lines) :])]
    return tuple(rows)


def statement_rows(statement: StatementView) -> tuple[FeeLineRow, ...]:
    return tuple(
        FeeLineRow(line, "issued", n, reason)
        for n, (line, reason) in enumerate(
            zip(statement.lines, statement.change_reasons, strict=True)
        )
    )


def header_text(draft: BillingDraft | None, statement: StatementView | None) -> str:
    if statement is not None:
        name, account = statement.customer.name, statement.account_customer
        orders, size = statement.orders, ""
    elif draft is not None:
        name, account = draft.customer.name, draft.terms.account_customer
        orders, size = draft.orders, draft.terms.size
    else:
        return _("请扫描或输入委托单号、收件编号或清单编号")
    text = _("客户：{customer}　委托单：{orders}").format(
        customer=name, orders=_("、").join(o.number for o in orders)
    )
    tags = [size_label(size) + _("企业")] if size in ("small", "micro") else []
    tags += [_("月结客户")] if account else []
    return text + (_("（{tags}）").format(tags=_("，").join(tags)) if tags else "")


def status_text(
    draft: BillingDraft | None, statement: StatementView | None, reissue: Reissue | None
) -> str:
    if statement is not None:
        text = _("清单 {number}（{status}），{day} 由 {clerk} 开具").format(
            number=statement.number,
            status=status_label(statement.status),
            day=statement.issued_on.isoformat(),
            clerk=statement.clerk,
        )
        if statement.replaces:
            text += _("；替代清单 {number}（原因：{reason}）").format(
                number=statement.replaces, reason=statement.replace_reason
            )
        if statement.no_code_reason:
            text += _("；无收费代码原因：{reason}").format(reason=statement.no_code_reason)
        if statement.voided_at is not None:
            text += _("；作废原因：{reason}").format(reason=statement.void_reason)
        if statement.replaced_by:
            text += _("；已由清单 {number} 替代").format(number=statement.replaced_by)
        return text
    if draft is None:
        return ""
    text = _("草稿：尚未开具清单（Ctrl+S 开具）")
    if reissue is not None:
        text += _("；开具后替代清单 {number}（原因：{reason}）").format(
            number=reissue.number, reason=reissue.reason
        )
    return text


def totals_text(total_fen: int, statement: StatementView | None) -> str:
    text = _("合计 {total}（大写：{capitals}）").format(
        total=format_yuan(total_fen), capitals=chinese_capitals(total_fen)
    )
    if statement is not None and statement.voided_at is None:
        text += _("　已收 {paid}　应收余额 {due}").format(
            paid=format_yuan(statement.paid_fen), due=format_yuan(statement.due_fen)
        )
    return text


def payments_text(statement: StatementView | None) -> str:
    if statement is None or not statement.payments:
        return ""
    parts = []
    for p in statement.payments:
        what = _("退款") if p.amount_fen < 0 else _("收款")
        part = f"{p.at.astimezone(CHINA_TZ):%m-%d %H:%M} {what} {method_label(p.method)} "
        part += format_yuan(abs(p.amount_fen))
        part += f" {p.reference}" if p.reference else ""
        part += _("（{reason}）").format(reason=p.reason) if p.reason else ""
        parts.append(part + f" {p.clerk}")
    return _("收退款记录：") + _("；").join(parts)
