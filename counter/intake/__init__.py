"""Intake: receiving instruments into orders, numbering, labels and receipts, scans, item states,
voids and corrections."""
