"""A reminder letter as `printing.letter` draws it: plain frozen data, handed in by the caller."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class LetterData:
    customer: str  # the unit, on the envelope window
    recipient: str  # the contact person ("" = the unit itself)
    address: str
    subject: str
    body: str  # the rendered template text; line breaks kept
    date: datetime.date
    reference: str = ""  # the outbox message number, in the footer
