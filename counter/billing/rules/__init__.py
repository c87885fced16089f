"""Fees: the fee standard, fee lines priced by policy, statements and payments.

Pure rules over frozen dataclasses: no database, no Qt, no I/O (except reading
bytes handed in).  Money is integer fen (`counter.money`), percentages are
`Decimal`; no floats.  Every line and every adjustment carries a code and a
reason a person reads.

Modules:

- `lines`         services, extra charges, `Adjustment` (code, reason, signed fen)
- `addons`        add-on rules of a fee row (per metre over 5 m, per extra range, +50 %)
- `ranges`        measuring ranges and units ("≤100 mm", "0～150 mm", ">5 t")
- `schedule`      fee rows, import from CSV/XLSX, versions by effective date
- `schedule_io`   reading CSV/XLSX bytes into rows of text; the accepted headers
- `catalog_link`  proposing the fee row (tier) for an instrument
- `policy`        the administrator's fee policy (exemptions, surcharges, reductions)
- `pricing`       pricing one line; the fixed order of application
- `statement`     the itemised statement (检定费专用清单)
- `payments`      payments, refunds, status, "fees settled"
- `export`        the statement as XLSX
- `printout`      the statement as the plain data `printing.statement` renders

See docs/fees.md for the grammar of add-on rules and the order of application.
"""
