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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from counter.billing.payments import (
        fees_settled,
        record_payment,
        record_refund,
    )
    from counter.billing.printouts import (
        statement_pdf,
        statement_xlsx_bytes,
    )
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

_LAZY: dict[str, str] = {
    "BillingDraft": "counter.billing.draft",
    "DraftLine": "counter.billing.draft",
    "OrderRef": "counter.billing.draft",
    "change_line": "counter.billing.draft",
    "is_exempt": "counter.billing.draft",
    "open_billing": "counter.billing.draft",
    "price_draft": "counter.billing.draft",
    "propose_lines": "counter.billing.draft",
    "fees_settled": "counter.billing.payments",
    "record_payment": "counter.billing.payments",
    "record_refund": "counter.billing.payments",
    "ScheduleImportError": "counter.billing.schedule",
    "VersionSummary": "counter.billing.schedule",
    "import_fee_schedule": "counter.billing.schedule",
    "list_versions": "counter.billing.schedule",
    "load_versions": "counter.billing.schedule",
    "row_error_text": "counter.billing.schedule",
    "seed_fee_schedule": "counter.billing.schedule",
    "load_fee_policy": "counter.billing.settings",
    "load_payment_details": "counter.billing.settings",
    "save_fee_policy": "counter.billing.settings",
    "save_payment_details": "counter.billing.settings",
    "get_statement": "counter.billing.statements",
    "issue_statement": "counter.billing.statements",
    "reissue_statement": "counter.billing.statements",
    "void_statement": "counter.billing.statements",
    "BillingTarget": "counter.billing.views",
    "PaymentRow": "counter.billing.views",
    "StatementView": "counter.billing.views",
    "UnbilledOrder": "counter.billing.views",
    "billing_target": "counter.billing.views",
    "statement_ids_of_order": "counter.billing.views",
    "statement_of_order": "counter.billing.views",
    "statement_view": "counter.billing.views",
    "unbilled_orders": "counter.billing.views",
    "statement_pdf": "counter.billing.printouts",
    "statement_xlsx_bytes": "counter.billing.printouts",
}


def __getattr__(name: str) -> Any:
    """Each part loads when one of its names is first used (the start needs only the
    fee standard's seed; the printouts load reportlab and openpyxl)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
