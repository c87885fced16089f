"""Order and item numbers: unique, never reused, safe with several counters.

Order number = year + channel digit + 6-digit sequence (a public institute's
convention); item number = order number + 3-digit sequence; fee statement
number = "F" + year + 6-digit sequence (F2026000123); certificate number =
"JD" + year + 6-digit sequence (JD2026000123), a reissue adding "-001", "-002", …
(JD2026000123-001).  The letters keep a certificate number from ever being read as an
item or order number; certificates numbered before this series (order number + 3
digits, the shape of an item number) keep their numbers.  Sequences are
incremented with one atomic ``UPDATE … RETURNING`` inside the caller's
transaction: the row stays locked until commit, so two counters never get the
same value, and a rolled-back save gives its number back unissued.  Because that
lock serialises every counter, a save takes its number as late as it can: on
SQLite rows are written with a unique stand-in (`placeholder_number`, never a valid
number) and renumbered as the last statements before the commit; on PostgreSQL the
order is written numbered by the one statement that takes the number, its audit
entry with it (`counter.intake.order_insert_pg`), and only the commit follows.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import String, func, literal, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from counter.intake.rules.code_shapes import (
    CERTIFICATE_RE,
    ITEM_RE,
    OLD_REISSUE_RE,
    ORDER_RE,
    STATEMENT_RE,
)
from db.models import Item, NumberSequence, Order

CHANNEL_DIGITS = {"counter": "1", "appointment": "2", "mail": "3", "onsite": "4"}


#: the first character of a stand-in number; no real number starts with it
PLACEHOLDER_MARK = "~"
PLACEHOLDER_LENGTH = 20


def placeholder_number() -> str:
    """A unique stand-in for an order number until the real one is taken (20 characters;
    an item's stand-in adds its 3-digit sequence)."""
    return PLACEHOLDER_MARK + uuid.uuid4().hex[: PLACEHOLDER_LENGTH - 1]


def next_values(session: Session, key: str, count: int = 1) -> range:
    """Reserve `count` consecutive values of sequence `key` (first value is 1)."""
    if count < 1:
        raise ValueError("count must be positive")
    bump = (
        update(NumberSequence)
        .where(NumberSequence.key == key)
        .values(value=NumberSequence.value + count)
        .returning(NumberSequence.value)
    )
    last = session.execute(bump).scalar()
    if last is None:
        ensure_sequence(session, key)
        last = session.execute(bump).scalar_one()
    return range(last - count + 1, last + 1)


def ensure_sequence(session: Session, key: str) -> None:
    """Create sequence `key` at 0 unless it exists (a new year's first number)."""
    dialect = session.get_bind().dialect.name
    insert = _pg_insert() if dialect == "postgresql" else sqlite.insert
    session.execute(insert(NumberSequence).values(key=key, value=0).on_conflict_do_nothing())


def order_number(year: int, channel: str, seq: int) -> str:
    return f"{year:04d}{CHANNEL_DIGITS[channel]}{seq:06d}"


def item_number(order_no: str, seq: int) -> str:
    if not 1 <= seq <= 999:
        raise ValueError("an order holds at most 999 items")
    return f"{order_no}{seq:03d}"


def new_order_number(session: Session, year: int, channel: str) -> str:
    (seq,) = next_values(session, f"order:{year}")
    return order_number(year, channel, seq)


#: CTEs `seq` and `num (number)`: the next order number of sequence :key, :prefix before it
#: (no row when the sequence does not exist yet: `ensure_sequence`)
ORDER_NUMBER_CTES = """
    seq AS (
        UPDATE number_sequences SET value = value + 1 WHERE key = :key RETURNING value
    ), num AS (
        SELECT :prefix || CASE WHEN value < 1000000 THEN lpad(value::text, 6, '0')
                               ELSE value::text END AS number
        FROM seq
    )"""


def number_stored_order(session: Session, order_id: int, channel: str, year: int) -> str:
    """Number an order stored under a stand-in, and its items: the save's last writes.

    From here to the commit the sequence row is locked for every other counter, so
    this is plain statements, with no unit-of-work flush.  Objects of the order already
    in the session are not updated.  (On PostgreSQL a save writes the order numbered in
    one statement instead: `counter.intake.order_insert_pg`.)
    """
    return _renumber(session, order_id, year, channel)


def _renumber(session: Session, order_id: int, year: int, channel: str) -> str:
    number = new_order_number(session, year, channel)
    session.execute(
        update(Order)
        .where(Order.id == order_id)
        .values(number=number)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Item)
        .where(Item.order_id == order_id)
        .values(number=literal(number, String) + func.substr(Item.number, PLACEHOLDER_LENGTH + 1))
        .execution_options(synchronize_session=False)
    )
    return number


def statement_number(year: int, seq: int) -> str:
    return f"F{year:04d}{seq:06d}"


def new_statement_number(session: Session, year: int) -> str:
    (seq,) = next_values(session, f"statement:{year}")
    return statement_number(year, seq)


def certificate_number(year: int, seq: int) -> str:
    if not 1 <= seq <= 999_999:
        raise ValueError("at most 999999 certificates a year")
    return f"JD{year:04d}{seq:06d}"


def new_certificate_number(session: Session, year: int) -> str:
    (seq,) = next_values(session, f"certificate:{year}")
    return certificate_number(year, seq)


def classify(code: str) -> str:
    """ "order", "item", "statement", "certificate" or "" for a scanned code."""
    if CERTIFICATE_RE.match(code) or OLD_REISSUE_RE.match(code):
        return "certificate"
    if ORDER_RE.match(code):
        return "order"
    if ITEM_RE.match(code):
        return "item"
    if STATEMENT_RE.match(code):
        return "statement"
    return ""


def _pg_insert() -> Any:
    """PostgreSQL's INSERT … ON CONFLICT (its dialect loads on PostgreSQL only, not at start)."""
    from sqlalchemy.dialects import postgresql

    return postgresql.insert
