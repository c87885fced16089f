"""Handover numbers: "R" + year + 6-digit sequence (R2026000123), like statement numbers.

Drawn from `counter.intake.numbering.next_values` inside the caller's transaction, so
two counters never issue the same number and a rolled-back handover gives its
number back unissued.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter.intake.numbering import next_values
from counter.intake.rules.code_shapes import RELEASE_RE


def release_number(year: int, seq: int) -> str:
    return f"R{year:04d}{seq:06d}"


def new_release_number(session: Session, year: int) -> str:
    (seq,) = next_values(session, f"release:{year}")
    return release_number(year, seq)


def is_release_number(code: str) -> bool:
    return RELEASE_RE.match(code) is not None
