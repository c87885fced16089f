"""Reading and writing a received order in few statements, for `counter.intake.receive`.

Several counters save orders at once into one shared database and every order's
number is taken under one lock held to the commit, so a save is a handful of Core
statements, not the unit of work: after the clerk's check, one read for everything
it needs (a request token seen before, the customer, the settings and the
calendar), then one insert each for the order, the new instruments, the items and
the print jobs.  Settings and calendar are parsed once per stored text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Select,
    String,
    Table,
    bindparam,
    func,
    insert,
    null,
    select,
    tuple_,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from counter.admin.rules.workdays import CalendarOverrides, WorkCalendar
from counter.admin.settings import SETTINGS_KEY, InstituteSettings, settings_from_text
from counter.intake.ledger_link import ledger_fields
from counter.intake.numbering import ensure_sequence, number_stored_order, placeholder_number
from counter.intake.order_insert_pg import NumberedOrder, insert_numbered_order
from counter.limits import check_rows
from db.models import CalendarDay, Customer, Instrument, Item, Order, PrintJob, Setting

_ORDERS = cast(Table, Order.__table__)
_ITEMS = cast(Table, Item.__table__)
_INSTRUMENTS = cast(Table, Instrument.__table__)
_PRINT_JOBS = cast(Table, PrintJob.__table__)

_INSERT_ORDER = insert(_ORDERS).returning(_ORDERS.c.id)
_INSERT_ITEMS = insert(_ITEMS).returning(_ITEMS.c.id, sort_by_parameter_order=True)
_INSERT_PRINT_JOBS = insert(_PRINT_JOBS)
#: the fields of an item that describe its instrument
INSTRUMENT_FIELDS = ("model", "manufacturer", "measuring_range", "accuracy_class")


@dataclass(frozen=True)
class CustomerFacts:
    name: str
    contact_name: str
    phone: str
    owned: bool  # a department owns the customer already (首问负责)


@dataclass(frozen=True)
class SaveFacts:
    """What a save checks and uses, read in one statement."""

    existing_order_id: int | None  # an order saved before with the request token
    customer: CustomerFacts | None  # None: no such customer, or no longer active
    settings: InstituteSettings
    calendar: WorkCalendar


@lru_cache(maxsize=4)
def _facts_query(dialect: str, with_token: bool) -> Select[Any]:
    day = CalendarDay.day
    day_text = func.to_char(day, "YYYY-MM-DD") if dialect == "postgresql" else day.cast(String)
    calendar = select(func.aggregate_strings(day_text + ":" + CalendarDay.kind, ","))
    settings = select(Setting.value).where(Setting.key == SETTINGS_KEY)
    existing = select(Order.id).where(Order.request_token == bindparam("token"))
    customer = [
        select(column).where(Customer.id == bindparam("customer_id")).scalar_subquery()
        for column in (
            Customer.active,
            Customer.name,
            Customer.contact_name,
            Customer.phone,
            Customer.owner_department_id,
        )
    ]
    return select(
        existing.scalar_subquery() if with_token else null(),
        *customer,
        settings.scalar_subquery(),
        calendar.scalar_subquery(),
    )


def read_facts(session: Session, customer_id: int, token: str) -> SaveFacts:
    """A previous save of `token`, the customer, the settings and the calendar."""
    query = _facts_query(session.get_bind().dialect.name, bool(token))
    row = session.execute(query, {"customer_id": customer_id, "token": token}).one()
    existing, customer_active, name, contact, phone, owner, stored, days = row
    return SaveFacts(
        existing,
        CustomerFacts(name, contact, phone, owner is not None) if customer_active else None,
        _settings(stored),
        _calendar(days),
    )


@lru_cache(maxsize=8)
def _settings(stored: str | None) -> InstituteSettings:
    return settings_from_text(stored)


@lru_cache(maxsize=8)
def _calendar(days: str | None) -> WorkCalendar:
    """The calendar of the administrator's days as read: "2026-10-08:workday,…"."""
    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    for entry in (days or "").split(","):
        if entry:
            day, kind = entry.split(":")
            (holidays if kind == "holiday" else workdays).add(dt.date.fromisoformat(day))
    return WorkCalendar(
        CalendarOverrides(holidays=frozenset(holidays), workdays=frozenset(workdays))
    )


