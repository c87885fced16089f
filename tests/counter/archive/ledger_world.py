"""Ledger entries written straight into the table, for the recall tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.archive.rules.due import next_due
from counter.clock import Clock
from counter.customers.records import CustomerForm, create_customer
from db.models import Instrument, InstrumentType
from tests.conftest import Counter


def type_of(session: Session, name: str) -> InstrumentType:
    return session.scalars(select(InstrumentType).where(InstrumentType.name == name)).one()


def add_entry(
    session: Session,
    clock: Clock,
    customer_id: int,
    type_name: str,
    serial: str,
    last_verified: dt.date | None,
    *,
    compulsory: bool = False,
    status: str = "in_use",
    location: str = "",
    use: str = "",
    regulator_number: str = "",
    division_code: str = "",
    name: str = "",
    due: dt.date | None = None,
) -> Instrument:
    kind = type_of(session, type_name)
    entry = Instrument(
        customer_id=customer_id,
        type_id=kind.id,
        serial=serial,
        model="XK-" + serial,
        measuring_range="(0~30)kg",
        accuracy_class="III",
        created_at=clock.now(),
        name=name,
        compulsory=compulsory,
        status=status,
        location=location,
        use=use,
        regulator_number=regulator_number,
        division_code=division_code,
        last_verified=last_verified,
        next_due=due or next_due(last_verified, kind.period_months, None),
        source="manual",
    )
    session.add(entry)
    session.flush()
    return entry


def add_customer(c: Counter, name: str, sector: str = "", address: str = "") -> int:
    with c.db.action() as session:
        customer = create_customer(
            session,
            c.clerk,
            c.clock,
            CustomerForm(name=name, sector=sector, address=address, contact_name="李四",
                         phone="0635-1234567"),
        )  # fmt: skip
        return customer.id
