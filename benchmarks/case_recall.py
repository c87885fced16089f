"""Recall and the customer's file on the full ledger (a ledger entry for every item).

`recall_due_month_ms`: the due list of the month after the benchmarks' "now", all
customers, as the recall screen asks for it: one row per customer with its count,
earliest due date and state (`counter.archive.due_summary.due_summary`, overdue
entries left out: they are a list of their own); a customer's entries are read when
the clerk expands it (`recall_customer_expand_ms`, the busiest customer).  The
baseline is the per-customer count's rows fetched through a plain `sqlite3`
connection (psycopg on PostgreSQL), in the same run; every entry of the month (what
the export and the batch read) and the list with every overdue entry added are printed
without a goal.
`customer_file_open_ms`: `counter.archive.customer_file.customer_file` for the
customer with the most orders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from benchmarks.context import Bench, Case
from benchmarks.dataset import NOW
from benchmarks.measure import Metric, median, ms, time_repeat
from counter.archive.customer_file import customer_file
from counter.archive.due_summary import counted_statement, due_summary, summary_count
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


def recall_due_month(bench: Bench) -> Iterator[Metric]:
    database, today = bench.database, NOW.date()
    start, end = _month()

    def summary() -> Any:
        with database.session() as session:
            return due_summary(session, today, start, end, include_overdue=False)

    def month_list(overdue: bool, customer_id: int | None = None) -> Any:
        with database.session() as session:
            return due_list(session, today, start, end, include_overdue=overdue,
                            customer_id=customer_id)  # fmt: skip

    found = summary()
    times = time_repeat(summary, REPEAT)
    extra = (("month", start.isoformat()[:7]), ("customers", len(found)),
             ("entries", summary_count(found)), ("runs", REPEAT))  # fmt: skip
    yield Metric("recall_due_month_ms", round(ms(median(times)), 1), "ms", extra=extra)
    due = counted_statement(due_statement(start, end, include_overdue=False))
    sql, params = _raw(due, bench.engine)
    with bench.raw_connection() as conn:
        raw = time_repeat(lambda: conn.execute(sql, params).fetchall(), REPEAT)
        plan = _plan(conn, bench.engine, sql, params)
    through = "psycopg" if bench.engine == "postgresql" else "sqlite3"
    yield Metric("recall_due_month_raw_sql_ms", round(ms(median(raw)), 1), "ms",
                 note=f"baseline: the customers with their counts, one statement through {through}",
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
        ("recall_due_month_ms", "recall_due_month_raw_sql_ms", "recall_due_month_with_overdue_ms"),
        recall_due_month,
        postgresql=True,
    ),
    Case("customer_file_open", ("customer_file_open_ms",), customer_file_open, postgresql=True),
)
