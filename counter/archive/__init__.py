"""The customer's instrument ledger and recall (档案与召回).

What each customer owns, when each instrument falls due, and the reminders sent
before it does.  Database actions live in this package; the pure rules (due
dates, recall windows) in `rules/`.
"""
