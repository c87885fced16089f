"""The statement as the plain data `printing.statement` renders.

`printing/` never imports `counter/`; this is the one place that converts a
`Statement` into a `StatementPrint`: labels translated, tier and range joined,
quantity with its unit, add-on reasons joined, the reissue noted.
"""

from __future__ import annotations

from counter.billing.rules.lines import total_of
from counter.billing.rules.pricing import PricedLine
from counter.billing.rules.statement import Statement
from counter.i18n import _
from printing.common import InstituteInfo
from printing.statement import PayeeInfo, StatementPrint, StatementPrintLine


def print_line(line: PricedLine) -> StatementPrintLine:
    quantity = f"{line.quantity} {line.unit}" if line.unit else str(line.quantity)
    return StatementPrintLine(
        item_number=line.item_number,
        instrument=line.instrument,
        model=line.model,
        serial=line.serial,
        service=line.group_label,
        fee_code=line.fee_code,
        tier=" ".join(t for t in (line.tier, line.fee_range) if t),
        quantity=quantity,
        unit_price_fen=line.unit_price_fen,
        addons_fen=total_of(line.addons),
        addons_text=_("；").join(a.reason for a in line.addons),
        adjustments=tuple((a.reason, a.amount_fen) for a in line.adjustments),
        amount_fen=line.amount_fen,
        order_number=line.order_number,
    )


def statement_print(
    statement: Statement, institute: InstituteInfo, remarks: tuple[str, ...] = ()
) -> StatementPrint:
    """Everything the PDF shows; `remarks` are extra lines printed under the payment details."""
    customer = statement.customer
    contact = " ".join(t for t in (customer.contact, customer.phone) if t.strip())
    notes = list(remarks)
    if statement.replaces:
        notes.insert(
            0,
            _("本清单替代 {number}，原因：{reason}").format(
                number=statement.replaces, reason=statement.replace_reason
            ),
        )
    details = statement.payment_details
    return StatementPrint(
        number=statement.number,
        institute=institute,
        customer_name=customer.name,
        issued_on=statement.date,
        lines=tuple(print_line(line) for line in statement.lines),
        subtotals=tuple((s.label, s.amount_fen) for s in statement.subtotals),
        total_fen=statement.total_fen,
        total_capitals=statement.total_capitals,
        clerk=statement.clerk,
        payee=PayeeInfo(details.payee, details.bank, details.account, details.note),
        customer_code=customer.credit_code,
        customer_contact=contact,
        order_numbers=statement.order_numbers,
        remarks=tuple(notes),
    )
