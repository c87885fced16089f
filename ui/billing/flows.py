"""The billing screen's conversations: each opens a dialog, runs the domain action, says why not.

Every dialog opened here is kept in ``screen.pending`` before it runs, so a
test (or a macro) can answer it.  Every read and write goes through `ui.common.op`:
a refusal from `counter/` is shown on the screen's message line (or in the dialog,
which then stays open), and what a write changed is announced to every screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from PySide6.QtWidgets import QDialog
from sqlalchemy.orm import Session

from counter.billing import (
    BillingDraft,
    DraftLine,
    StatementView,
    issue_statement,
    price_draft,
    reissue_statement,
    statement_pdf,
    statement_xlsx_bytes,
    void_statement,
)
from counter.billing.rules.payments import check_edit_allowed
from counter.billing.rules.pricing import ExtraCharge
from counter.billing.rules.statement import lines_without_code
from counter.changes import Change
from counter.errors import ValidationError
from counter.i18n import _
from counter.money import format_yuan
from ui.billing.extra_charge_dialog import ExtraChargeDialog
from ui.billing.fee_line_dialog import FeeLineDialog
from ui.billing.host import BillingHost
from ui.billing.payment_dialog import PaymentDialog
from ui.billing.statement_orders_dialog import StatementOrdersDialog
from ui.billing.texts import Reissue
from ui.common import op
from ui.common.file_dialogs import save_file_name
from ui.common.messages import confirm
from ui.common.op import Failure
from ui.common.reason_dialog import ReasonDialog

ACCEPTED = QDialog.DialogCode.Accepted
#: issuing or voiding a statement changes the statement and its orders' billing
BILLED = Change.STATEMENTS | Change.ORDERS


class Issued(NamedTuple):
    id: int
    number: str


def _run(screen: BillingHost, dialog: QDialog) -> bool:
    screen.pending = dialog
    return dialog.exec() == ACCEPTED


def ask_line_change(screen: BillingHost, line: DraftLine) -> DraftLine | None:
    dialog = FeeLineDialog(line, screen)
    return dialog.changed_line if _run(screen, dialog) else None


def ask_extra_charge(
    screen: BillingHost, lines: list[DraftLine], item_number: str
) -> ExtraCharge | None:
    items = [(x.fee.item_number, x.fee.order_number, x.fee.instrument) for x in lines]
    dialog = ExtraChargeDialog(items, screen, item_number=item_number)
    return dialog.charge if _run(screen, dialog) else None


def issue(
    screen: BillingHost,
    draft: BillingDraft,
    lines: list[DraftLine],
    extras: list[ExtraCharge],
    reissue: Reissue | None,
) -> Issued | None:
    """Ask before issuing; lines without a fee-standard code need the reason printed with them."""
    ctx = screen.ctx
    done: list[Issued] = []

    def act(s: Session, reason: str) -> Issued:
        if reissue is not None:
            st = reissue_statement(
                s, ctx.actor, ctx.clock, reissue.id, reissue.reason, lines, extras,
                no_code_reason=reason,
            )  # fmt: skip
        else:
            st = issue_statement(
                s, ctx.actor, ctx.clock, draft.order_ids, lines, extras, no_code_reason=reason
            )
        return Issued(st.id, st.number)

    def run(reason: str, on_failure: Failure | None = None) -> None:
        issued = op.write(screen, lambda s: act(s, reason), BILLED, on_failure=on_failure)
        if issued is not None:
            done.append(issued)

    priced = price_draft(draft, lines, extras)
    total = format_yuan(sum(p.amount_fen for p in priced))
    codeless = [f"{p.item_number} {p.instrument}" for p in lines_without_code(priced)]
    if codeless:
        prompt = _(
            "以下收费项目没有收费标准代码：{lines}。\n如确需开具（合计 {total}），"
            "请填写原因，原因将打印在清单上："
        ).format(lines=_("、").join(codeless), total=total)
        dialog = ReasonDialog(
            _("开具清单"), prompt, lambda why: run(why, op.shown_in(dialog.message)), screen,
            confirm_text=_("开具清单"),
        )  # fmt: skip
        _run(screen, dialog)
        return done[0] if done else None
    question = _("开具收费清单：{n} 行，合计 {total}。开具后如需更正，须作废后重新开具。").format(
        n=len(priced), total=total
    )
    if not confirm(screen, question, yes=_("开具清单"), title=_("开具清单")):
        return None
    run("")
    return done[0] if done else None


def preview(screen: BillingHost, statement: StatementView) -> None:
    from ui.common.pdf_preview import PdfPreviewDialog  # the Qt PDF modules load on first preview

    pdf = op.read(screen, lambda s: statement_pdf(s, statement.id))
    if pdf is None:
        return
    title = _("收费清单 {number}").format(number=statement.number)
    _run(screen, PdfPreviewDialog(pdf, title, screen, file_name=f"{statement.number}.pdf"))


def export_xlsx(screen: BillingHost, statement: StatementView, path: Path | None) -> None:
    """Save the statement as XLSX (asks where when `path` is None)."""
    if path is None:
        name = save_file_name(
            screen, _("导出 XLSX"), f"{statement.number}.xlsx", _("Excel 工作簿 (*.xlsx)")
        )
        if not name:
            return
        path = Path(name)
    data = op.read(screen, lambda s: statement_xlsx_bytes(s, statement.id))
    if data is None:
        return
    try:
        path.write_bytes(data)
    except OSError as error:
        screen.message.show_error(str(error))
        return
    screen.message.show_info(_("已导出到 {path}").format(path=path))


def ask_payment(screen: BillingHost, statement: StatementView, *, refund: bool) -> bool:
    return _run(screen, PaymentDialog(screen.ctx, statement, screen, refund=refund))


def ask_void(screen: BillingHost, statement: StatementView) -> bool:
    ctx = screen.ctx

    def void(reason: str) -> object:
        return op.write(
            screen,
            lambda s: void_statement(s, ctx.actor, ctx.clock, statement.id, reason),
            BILLED,
            on_failure=op.shown_in(dialog.message),
        )

    prompt = _("作废清单 {number}。作废后清单保留、不可恢复。请填写作废原因：").format(
        number=statement.number
    )
    dialog = ReasonDialog(_("作废清单"), prompt, void, screen, confirm_text=_("作废"))
    return _run(screen, dialog)


def ask_reissue_reason(screen: BillingHost, statement: StatementView) -> Reissue | None:
    def check(reason: str) -> None:
        if not reason.strip():
            raise ValidationError([_("重开清单需要填写原因")])
        if statement.status != "void":
            check_edit_allowed(statement.status)

    prompt = _("重新开具清单 {number}：原清单保留并注明被替代。请填写原因：").format(
        number=statement.number
    )
    dialog = ReasonDialog(_("重开清单"), prompt, check, screen, confirm_text=_("重新开具"))
    dialog.reason.setPlainText(statement.void_reason)
    if not _run(screen, dialog):
        return None
    return Reissue(statement.id, statement.number, dialog.reason.toPlainText().strip())


def ask_monthly_orders(
    screen: BillingHost, draft: BillingDraft | None, statement: StatementView | None
) -> list[int] | None:
    if draft is not None:
        cid, name, account = draft.customer_id, draft.customer.name, draft.terms.account_customer
        checked = list(draft.order_ids)
    elif statement is not None:
        cid, name = statement.customer_id, statement.customer.name
        account, checked = statement.account_customer, []
    else:
        return None
    if not account:
        screen.message.show_error(
            _("{customer} 不是月结客户，不能合并开具清单").format(customer=name)
        )
        return None
    dialog = StatementOrdersDialog(screen.ctx, cid, name, checked, screen)
    return dialog.order_ids if _run(screen, dialog) else None


def open_schedule_import(screen: BillingHost) -> None:
    from ui.billing.fee_schedule_dialog import FeeScheduleDialog

    _run(screen, FeeScheduleDialog(screen.ctx, screen))
