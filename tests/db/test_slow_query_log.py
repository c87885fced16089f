"""A query slower than 200 ms is logged with its plan; a quick one is not (both databases).

The slow statements are real and deliberately slow: two million rows counted by a
recursive query on SQLite, ``pg_sleep`` on PostgreSQL."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from db.engine import Database
from db.slow_queries import SLOW_QUERY_S

SLOW_SQLITE = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < :rows) "
    "SELECT count(*) FROM n"
)


def _slow(database: Database) -> tuple[str, dict[str, object]]:
    if database.is_sqlite:
        return SLOW_SQLITE, {"rows": 2_000_000}
    return "SELECT pg_sleep(:seconds)", {"seconds": SLOW_QUERY_S + 0.1}


def test_a_slow_query_is_logged_with_its_plan(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    statement, params = _slow(database)
    with (
        caplog.at_level(logging.WARNING, logger="counter.slow_query"),
        database.session() as session,
    ):
        session.execute(text(statement), params).all()
        # the transaction is still good after the plan was read
        assert session.execute(text("SELECT 1")).scalar() == 1
    records = [r for r in caplog.records if r.name == "counter.slow_query"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert message.startswith("slow query (")
    assert statement.split()[0] in message
    if database.is_sqlite:
        assert "RECURSIVE STEP" in message and "SCAN n" in message  # EXPLAIN QUERY PLAN
    else:
        assert "Result  (cost=" in message  # EXPLAIN


def test_a_slow_read_in_autocommit_is_answered_and_logged(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """The scan and the customer search read in autocommit: a slow one there still gives
    the clerk its answer, and its plan is logged (PostgreSQL refuses a savepoint there)."""
    statement, params = _slow(database)
    with (
        caplog.at_level(logging.WARNING, logger="counter.slow_query"),
        database.read_connection() as conn,
    ):
        assert len(conn.execute(text(statement), params).all()) == 1
        assert conn.execute(text("SELECT 1")).scalar() == 1
    records = [r for r in caplog.records if r.name == "counter.slow_query"]
    assert len(records) == 1
    assert "(no plan" not in records[0].getMessage()


def test_quick_queries_are_not_logged(database: Database, caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="counter.slow_query"),
        database.session() as session,
    ):
        for _ in range(20):
            session.execute(text("SELECT 1")).all()
    assert [r for r in caplog.records if r.name == "counter.slow_query"] == []
