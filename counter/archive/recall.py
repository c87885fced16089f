"""The due list: ledger entries due in a window (and overdue, and never verified), by customer.

One statement reads every entry the list needs, found through the ledger's
(status, next_due) index, with its type, department and customer joined in; the
rest (due state against the customer's sector rule, grouping) happens in Python.
Entries out of use or scrapped are never due and never listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, case, false, select
from sqlalchemy.orm import Session, aliased

from counter.archive.reminder_rules import reminder_rules, rule_for
from counter.archive.rules.due import DueState, LedgerStatus, due_state
from db.models import Customer, Department, Instrument, InstrumentType


class DueEntry(NamedTuple):
    """One ledger entry on the due list (a tuple: the list may hold tens of thousands)."""

    instrument_id: int
    name: str  # 器具名称 as the ledger calls it, else the catalogue type's name
    type_name: str
    serial: str
    model: str
    measuring_range: str
    accuracy_class: str
    regulation: str
    period_months: int | None
    last_verified: dt.date | None
    next_due: dt.date | None
    state: DueState
    department_id: int
    department: str
    use: str
    compulsory: bool
    regulator_number: str  # 强管唯一性号
    location: str  # 安装/使用地点
    quantity: int
    verify_mode: str


@dataclass(frozen=True)
class CustomerDue:
    """A customer with its due entries, in due-date order (never verified first)."""

    customer_id: int
    name: str
    contact_name: str
    phone: str
    address: str
    sector: str
    owner_department: str
    entries: tuple[DueEntry, ...]


_OWNER = aliased(Department, name="owner")


def _window(start: dt.date, end: dt.date, overdue: bool, never: bool) -> ColumnElement[bool]:
    """Entries due in the window (or by its end), or the compulsory ones never verified.

    Two statements, not one with OR: each is a range of the (status, next_due) index.
    """
    due = Instrument.next_due
    if never:
        return and_(due.is_(None), Instrument.compulsory, Instrument.last_verified.is_(None))
    return due <= end if overdue else and_(due >= start, due <= end)


def due_statement(
    start: dt.date,
    end: dt.date,
    *,
    department_id: int | None = None,
    sector: str | None = None,
    division_prefix: str | None = None,
    use: str | None = None,
    customer_id: int | None = None,
    include_overdue: bool = True,
    never: bool = False,
) -> Select[*tuple[Any, ...]]:
    """A SELECT behind `due_list`: the dated entries, or (`never`) the never verified ones.

    The benchmark times the dated one raw, as its baseline.
    """
    conditions: list[ColumnElement[bool]] = [
        Instrument.status == LedgerStatus.IN_USE.value,
        _window(start, end, include_overdue, never),
    ]
    if start > end:
        conditions.append(false())
    if department_id is not None:
        conditions.append(InstrumentType.department_id == department_id)
    if sector is not None:
        conditions.append(Customer.sector == sector)
    if division_prefix:
        division = case(
            (Instrument.division_code != "", Instrument.division_code),
            else_=Customer.division_code,
        )
        conditions.append(division.startswith(division_prefix, autoescape=True))
    if use is not None:
        conditions.append(Instrument.use == use)
    if customer_id is not None:
        conditions.append(Instrument.customer_id == customer_id)
    return (
        select(
            Instrument.id,
            Instrument.name,
            InstrumentType.name,
            Instrument.serial,
            Instrument.model,
            Instrument.measuring_range,
            Instrument.accuracy_class,
            InstrumentType.regulation,
            InstrumentType.period_months,
            Instrument.last_verified,
            Instrument.next_due,
            InstrumentType.department_id,
            Department.name,
            Instrument.use,
            Instrument.compulsory,
            Instrument.regulator_number,
            Instrument.location,
            Instrument.quantity,
            Instrument.verify_mode,
            Customer.id,
            Customer.name,
            Customer.contact_name,
            Customer.phone,
            Customer.address,
            Customer.sector,
            _OWNER.name,
        )
        .select_from(Instrument)
        .join(InstrumentType, InstrumentType.id == Instrument.type_id)
        .join(Department, Department.id == InstrumentType.department_id)
        .join(Customer, Customer.id == Instrument.customer_id)
        .outerjoin(_OWNER, _OWNER.id == Customer.owner_department_id)
        .where(*conditions)
    )


def _order(entry: DueEntry) -> tuple[int, dt.date, str, str]:
    return (entry.next_due is not None, entry.next_due or dt.date.min, entry.name, entry.serial)


def due_list(
    session: Session,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    *,
    department_id: int | None = None,
    sector: str | None = None,
    division_prefix: str | None = None,
    use: str | None = None,
    customer_id: int | None = None,
    include_overdue: bool = True,
    include_never: bool = True,
) -> list[CustomerDue]:
    """Entries due from `start` to `end` (both included), grouped by customer (by name).

    `include_overdue` adds the entries due before `start`; `include_never` the
    compulsory entries never verified.  `department_id` is the department that
    verifies the type; `division_prefix` matches the entry's division code (the
    customer's when the entry has none), e.g. "3715" for a city.  Due states are
    taken on `today` with the customer's sector rule.
    """
    filters: dict[str, Any] = {
        "department_id": department_id,
        "sector": sector,
        "division_prefix": division_prefix,
        "use": use,
        "customer_id": customer_id,
        "include_overdue": include_overdue,
    }
    statements = [due_statement(start, end, **filters)]
    if include_never:
        statements.insert(0, due_statement(start, end, never=True, **filters))
    rules = reminder_rules(session)
    by_sector = {s: rule_for(rules, s) for s in {*rules, ""}}
    groups: dict[int, tuple[Any, list[DueEntry]]] = {}
    # many entries share a due date (a month has 31): each state is worked out once
    states: dict[tuple[dt.date | None, bool, str], DueState] = {}
    connection = session.connection()
    for statement in statements:
        for row in connection.execute(statement):
            group = groups.get(row[19])
            if group is None:
                group = groups[row[19]] = (row[19:], [])
            key = (row[10], row[9] is None and bool(row[14]), row[24])
            state = states.get(key)
            if state is None:
                rule = by_sector.get(row[24]) or by_sector[""]
                state = states[key] = due_state(
                    today, row[10], compulsory=key[1], verified=not key[1], rule=rule
                )
            (i, name, kind, serial, model, span, klass, regulation, period, last, due, dept_id,
             dept, use_, compulsory, regulator, location, quantity, mode) = row[:19]  # fmt: skip
            entry = (i, name or kind, kind, serial, model, span, klass, regulation, period,
                     last, due, state, dept_id, dept, use_, bool(compulsory), regulator,
                     location, quantity, mode)  # fmt: skip
            group[1].append(DueEntry(*entry))
    out = []
    for head, entries in groups.values():
        cid, name, contact, phone, address, sector_, owner = head
        entries.sort(key=_order)
        out.append(
            CustomerDue(cid, name, contact, phone, address, sector_, owner or "", tuple(entries))
        )
    out.sort(key=lambda c: (c.name, c.customer_id))
    return out


def due_count(customers: list[CustomerDue]) -> int:
    return sum(len(c.entries) for c in customers)
