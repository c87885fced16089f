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
from sqlalchemy.orm import Session

from counter.admin.rules.workdays import CalendarOverrides, WorkCalendar
from counter.admin.settings import SETTINGS_KEY, InstituteSettings, settings_from_text
from counter.limits import check_rows
from db.models import CalendarDay, Customer, Instrument, Item, Order, PrintJob, Setting

_ORDERS = cast(Table, Order.__table__)
_ITEMS = cast(Table, Item.__table__)
_INSTRUMENTS = cast(Table, Instrument.__table__)
_PRINT_JOBS = cast(Table, PrintJob.__table__)

_INSERT_ORDER = insert(_ORDERS).returning(_ORDERS.c.id)
_INSERT_ITEMS = insert(_ITEMS).returning(_ITEMS.c.id, sort_by_parameter_order=True)
_INSERT_INSTRUMENTS = insert(_INSTRUMENTS).returning(
    _INSTRUMENTS.c.id, sort_by_parameter_order=True
)
_INSERT_PRINT_JOBS = insert(_PRINT_JOBS)
#: the fields of an item that describe its instrument
INSTRUMENT_FIELDS = ("model", "manufacturer", "measuring_range", "accuracy_class")


@dataclass(frozen=True)
class CustomerFacts:
    name: str
    contact_name: str
    phone: str


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
        for column in (Customer.active, Customer.name, Customer.contact_name, Customer.phone)
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
    existing, customer_active, name, contact, phone, stored, days = row
    return SaveFacts(
        existing,
        CustomerFacts(name, contact, phone) if customer_active else None,
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
    session: Session, order: Mapping[str, Any], items: Sequence[Mapping[str, Any]]
) -> tuple[int, list[int]]:
    """Insert the order, the instruments seen for the first time, the items, their labels
    and the receipt; the order's id and the items' ids."""
    check_rows(_ORDERS, [order])
    check_rows(_ITEMS, items)
    conn = session.connection()
    order_id: int = conn.execute(_INSERT_ORDER, dict(order)).scalar_one()
    now = order["received_at"]
    instruments = _instrument_ids(conn, order["customer_id"], items, now)
    rows = [
        {**item, "order_id": order_id, "instrument_id": inst}
        for item, inst in zip(items, instruments, strict=True)
    ]
    item_ids = list(conn.execute(_INSERT_ITEMS, rows).scalars())
    jobs = [
        {"kind": "label", "order_id": order_id, "item_id": item_id, "status": "pending"}
        for item_id in item_ids
    ]
    jobs.append({"kind": "receipt", "order_id": order_id, "item_id": None, "status": "pending"})
    conn.execute(_INSERT_PRINT_JOBS, [{**j, "created_at": now, "updated_at": now} for j in jobs])
    return order_id, item_ids


def _instrument_ids(
    conn: Connection, customer_id: int, items: Sequence[Mapping[str, Any]], now: dt.datetime
) -> list[int | None]:
    """The instrument of every item with a serial: found again, or created from the item."""
    keys = {(i["type_id"], i["serial"]) for i in items if i["serial"]}
    if not keys:
        return [None] * len(items)
    table = _INSTRUMENTS
    found = conn.execute(
        select(table.c.type_id, table.c.serial, table.c.id).where(
            table.c.customer_id == customer_id,
            tuple_(table.c.type_id, table.c.serial).in_(sorted(keys)),
        )
    )
    known: dict[tuple[int, str], int | None] = {(t, s): i for t, s, i in found}
    new: list[dict[str, Any]] = []
    for item in items:
        key = (item["type_id"], item["serial"])
        if key[1] and key not in known:
            known[key] = None
            new.append(
                {
                    "customer_id": customer_id,
                    "type_id": key[0],
                    "serial": key[1],
                    **{f: item[f] for f in INSTRUMENT_FIELDS},
                    "created_at": now,
                }
            )
    if new:
        check_rows(_INSTRUMENTS, new)
        created = conn.execute(_INSERT_INSTRUMENTS, new).scalars()
        for row, inst_id in zip(new, created, strict=True):
            known[(row["type_id"], row["serial"])] = inst_id
    return [known[(i["type_id"], i["serial"])] if i["serial"] else None for i in items]
