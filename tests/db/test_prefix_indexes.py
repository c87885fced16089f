"""A shared PostgreSQL database created under a collation that does not order text by
code point (an ICU locale, as zh_CN or en_US would be) gets the pattern indexes of
migration 0017, and the customer search's prefixes are read from them; a C.UTF-8
database gets none (its plain indexes answer a prefix as a range)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from counter.customers.records import CustomerForm, create_customer, search_customers
from counter.startup import open_database
from db.collation import PATTERN_INDEXES
from db.engine import Database, make_engine
from db.migrate import alembic_config
from tests.conftest import PG_ADMIN_URL, make_counter

pytestmark = pytest.mark.postgres

PATTERN_NAMES = {name for name, _table, _column in PATTERN_INDEXES}


def _indexes(database: Database) -> set[str]:
    with database.session() as s:
        query = text("SELECT indexname FROM pg_indexes WHERE tablename = 'customers'")
        return set(s.scalars(query))


@pytest.fixture
def icu_url(pg_url: str) -> Iterator[str]:
    name = f"counter_icu_{uuid.uuid4().hex[:6]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            text(
                f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
                "ICU_LOCALE 'zh' LOCALE 'C.UTF-8'"
            )
        )
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_code_point_ordered_database_needs_no_pattern_indexes(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        assert not _indexes(database) & PATTERN_NAMES
    finally:
        database.dispose()


def test_an_icu_database_searches_prefixes_through_its_pattern_indexes(
    icu_url: str, password_hash: str
) -> None:
    database = open_database(icu_url, upgrade_shared=True)
    try:
        assert _indexes(database) >= PATTERN_NAMES
        counter = make_counter(database, password_hash)
        with database.action() as s:
            for k in range(40):
                form = CustomerForm(f"茌平{k:02d}号衡器站", phone=f"1391234{k:04d}")
                create_customer(s, counter.clerk, counter.clock, form)
        with database.session() as s:
            # what the clerk sees: the prefixes find their customers, in name order
            assert [h.name for h in search_customers(s, "13912340007")] == ["茌平07号衡器站"]
            assert [h.name for h in search_customers(s, "91310110")] == ["聊城计量器具有限公司"]
            found = [h.name for h in search_customers(s, "lcjl")]
            assert found[0] == "聊城计量器具有限公司"
            # and the database can read such a prefix from an index, not only by a scan
            s.execute(text("SET LOCAL enable_seqscan = off"))
            plan = " ".join(
                s.scalars(text("EXPLAIN SELECT id FROM customers WHERE phone LIKE '1391234%'"))
            )
            assert "ix_customers_phone_pattern" in plan
        # the migration's downgrade takes them away again
        engine = make_engine(icu_url)
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0016")
        engine.dispose()
        assert not _indexes(database) & PATTERN_NAMES
    finally:
        database.dispose()
