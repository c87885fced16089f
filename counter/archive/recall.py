"""The due list: ledger entries due in a window (and overdue, and never verified), by customer.

One statement reads the entries' own columns, found through the ledger's
(status, next_due) index; the types (a few dozen) and the customers (one per
many entries) are read once each in statements of their own; the rest (due state
against the customer's sector rule, grouping) happens in Python.
Entries out of use or scrapped are never due and never listed.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Select, and_, case, false, func, select
from sqlalchemy.orm import Session, aliased

from counter.archive.reminder_rules import reminder_rules, rule_for
from counter.archive.rules.due import DueState, LedgerStatus, RecallRule, due_state
from db.models import Customer, Department, Instrument, InstrumentType


class DueEntry(NamedTuple):
    """One ledger entry on the due list (a tuple: the list may hold tens of thousands).

    Only what the list shows and drafting needs: the printouts' columns are read
    for the entries they print by `due_details`.
    """

    instrument_id: int
    name: str  # 器具名称 as the ledger calls it, else the catalogue type's name
    type_name: str
    serial: str
    last_verified: dt.date | None
    next_due: dt.date | None
    state: DueState
    department_id: int
    department: str
    use: str
    compulsory: bool
    location: str  # 安装/使用地点
    quantity: int


class DueDetail(NamedTuple):
    """The columns of a due entry only the printouts and the spreadsheet show."""

    model: str
    measuring_range: str
    accuracy_class: str
    regulation: str
    period_months: int | None
    regulator_number: str  # 强管唯一性号
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
# customers are read in batches of this many ids (well under every driver's parameter limit)
CUSTOMER_BATCH = 1000


def _window(
    start: dt.date, end: dt.date, overdue: bool, never: bool, by_customer: bool = False
) -> ColumnElement[bool]:
    """Entries due in the window (or by its end), or the compulsory ones never verified.

    Two statements, not one with OR: each is a range of the (status, next_due) index
    (`by_customer`: the date as coalesce(next_due, next_due), which no index answers).
    """
    due: Any = Instrument.next_due
    if by_customer and not never:
        due = func.coalesce(Instrument.next_due, Instrument.next_due)
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
    by_customer: bool = False,
) -> Select[*tuple[Any, ...]]:
    """A SELECT behind `due_list`: the dated entries, or (`never`) the never verified ones.

    Only the ledger's own columns, with the type and customer ids: the types (a few
    dozen) and the customers (one per many entries) are read once each by `due_list`
    rather than joined into every row; they are joined only to filter by them.  The
    benchmark times this statement raw, as its baseline.

    `by_customer`: the dated entries of a few customers are wanted (the caller adds
    them), to be found by the customer's key: the status and the due date are tested as
    expressions no index answers (`status || ''`, a coalesce), which keeps SQLite (it
    has no statistics) and PostgreSQL (it guesses a few rows) from reading the whole
    window's range of the due index for each customer or page.  The never-verified
    entries are (status, NULL, customer) in that index already.
    """
    status: Any = Instrument.status
    if by_customer and not never:
        status = Instrument.status.concat("")
    conditions: list[ColumnElement[bool]] = [
        status == LedgerStatus.IN_USE.value,
        _window(start, end, include_overdue, never, by_customer),
    ]
    if start > end:
        conditions.append(false())
    statement = select(
        Instrument.id,
        Instrument.name,
        Instrument.type_id,
        Instrument.serial,
        Instrument.last_verified,
        Instrument.next_due,
        Instrument.use,
        Instrument.compulsory,
        Instrument.location,
        Instrument.quantity,
        Instrument.customer_id,
    ).select_from(Instrument)
    if department_id is not None:
        statement = statement.join(InstrumentType, InstrumentType.id == Instrument.type_id)
        conditions.append(InstrumentType.department_id == department_id)
    if sector is not None or division_prefix:
        statement = statement.join(Customer, Customer.id == Instrument.customer_id)
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
    return statement.where(*conditions)


class _Type(NamedTuple):
    name: str
    department_id: int
    department: str


def _types(connection: Connection) -> dict[int, _Type]:
    found = connection.execute(
        select(
            InstrumentType.id,
            InstrumentType.name,
            InstrumentType.department_id,
            Department.name,
        ).join(Department, Department.id == InstrumentType.department_id)
    )
    return {row[0]: _Type(*row[1:]) for row in found}


def due_details(session: Session, instrument_ids: Iterable[int]) -> dict[int, DueDetail]:
    """The printouts' columns of these ledger entries, by instrument id."""
    ids = list(instrument_ids)
    columns = (Instrument.id, Instrument.model, Instrument.measuring_range,
               Instrument.accuracy_class, InstrumentType.regulation, InstrumentType.period_months,
               Instrument.regulator_number, Instrument.verify_mode)  # fmt: skip
    out: dict[int, DueDetail] = {}
    for at in range(0, len(ids), CUSTOMER_BATCH):
        statement = (
            select(*columns)
            .join(InstrumentType, InstrumentType.id == Instrument.type_id)
            .where(Instrument.id.in_(ids[at : at + CUSTOMER_BATCH]))
        )
        out.update((row[0], DueDetail(*row[1:])) for row in session.execute(statement))
    return out


