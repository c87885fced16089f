"""A statement as the customer gets it: the A4 PDF (with its barcode) and the XLSX export.

Both are made from the issued snapshot (`billing_views.statement_view`), never
re-priced; a void or replaced statement says so in its remarks.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter.admin.print_fonts import printing_fonts
from counter.admin.settings import load_settings
from counter.billing.rules.export import statement_xlsx
from counter.billing.rules.printout import statement_print
from counter.billing.rules.statement import Statement, subtotals_of
from counter.billing.views import StatementView, statement_view
from counter.clock import local_date
from counter.i18n import _
from counter.intake.documents import institute_info
from printing.statement import render_statement_pdf


def to_statement(view: StatementView) -> Statement:
    """The pure statement `counter.billing.rules` prints and exports."""
    return Statement(
        number=view.number,
        customer=view.customer,
        date=view.issued_on,
        lines=view.lines,
        subtotals=subtotals_of(view.lines),
        total_fen=view.total_fen,
        total_capitals=view.total_capitals,
        clerk=view.clerk,
        payment_details=view.payment_details,
        order_numbers=tuple(o.number for o in view.orders),
        replaces=view.replaces,
        replace_reason=view.replace_reason,
    )


def statement_remarks(view: StatementView) -> tuple[str, ...]:
    remarks = []
    if view.voided_at is not None:
        remarks.append(
            _("本清单已于 {day} 作废，原因：{reason}").format(
                day=local_date(view.voided_at).isoformat(), reason=view.void_reason
            )
        )
    if view.no_code_reason:
        remarks.append(_("无收费代码的收费项目，原因：{reason}").format(reason=view.no_code_reason))
    if view.replaced_by:
        remarks.append(_("本清单已由 {number} 替代").format(number=view.replaced_by))
    return tuple(remarks)


def statement_pdf(session: Session, statement_id: int) -> bytes:
    """The statement as an A4 PDF (检定费专用清单), with its barcode."""
    view = statement_view(session, statement_id)
    settings = load_settings(session)
    data = statement_print(to_statement(view), institute_info(settings), statement_remarks(view))
    with printing_fonts(settings):
        return render_statement_pdf(data)


def statement_xlsx_bytes(session: Session, statement_id: int) -> bytes:
    return statement_xlsx(to_statement(statement_view(session, statement_id)))
