"""Billing: the fee clerk's actions on the database (the pure rules are in `counter.billing.rules`).

Every action takes (session, actor, clock, …), checks the permission (BILL;
ADMIN for fee standards and fee settings), writes the audit log and never
commits: the caller owns the session.  The parts:

- `billing_schedule`   fee standard import (row errors, nothing half-saved), versions, starter seed
- `billing_settings`   fee policy and payment details (settings table, JSON, audited)
- `billing_draft`      proposed lines of orders; the clerk's tier / price changes; live pricing
- `billing_statements` issue, void, reissue (never deleted; a reissue links the old one)
- `billing_payments`   payments, refunds, and `fees_settled` (the return gate)
- `billing_views`      issued statements as plain data
- `billing_print`      a statement's PDF and XLSX
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter.billing.draft import (
    BillingDraft,
    DraftLine,
    OrderRef,
    change_line,
    is_exempt,
    open_billing,
    price_draft,
    propose_lines,
)
from counter.billing.payments import fees_settled, record_payment, record_refund
from counter.billing.schedule import (
    ScheduleImportError,
    VersionSummary,
    import_fee_schedule,
    list_versions,
    load_versions,
    row_error_text,
    seed_fee_schedule,
)
from counter.billing.settings import (
    load_fee_policy,
    load_payment_details,
    save_fee_policy,
    save_payment_details,
)
from counter.billing.statements import (
    get_statement,
    issue_statement,
    reissue_statement,
    void_statement,
)
from counter.billing.views import (
    BillingTarget,
    PaymentRow,
    StatementView,
    UnbilledOrder,
    billing_target,
    statement_ids_of_order,
    statement_of_order,
    statement_view,
    unbilled_orders,
)

if TYPE_CHECKING:
    from counter.billing.printouts import statement_pdf, statement_xlsx_bytes

_PRINTOUTS = ("statement_pdf", "statement_xlsx_bytes")


def __getattr__(name: str) -> Any:
    """The printouts (reportlab, openpyxl) load when first used, not at start."""
    if name in _PRINTOUTS:
        from counter.billing import printouts

        return getattr(printouts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BillingDraft",
    "BillingTarget",
    "DraftLine",
    "OrderRef",
    "PaymentRow",
    "ScheduleImportError",
    "StatementView",
    "UnbilledOrder",
    "VersionSummary",
    "billing_target",
    "change_line",
    "fees_settled",
    "get_statement",
    "import_fee_schedule",
    "is_exempt",
    "issue_statement",
    "list_versions",
    "load_fee_policy",
    "load_payment_details",
    "load_versions",
    "open_billing",
    "price_draft",
    "propose_lines",
    "record_payment",
    "record_refund",
    "reissue_statement",
    "row_error_text",
    "save_fee_policy",
    "save_payment_details",
    "seed_fee_schedule",
    "statement_ids_of_order",
    "statement_of_order",
    "statement_pdf",
    "statement_view",
    "statement_xlsx_bytes",
    "unbilled_orders",
    "void_statement",
]