def customer_heads(connection: Connection, ids: list[int]) -> list[tuple[Any, ...]]:
    """(id, name, contact, phone, address, sector, owner department) of each customer in `ids`."""
    out: list[tuple[Any, ...]] = []
    columns = (Customer.id, Customer.name, Customer.contact_name, Customer.phone,
               Customer.address, Customer.sector, _OWNER.name)  # fmt: skip
    for at in range(0, len(ids), CUSTOMER_BATCH):
        statement = (
            select(*columns)
            .outerjoin(_OWNER, _OWNER.id == Customer.owner_department_id)
            .where(Customer.id.in_(ids[at : at + CUSTOMER_BATCH]))
        )
        out.extend(fetched_rows(connection, statement))
    return out


def fetched_rows(connection: Connection, statement: Select[*tuple[Any, ...]]) -> list[Any]:
    """The rows as the driver returns them (plain tuples, no result processing: a date
    may be an ISO string, see `_day`).  SQLAlchemy executes the statement (binding its
    parameters), but making its Row objects would cost as much as the driver's fetch."""
    result = connection.execute(statement)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def as_date(value: Any) -> dt.date | None:
    """A date column's value as fetched: a date (PostgreSQL), an ISO string (SQLite) or None."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


_new = tuple.__new__  # a NamedTuple without its Python-level __new__
_ORDER = attrgetter("next_due", "name", "serial")
# a due state by (the customer's rule, never verified or not) and due date
_States = dict[tuple[RecallRule, bool], dict[dt.date | None, DueState]]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The list allocates tens of thousands of small objects and no reference cycles:
    the cyclic collector's passes while it is built would cost a third of the time
    (as in `counter.certificates.batch`).  Only paused, never frozen: a domain query
    does not hide the rest of the program from the collector."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    statements = [(due_statement(start, end, **filters), False)]
    if include_never:
        statements.insert(0, (due_statement(start, end, never=True, **filters), True))
    connection = session.connection()
    rules = reminder_rules(session)
    default = rule_for(rules, "")  # the rule of every sector without its own
    own = {sector: rule for sector, rule in rules.items() if rule != default}
    types = _types(connection)
    # many entries share a due date (a month has 31): each state is worked out once
    states: _States = {}
    # entries by customer, each statement's apart: the never verified come first
    groups: dict[int, list[list[DueEntry]]] = {}
    days: dict[Any, dt.date | None] = {}
    with _gc_paused():
        for n, (statement, never) in enumerate(statements):
            by_due = states.setdefault((default, never), {})
            # a fetched due date -> (the date, its state); a fetched date -> the date
            dues: dict[Any, tuple[dt.date | None, DueState]] = {}
            for row in fetched_rows(connection, statement):
                (i, name, type_id, serial, last, due, use_, compulsory, location, quantity,
                 cid) = row  # fmt: skip
                parts = groups.get(cid)
                if parts is None:
                    parts = groups[cid] = [[] for _ in statements]
                known = dues.get(due)
                if known is None:
                    day = as_date(due)
                    known = dues[due] = (day, _state(by_due, today, day, default, never))
                verified = days.get(last)
                if verified is None and last is not None:
                    verified = days[last] = as_date(last)
                kind, dept_id, dept = types[type_id]
                parts[n].append(
                    _new(DueEntry, (i, name or kind, kind, serial, verified, known[0], known[1],
                                    dept_id, dept, use_, bool(compulsory), location, quantity))
                )  # fmt: skip
        out = []
        for head in customer_heads(connection, list(groups)):
            cid, name, contact, phone, address, sector_, owner = head
            rule = own.get(sector_)
            entries: list[DueEntry] = []
            for part, (_statement, never) in zip(groups[cid], statements, strict=True):
                if rule is not None:  # a sector with a rule of its own
                    by_due = states.setdefault((rule, never), {})
                    part = [_restated(e, by_due, today, rule, never) for e in part]
                if len(part) > 1:
                    part.sort(key=_ORDER)
                entries += part
            out.append(
                CustomerDue(
                    cid, name, contact, phone, address, sector_, owner or "", tuple(entries)
                )
            )
    out.sort(key=lambda c: (c.name, c.customer_id))
    return out


def _state(
    by_due: dict[dt.date | None, DueState],
    today: dt.date,
    due: dt.date | None,
    rule: RecallRule,
    never: bool,
) -> DueState:
    state = by_due[due] = due_state(today, due, compulsory=never, verified=not never, rule=rule)
    return state


def _restated(
    entry: DueEntry,
    by_due: dict[dt.date | None, DueState],
    today: dt.date,
    rule: RecallRule,
    never: bool,
) -> DueEntry:
    state = by_due.get(entry.next_due)
    if state is None:
        state = _state(by_due, today, entry.next_due, rule, never)
    return entry._replace(state=state)


def due_count(customers: list[CustomerDue]) -> int:
    return sum(len(c.entries) for c in customers)
