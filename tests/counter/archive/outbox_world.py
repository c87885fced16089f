"""Customers with ledger entries falling due, for the outbox tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select

from counter.archive.rules.due import DueState
from counter.archive.rules.messages import DueCustomer, DueEntry
from counter.customers.records import CustomerForm, create_customer
from db.models import Instrument, InstrumentType
from tests.conftest import Counter


def add_customer(c: Counter, name: str, **fields: str) -> int:
    with c.db.action() as s:
        return create_customer(s, c.clerk, c.clock, CustomerForm(name=name, **fields)).id


def add_entries(
    c: Counter, customer_id: int, entries: Sequence[tuple[str, dt.date | None, DueState]]
) -> DueCustomer:
    """Ledger entries for `customer_id`; returns them as the due list would."""
    with c.db.action() as s:
        type_id = s.scalars(select(InstrumentType.id).order_by(InstrumentType.id)).first()
        assert type_id is not None
        made = []
        for n, (name, due, state) in enumerate(entries):
            instrument = Instrument(
                customer_id=customer_id,
                type_id=type_id,
                serial=f"S{customer_id}-{n}-{name}",
                name=name,
                next_due=due,
                created_at=c.clock.now(),
                source="manual",
            )
            s.add(instrument)
            s.flush()
            made.append(DueEntry(instrument.id, name, due, state))
    return DueCustomer(customer_id, tuple(made))


D = dt.date
SOON, LATE, WAY_LATE = DueState.DUE_SOON, DueState.OVERDUE, DueState.ESCALATED
