"""A query slower than `SLOW_QUERY_S` is logged with its plan (logger ``counter.slow_query``).

Every statement is timed by two engine events (a clock read each, nothing more), so normal
queries do not slow down; only a slow one pays for its plan: ``EXPLAIN QUERY PLAN`` on
SQLite, ``EXPLAIN`` on PostgreSQL, run on the same connection with the same parameters
(inside a savepoint on PostgreSQL, so that a failing EXPLAIN cannot spoil the transaction).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import Engine, event

SLOW_QUERY_S = 0.2
LOGGER = logging.getLogger("counter.slow_query")
_STARTED = "counter_query_started"
_EXPLAINED = ("select", "with", "insert", "update", "delete")
_SAVEPOINT = "counter_slow_query_plan"


def log_slow_queries(engine: Engine, threshold_s: float = SLOW_QUERY_S) -> None:
    """Time every statement on `engine`; log those slower than `threshold_s` with a plan."""
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    postgres = engine.dialect.name == "postgresql"

    @event.listens_for(engine, "before_cursor_execute")
    def _started(conn: Any, _cursor: Any, _statement: str, _params: Any, *_rest: Any) -> None:
        conn.info.setdefault(_STARTED, []).append(time.perf_counter())

    @event.listens_for(engine, "after_cursor_execute")
    def _finished(
        conn: Any, cursor: Any, statement: str, params: Any, _context: Any, executemany: bool
    ) -> None:
        started = conn.info[_STARTED].pop()
        elapsed = time.perf_counter() - started
        if elapsed < threshold_s:
            return
        plan = "" if executemany else _plan(cursor.connection, explain, statement, params, postgres)
        LOGGER.warning(
            "slow query (%.0f ms): %s\nparameters: %r\nplan:\n%s",
            elapsed * 1000,
            statement,
            params,
            plan or "(no plan)",
        )


def _plan(dbapi_connection: Any, explain: str, statement: str, params: Any, postgres: bool) -> str:
    words = statement.split(None, 1)
    if not words or not words[0].lower().startswith(_EXPLAINED):
        return ""
    # a savepoint only inside a transaction: a read in autocommit (a scan, a customer
    # search) has none to spoil, and PostgreSQL refuses SAVEPOINT outside one
    guarded = postgres and _in_transaction(dbapi_connection)
    cursor = dbapi_connection.cursor()
    try:
        if guarded:
            cursor.execute(f"SAVEPOINT {_SAVEPOINT}")
        try:
            cursor.execute(explain + statement, params)
            rows = cursor.fetchall()
        except Exception as error:
            if guarded:
                cursor.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
            return f"(no plan: {error})"
        finally:
            if guarded:
                cursor.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}")
    except Exception as error:  # the plan is a help, never a new failure
        return f"(no plan: {error})"
    finally:
        cursor.close()
    return "\n".join(_plan_line(row) for row in rows)


def _in_transaction(dbapi_connection: Any) -> bool:
    """Whether a psycopg connection is inside a transaction block (not in autocommit)."""
    if getattr(dbapi_connection, "autocommit", False):
        return False
    status = getattr(getattr(dbapi_connection, "info", None), "transaction_status", None)
    return getattr(status, "name", "") == "INTRANS"


def _plan_line(row: Any) -> str:
    """SQLite's (id, parent, notused, detail) or PostgreSQL's one-column line."""
    return str(row[-1]) if len(row) == 1 else f"{row[0]:>4} {row[1]:>4} {row[-1]}"