def store_order(
    session: Session,
    order: Mapping[str, Any],
    items: Sequence[Mapping[str, Any]],
    year: int,
    audit: Mapping[str, Any] | None,
    type_names: Mapping[int, str],
) -> NumberedOrder:
    """Insert the order, the instruments seen for the first time, the items, their labels
    and the receipt, and number the order (and its items) last of all.

    `audit`: a `keyed_entry` for PostgreSQL to append with the number; the answer says
    whether it was.  `type_names`: the catalogue name a new ledger entry takes.
    """
    check_rows(_ORDERS, [{**order, "number": ""}])
    check_rows(_ITEMS, items)
    conn = session.connection()
    instruments = _instrument_ids(
        conn, order["customer_id"], items, order["received_at"], type_names
    )
    rows = [{**item, "instrument_id": inst} for item, inst in zip(items, instruments, strict=True)]
    if conn.dialect.name == "postgresql":
        stored = insert_numbered_order(conn, order, rows, year, audit)
        if stored is None:  # the year's first order
            ensure_sequence(session, f"order:{year}")
            stored = insert_numbered_order(conn, order, rows, year, audit)
        if stored is None:
            raise RuntimeError("the order sequence could not be created")
        return stored
    return _store_then_number(session, conn, order, rows, year)


def _store_then_number(
    session: Session,
    conn: Connection,
    order: Mapping[str, Any],
    items: Sequence[Mapping[str, Any]],
    year: int,
) -> NumberedOrder:
    """Write the order under a stand-in number, then number it (`number_stored_order`)."""
    stand_in = placeholder_number()
    order_id: int = conn.execute(_INSERT_ORDER, {**order, "number": stand_in}).scalar_one()
    rows = [
        {**item, "order_id": order_id, "number": stand_in + f"{item['seq']:03d}"} for item in items
    ]
    item_ids = list(conn.execute(_INSERT_ITEMS, rows).scalars())
    now = order["received_at"]
    jobs = [
        {"kind": "label", "order_id": order_id, "item_id": item_id, "status": "pending"}
        for item_id in item_ids
    ]
    jobs.append({"kind": "receipt", "order_id": order_id, "item_id": None, "status": "pending"})
    conn.execute(_INSERT_PRINT_JOBS, [{**j, "created_at": now, "updated_at": now} for j in jobs])
    number = number_stored_order(session, order_id, order["channel"], year)
    return NumberedOrder(order_id, number, audited=False)


def _instrument_ids(
    conn: Connection,
    customer_id: int,
    items: Sequence[Mapping[str, Any]],
    now: dt.datetime,
    type_names: Mapping[int, str],
) -> list[int | None]:
    """The ledger entry of every item with a serial: created from the item (see
    `counter.intake.ledger_link.ledger_fields`), or — when the customer's instrument is
    known already — found again, whatever its status (one statement when all are new).

    Two counters receiving the same new instrument at once both end up with the one row.
    """
    new: dict[tuple[int, str], dict[str, Any]] = {}
    for item in items:
        key = (item["type_id"], item["serial"])
        if key[1] and key not in new:
            new[key] = {
                "customer_id": customer_id,
                "type_id": key[0],
                "serial": key[1],
                **{f: item[f] for f in INSTRUMENT_FIELDS},
                "created_at": now,
                **ledger_fields(type_names[key[0]], item["use"], item["compulsory"], now),
            }
    if not new:
        return [None] * len(items)
    check_rows(_INSTRUMENTS, list(new.values()))
    table = _INSTRUMENTS
    insert = _pg_insert() if conn.dialect.name == "postgresql" else sqlite.insert
    created = insert(table).on_conflict_do_nothing(
        index_elements=[table.c.customer_id, table.c.type_id, table.c.serial]
    )
    rows = conn.execute(
        created.returning(table.c.type_id, table.c.serial, table.c.id), list(new.values())
    )
    known: dict[tuple[int, str], int] = {(t, s): i for t, s, i in rows}
    missing = sorted(set(new) - set(known))
    if missing:
        found = conn.execute(
            select(table.c.type_id, table.c.serial, table.c.id).where(
                table.c.customer_id == customer_id,
                tuple_(table.c.type_id, table.c.serial).in_(missing),
            )
        )
        known |= {(t, s): i for t, s, i in found}
    return [known[(i["type_id"], i["serial"])] if i["serial"] else None for i in items]


def _pg_insert() -> Any:
    """PostgreSQL's INSERT … ON CONFLICT (its dialect loads on PostgreSQL only, not at start)."""
    from sqlalchemy.dialects import postgresql

    return postgresql.insert
