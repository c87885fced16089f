"""The due list as the recall screen first shows it: one row per customer, counted by the database.

A month's list can hold tens of thousands of ledger entries from thousands of
customers; the screen shows the customers (how many entries each, the earliest due
date, the most pressing state) and reads a customer's entries when the clerk opens
it (`counter.archive.recall.due_list` with `customer_id`).  The counting is one
GROUP BY per statement of `due_statement`, answered from the ledger's
(status, next_due, customer_id) index alone, joined to the customers.

The most pressing state of a customer's dated entries is the state of the earliest
due date (an earlier date is never less pressing, `counter.archive.rules.due`);
never-verified compulsory entries are a state of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, func, literal, null, or_, select, tuple_, union_all
from sqlalchemy.orm import Session, aliased

from counter.archive.recall import as_date, due_statement, fetched_rows
from counter.archive.reminder_rules import reminder_rules, rule_for
from counter.archive.rules.due import PRESSING, DueState, RecallRule, due_state
from db.models import Customer, Department, Instrument


@dataclass(frozen=True)
class CustomerDueSummary:
    """A customer on the due list: its details and what is due, without the entries."""

    customer_id: int
    name: str
    contact_name: str
    phone: str
    address: str
    sector: str
    owner_department: str
    entries: int  # ledger entries due (the never verified included)
    never: int  # of them, compulsory entries never verified
    first_due: dt.date | None  # the earliest due date (None: only never-verified entries)
    state: DueState  # the most pressing state of its entries


def due_summary(
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
) -> list[CustomerDueSummary]:
    """The customers `due_list` would list with the same arguments, in the same order,
    each with the count of its entries, its earliest due date and most pressing state."""
    filters: dict[str, Any] = {
        "department_id": department_id,
        "sector": sector,
        "division_prefix": division_prefix,
        "use": use,
        "customer_id": customer_id,
        "include_overdue": include_overdue,
    }
    connection = session.connection()
    dated = _counted(connection, due_statement(start, end, **filters), with_first=True)
    never = (
        _counted(connection, due_statement(start, end, never=True, **filters), with_first=False)
        if include_never
        else {}
    )
    out = _summaries(session, today, dated, never)
    out.sort(key=lambda c: (c.name, c.customer_id))
    return out


def _summaries(
    session: Session,
    today: dt.date,
    dated: dict[int, tuple[Any, ...]],
    never: dict[int, tuple[Any, ...]],
) -> list[CustomerDueSummary]:
    """The customers' rows from their counted dated and never-verified entries (`_counted`)."""
    rules = reminder_rules(session)
    by_sector: dict[str, RecallRule] = {}
    days: dict[Any, dt.date | None] = {None: None}
    states: dict[tuple[str, Any], DueState] = {}  # (sector, earliest due) -> its state
    out = []
    for cid, head in (never | dated).items():  # dated wins: it has the earliest due date
        name, contact, phone, address, sector_, owner, n, first = head
        unverified = never[cid][6] if cid in never else 0
        if cid not in dated:
            n = 0
        day = days.get(first)
        if day is None and first is not None:
            day = days[first] = as_date(first)
        state = DueState.NEVER_VERIFIED
        if day is not None:
            dated_state = states.get((sector_, first))
            if dated_state is None:
                rule = by_sector.get(sector_)
                if rule is None:
                    rule = by_sector[sector_] = rule_for(rules, sector_ or "")
                dated_state = states[sector_, first] = due_state(today, day, rule=rule)
            if not unverified or _RANK[dated_state] < _RANK[state]:
                state = dated_state
        out.append(
            CustomerDueSummary(cid, name, contact, phone, address, sector_, owner or "",
                               n + unverified, unverified, day, state)
        )  # fmt: skip
    return out


_RANK = {state: rank for rank, state in enumerate(PRESSING)}
_OWNER = aliased(Department, name="owner")


def _counted(
    connection: Connection,
    entries: Select[*tuple[Any, ...]],
    *,
    with_first: bool,
    ids: list[int] | None = None,
) -> dict[int, tuple[Any, ...]]:
    """customer id -> (name, contact, phone, address, sector, owner department, count,
    earliest due date as fetched) of the customers with entries in `entries` (of `ids`:
    read by their key, not found among every customer)."""
    statement = counted_statement(entries, with_first=with_first)
    if ids is not None:
        statement = statement.where(Customer.id.in_(ids))
    return {row[0]: row[1:] for row in fetched_rows(connection, statement)}


