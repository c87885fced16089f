"""The one-statement save on PostgreSQL stays a statement psycopg caches and prepares."""

from __future__ import annotations

import pytest
from psycopg._queries import MAX_CACHED_STATEMENT_LENGTH, MAX_CACHED_STATEMENT_PARAMS
from sqlalchemy.dialects import postgresql

from counter.intake.order_insert_pg import _statement


@pytest.mark.parametrize("audited", [False, True])
def test_the_statement_is_short_enough_to_be_cached(audited: bool) -> None:
    statement, _defaults = _statement(audited)
    compiled = statement.compile(dialect=postgresql.dialect())
    assert len(str(compiled)) <= MAX_CACHED_STATEMENT_LENGTH
    assert len(compiled.params) <= MAX_CACHED_STATEMENT_PARAMS
