"""What an action changed, so every screen showing it can refresh (after Anki's `OpChanges`).

An action's caller names what it touches; the UI broadcasts the value once the
transaction has committed, and each screen decides whether it shows any of it.
Pure: no Qt, usable from scripts that want to report what they did.
"""

from __future__ import annotations

import enum


class Change(enum.Flag):
    NOTHING = 0
    ORDERS = enum.auto()  # orders and their items: saved, voided, corrected, moved
    CUSTOMERS = enum.auto()
    CERTIFICATES = enum.auto()  # saved, imported, reviewed, reissued, voided
    STATEMENTS = enum.auto()  # fee lines, statements, payments and refunds
    RELEASES = enum.auto()  # handovers: picked up, mailed, returned unprocessed
    SETTINGS = enum.auto()  # institute settings, fee policy, printers, fonts
    FEE_STANDARDS = enum.auto()
    REGISTERS = enum.auto()  # regulations, standards, signing authorisations
    USERS = enum.auto()
    CALENDAR = enum.auto()
    PRINTS = enum.auto()  # labels and receipts printed or reprinted
    LEDGER = enum.auto()  # ledger entries, their status and due dates, notes in a customer's file
    MESSAGES = enum.auto()  # the notification outbox, its templates and the reminder rules
    FEEDBACK = enum.auto()  # customers' ratings (好差评) and complaints
    APPOINTMENTS = enum.auto()  # bookings, slot capacity and closures, sectors and their catalogue
    ONSITE = enum.auto()  # on-site jobs, their crews, vehicles and bookings; campaigns
    REPORTS = enum.auto()  # saved statistics report definitions


#: everything (after a restore or a user switch)
EVERYTHING = Change(sum(c.value for c in Change))