def counted_statement(
    entries: Select[*tuple[Any, ...]], *, with_first: bool = True
) -> Select[*tuple[Any, ...]]:
    """The customers with entries in `entries` (a `due_statement`), each with its count
    and earliest due date: the one statement the list's customer rows cost (the
    benchmark times it raw, as its baseline)."""
    first = func.min(Instrument.next_due) if with_first else null()
    counted = (
        entries.with_only_columns(
            Instrument.customer_id.label("customer_id"),
            func.count().label("n"),
            first.label("first"),
        )
        .group_by(Instrument.customer_id)
        .subquery("counted")
    )
    statement = (
        select(Customer.id, Customer.name, Customer.contact_name, Customer.phone,
               Customer.address, Customer.sector, _OWNER.name, counted.c.n, counted.c.first)
        .join(counted, counted.c.customer_id == Customer.id)
        .outerjoin(_OWNER, _OWNER.id == Customer.owner_department_id)
    )  # fmt: skip
    return statement


#: customers on a page of the recall screen's list
PAGE_SIZE = 200


def due_page(
    session: Session,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    *,
    after: CustomerDueSummary | None = None,
    limit: int = PAGE_SIZE,
    customer_ids: Collection[int] | None = None,
    department_id: int | None = None,
    sector: str | None = None,
    division_prefix: str | None = None,
    use: str | None = None,
    customer_id: int | None = None,
    include_overdue: bool = True,
    include_never: bool = True,
    walk: int = 0,
) -> list[CustomerDueSummary]:
    """Up to `limit` customers of `due_summary`'s list (the same filters; `customer_ids`
    keeps only these) that follow `after`, with the same figures: the list page by page.

    Keyset paging on (name, id): the next `walk` customers (`WALK`, or the page if
    larger) are walked in name order (their name index) and each is asked whether it has
    an entry due (its entries by the ledger's (customer, type, serial) key); where that
    does not fill the page (few customers are due), the rest is read from the due
    index's ranges, joined to the customers after the last one walked.  Then the page's
    customers alone are counted.  So the first page costs about the same whether a
    hundred customers are due or two hundred thousand, and nothing counts the whole list
    (`due_totals` does, apart).
    The order is the database's (code point order on SQLite and under PostgreSQL's
    C.UTF-8, as `due_summary` sorts in Python).
    """
    filters: dict[str, Any] = {
        "department_id": department_id,
        "sector": sector,
        "division_prefix": division_prefix,
        "use": use,
        "customer_id": customer_id,
        "include_overdue": include_overdue,
    }
    # the customer's entries by its key (`due_statement`), on both engines: PostgreSQL
    # too would read the whole window's range of the due index, for a page's 200
    keyed = [due_statement(start, end, by_customer=True, **filters)]
    ranged = [due_statement(start, end, **filters)]
    if include_never:
        keyed.append(due_statement(start, end, never=True, **filters))
        ranged.append(keyed[-1])
    connection = session.connection()
    key = (after.name, after.customer_id) if after is not None else None
    walk = walk or max(WALK, limit)
    ids, walked = _walked(connection, keyed, key, limit, walk, customer_ids)
    if len(ids) < limit and walked is not None:  # few are due: from the due index
        ids += _in_range(connection, ranged, walked, limit - len(ids), customer_ids)
    if not ids:
        return []
    # the page's entries: PostgreSQL chooses by its statistics.  SQLite has none: where
    # the walk found many due, it reads each page customer's ledger by its key (the
    # window's range is long: 35 against 170 ms at 2,000,000 items, with the overdue);
    # where it found few, the window's range (short: 25 against 80 ms for a month)
    sparse = walked is not None
    sqlite = session.get_bind().dialect.name == "sqlite"
    statements = keyed if sqlite and not sparse else ranged
    counted = [
        _counted(connection, s.where(Instrument.customer_id.in_(ids)), with_first=not n, ids=ids)
        for n, s in enumerate(statements)
    ]
    found = {
        c.customer_id: c
        for c in _summaries(session, today, counted[0], counted[1] if include_never else {})
    }
    return [found[i] for i in ids]


