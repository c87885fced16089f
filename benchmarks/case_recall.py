"""Recall and the customer's file on the full ledger (a ledger entry for every item).

`recall_due_month_ms`: what the recall screen waits for before it is usable, for the
due list of the month after the benchmarks' "now", all customers, overdue entries left
out (they are a list of their own): its first page of customers, each with its count,
earliest due date and state (`counter.archive.due_summary.due_page`, 200 customers in
name order).  The totals (customers, entries) are counted after the first page has
come, off the UI thread (`recall_due_month_totals_ms`, no goal); a later page (the
sixth, `recall_due_month_later_page_ms`) is read as the clerk scrolls.  The baseline
is the page's own statements, as SQLAlchemy sent them, replayed through a plain
`sqlite3` connection (psycopg on PostgreSQL) in the same run.  Printed without a goal:
the screen's default list's first page (with the overdue and the never verified,
`recall_due_default_first_page_ms`), the whole list as the screen read it before it
paged (`recall_due_month_whole_list_ms`, `due_summary`, with its one GROUP BY raw),
one customer expanded (`recall_customer_expand_ms`, the busiest), every entry of the
month (what the export and the batch read) and the list with every overdue entry added.
`customer_file_open_ms`: `counter.archive.customer_file.customer_file` for the
customer with the most orders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.dialects import postgresql, sqlite

from benchmarks.context import Bench, Case
from benchmarks.dataset import NOW
from benchmarks.measure import Metric, median, ms, time_repeat
from counter.archive.customer_file import customer_file
from counter.archive.due_summary import (
    PAGE_SIZE,
    counted_statement,
    due_page,
    due_summary,
    due_totals,
    summary_count,
)
from counter.archive.recall import due_count, due_list, due_statement
from counter.archive.rules.due import add_months, month_window
from db.models import Order

REPEAT = 7


def _month() -> tuple[dt.date, dt.date]:
    following = add_months(NOW.date().replace(day=1), 1)
    return month_window(following.year, following.month)


def _raw(statement: Any, engine: str = "sqlite") -> tuple[str, Any]:
    """The statement's SQL and parameters for sqlite3 (``?``, dates as text) or psycopg
    (``%(name)s``, a dict: psycopg adapts the dates itself)."""
    if engine == "postgresql":
        compiled = statement.compile(dialect=postgresql.psycopg.dialect())
        return str(compiled), dict(compiled.params)
    compiled = statement.compile(dialect=sqlite.dialect())
    params = [compiled.params[name] for name in compiled.positiontup]
    return str(compiled), [p.isoformat() if isinstance(p, dt.date) else p for p in params]


def _plan(conn: Any, engine: str, sql: str, params: Any) -> str:
    if engine == "postgresql":
        return " / ".join(r[0].strip() for r in conn.execute("EXPLAIN " + sql, params))
    return " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


@contextmanager
def _sent(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """The statements SQLAlchemy sends to the driver meanwhile, with their parameters."""
    sent: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, sql: str, params: Any, *_args: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):  # not the session's BEGIN
            sent.append((sql, params))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def recall_due_month(bench: Bench) -> Iterator[Metric]:
    database, today = bench.database, NOW.date()
    start, end = _month()

    def page(after: Any = None, **filters: Any) -> Any:
        with database.session() as session:
            return due_page(session, today, start, end, after=after, **filters)

    month: dict[str, Any] = {"include_overdue": False}
    first = page(**month)
    times = time_repeat(lambda: page(**month), REPEAT)
    with database.session() as session:
        totals = due_totals(session, start, end, **month)
    extra = (("month", start.isoformat()[:7]), ("page", len(first)),
             ("customers", totals.customers), ("entries", totals.entries),
             ("runs", REPEAT))  # fmt: skip
    yield Metric("recall_due_month_ms", round(ms(median(times)), 1), "ms",
                 note="what the screen waits for: the first page of customers",
                 extra=extra)  # fmt: skip
    with _sent(database.engine) as sent:
        page(**month)
    with bench.raw_connection() as conn:
        raw = time_repeat(lambda: [conn.execute(sql, p).fetchall() for sql, p in sent], REPEAT)
        plans = [_plan(conn, bench.engine, sql, p) for sql, p in sent]
    through = "psycopg" if bench.engine == "postgresql" else "sqlite3"
    yield Metric("recall_due_month_raw_sql_ms", round(ms(median(raw)), 1), "ms",
                 note=f"baseline: the first page's {len(sent)} statements through {through}",
                 extra=(("plan", " // ".join(plans)),))  # fmt: skip

    def count() -> Any:
        with database.session() as session:
            return due_totals(session, start, end, **month)

    counted = time_repeat(count, REPEAT)
    yield Metric("recall_due_month_totals_ms", round(ms(median(counted)), 1), "ms",
                 note="no goal: the list's totals, counted off the UI thread after the first "
                      "page")  # fmt: skip
    after, pages = None, 0
    while pages < 5:
        shown = page(after, **month)
        if len(shown) < PAGE_SIZE:
            break
        after, pages = shown[-1], pages + 1
    later = time_repeat(lambda: page(after, **month), REPEAT)
    yield Metric("recall_due_month_later_page_ms", round(ms(median(later)), 1), "ms",
                 note="no goal: a later page, read as the clerk scrolls",
                 extra=(("pages_before", pages),))  # fmt: skip
    default = time_repeat(page, REPEAT)
    with database.session() as session:
        everything = due_totals(session, start, end)
    yield Metric("recall_due_default_first_page_ms", round(ms(median(default)), 1), "ms",
                 note="no goal: the screen's default list (overdue and never verified included)",
                 extra=(("customers", everything.customers),
                        ("entries", everything.entries)))  # fmt: skip
    yield from _whole_list(bench, start, end)


def _whole_list(bench: Bench, start: dt.date, end: dt.date) -> Iterator[Metric]:
    """The figures of the whole list, as the screen read it before it paged."""
    database, today = bench.database, NOW.date()

    def summary() -> Any:
        with database.session() as session:
            return due_summary(session, today, start, end, include_overdue=False)

    def month_list(overdue: bool, customer_id: int | None = None) -> Any:
        with database.session() as session:
            return due_list(session, today, start, end, include_overdue=overdue,
                            customer_id=customer_id)  # fmt: skip

    found = summary()
    times = time_repeat(summary, REPEAT)
    extra = (("customers", len(found)), ("entries", summary_count(found)))
    yield Metric("recall_due_month_whole_list_ms", round(ms(median(times)), 1), "ms",
                 note="no goal: every customer of the month at once (the screen before it paged)",
                 extra=extra)  # fmt: skip
    due = counted_statement(due_statement(start, end, include_overdue=False))
    sql, params = _raw(due, bench.engine)
    with bench.raw_connection() as conn:
        raw = time_repeat(lambda: conn.execute(sql, params).fetchall(), REPEAT)
        plan = _plan(conn, bench.engine, sql, params)
    yield Metric("recall_due_month_whole_list_raw_sql_ms", round(ms(median(raw)), 1), "ms",
                 note="no goal: the whole list's customers with their counts, one statement raw",
                 extra=(("plan", plan),))  # fmt: skip
    busiest = max(found, key=lambda c: c.entries)
    opened = time_repeat(lambda: month_list(False, busiest.customer_id), REPEAT)
    yield Metric("recall_customer_expand_ms", round(ms(median(opened)), 1), "ms",
                 note="no goal: one customer's entries, read when the clerk expands it",
                 extra=(("entries", busiest.entries),))  # fmt: skip
    entries = month_list(False)
    whole = time_repeat(lambda: month_list(False), 3)
    yield Metric("recall_due_month_entries_ms", round(ms(median(whole)), 1), "ms",
                 note="no goal: every entry of the month read (the export, the batch)",
                 extra=(("entries", due_count(entries)),))  # fmt: skip
    everything = month_list(True)
    slow = time_repeat(lambda: month_list(True), 3)
    yield Metric("recall_due_month_with_overdue_ms", round(ms(median(slow)), 1), "ms",
                 note="no goal: every overdue entry of the ledger added",
                 extra=(("entries", due_count(everything)),))  # fmt: skip


def customer_file_open(bench: Bench) -> Iterator[Metric]:
    database, today = bench.database, NOW.date()
    with database.session() as session:
        busiest, orders = session.execute(
            select(Order.customer_id, func.count())
            .group_by(Order.customer_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()

    def open_file() -> Any:
        with database.session() as session:
            return customer_file(session, busiest, today)

    opened = open_file()
    times = time_repeat(open_file, 20, warmup=2)
    extra = (("customer_id", busiest), ("orders", orders), ("ledger_shown", len(opened.ledger)),
             ("cut", ",".join(sorted(opened.more))))  # fmt: skip
    yield Metric("customer_file_open_ms", round(ms(median(times)), 1), "ms", extra=extra)


CASES = (
    Case(
        "recall_due_month",
        (
            "recall_due_month_ms",
            "recall_due_month_raw_sql_ms",
            "recall_due_month_totals_ms",
            "recall_due_month_later_page_ms",
            "recall_due_default_first_page_ms",
            "recall_due_month_whole_list_ms",
            "recall_due_month_whole_list_raw_sql_ms",
            "recall_customer_expand_ms",
            "recall_due_month_entries_ms",
            "recall_due_month_with_overdue_ms",
        ),
        recall_due_month,
        postgresql=True,
    ),
    Case("customer_file_open", ("customer_file_open_ms",), customer_file_open, postgresql=True),
)