#: customers a page walks in name order before it reads the due ones from the due index
#: instead: the walk finds a page where a third of the customers are due (as with the
#: overdue included), the due index where few are (a month alone: one in sixteen)
WALK = 3 * PAGE_SIZE

_Key = tuple[str, int]  # a customer's (name, id), the list's order


def _following(listed: Any, key: _Key | None, customer_ids: Collection[int] | None) -> Any:
    """The customers that follow `key` in the list's order (of `customer_ids` only)."""
    statement = select(listed.id, listed.name)
    if customer_ids is not None:
        statement = statement.where(listed.id.in_(list(customer_ids)))
    if key is not None:
        name, customer_id = key
        after = tuple_(listed.name, listed.id) > tuple_(name, customer_id)
        statement = statement.where(listed.name >= name, after)  # the name alone: a range
    return statement.order_by(listed.name, listed.id)


def _walked(
    connection: Connection,
    keyed: list[Select[*tuple[Any, ...]]],
    key: _Key | None,
    limit: int,
    walk: int,
    customer_ids: Collection[int] | None,
) -> tuple[list[int], _Key | None]:
    """The due customers among the next `walk` in name order (each asked by its key
    whether it has an entry due), at most `limit`; and the last one walked when the
    walk ended before the page was full and more customers follow (None: no more)."""
    walked = _following(Customer, key, customer_ids).limit(walk).subquery("walk")
    # a scalar subquery (LIMIT 1), not EXISTS: PostgreSQL would turn an EXISTS into one
    # hashed set of every due customer, read from the due index's whole range
    has_due = or_(
        *(
            s.with_only_columns(literal(1))
            .where(Instrument.customer_id == walked.c.id)
            .limit(1)
            .scalar_subquery()
            .is_not(None)
            for s in keyed
        )
    )
    rows = fetched_rows(connection, select(walked.c.id, walked.c.name, has_due))
    ids = [row[0] for row in rows if row[2]]
    if len(ids) >= limit:
        return ids[:limit], None
    full = len(rows) == walk
    return ids, ((rows[-1][1], rows[-1][0]) if full else None)


def _in_range(
    connection: Connection,
    ranged: list[Select[*tuple[Any, ...]]],
    key: _Key,
    limit: int,
    customer_ids: Collection[int] | None,
) -> list[int]:
    """Up to `limit` due customers after `key`, their ids read from the due index's
    ranges (every due customer's, each page: cheap where few are due)."""
    due = union_all(*(s.with_only_columns(Instrument.customer_id) for s in ranged))
    listed = aliased(Customer, name="listed")
    page = _following(listed, key, customer_ids).where(listed.id.in_(due)).limit(limit)
    return [row[0] for row in fetched_rows(connection, page)]


@dataclass(frozen=True)
class DueTotals:
    """What the whole list holds: its customers and their entries (`summary_count`)."""

    customers: int
    entries: int


def due_totals(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    customer_ids: Collection[int] | None = None,
    department_id: int | None = None,
    sector: str | None = None,
    division_prefix: str | None = None,
    use: str | None = None,
    customer_id: int | None = None,
    include_overdue: bool = True,
    include_never: bool = True,
) -> DueTotals:
    """How many customers `due_summary` lists with these filters and how many entries they
    have, counted by the database from the ledger's due index (no customer row read)."""
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
        statements.append(due_statement(start, end, never=True, **filters))
    parts = [s.with_only_columns(Instrument.customer_id.label("customer_id")) for s in statements]
    if customer_ids is not None:
        ids = list(customer_ids)
        parts = [p.where(Instrument.customer_id.in_(ids)) for p in parts]
    entries = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("entries")
    per_customer = (
        select(func.count().label("n"))
        .select_from(entries)
        .group_by(entries.c.customer_id)
        .subquery("per_customer")
    )
    customers, n = session.execute(
        select(func.count(), func.coalesce(func.sum(per_customer.c.n), 0))
    ).one()
    return DueTotals(int(customers), int(n))


def summary_count(customers: list[CustomerDueSummary]) -> int:
    """Ledger entries on the list (as `counter.archive.recall.due_count` counts them)."""
    return sum(c.entries for c in customers)
