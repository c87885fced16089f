"""The benchmark database on PostgreSQL, built once and cached in a database of its own.

The rows are the SQLite build's (`benchmarks.dataset.generate`: the same generators
and seed, so both engines hold the same data), written with COPY through psycopg 3's
``cursor.copy`` into a schema made by the product's migrations.  The load runs with
``session_replication_role = replica`` (no triggers, no foreign-key checks): the
generator fills `orders.customer_name` itself and `customer_bigrams` is filled
afterwards with the statement migration 0015 uses; the secondary indexes are dropped
before the load and re-created after it.  Then the year of lab history the SQLite
statistics case adds to its "-lab" copy (`benchmarks.case_stats`) is added here too,
the items' finished date and turnaround are filled as migration 0016 fills them, and
everything is ANALYZEd.

The database is named by item count, head revision and data version
(``counter_bench_2000000_rev0017_v3``); it is built under a temporary name and renamed
when complete, its counts and build time kept in its comment, so a rerun reuses it.  A
database of the same size and data version built for an older head revision is brought
forward by the product's migrations and renamed, rather than rebuilt (75 min at 10 M).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import Connection

from benchmarks import bulk
from benchmarks.dataset import (
    DATA_VERSION,
    INDEXED_TABLES,
    check_generator_columns,
    counts,
    generate,
    is_behind,
    prepare,
)
from benchmarks.measure import log
from counter.statistics.finished import backfill_finished
from db.engine import Database, make_engine
from db.migrate import head_revision, upgrade
from db.models_audit import HEAD_ID

#: the statement with which migration 0015 fills the bigram index of existing customers
BIGRAMS = (
    "INSERT INTO customer_bigrams(bigram, customer_id) "
    "SELECT DISTINCT substr(c.search_text, n, 2), c.id "
    "FROM customers AS c, generate_series(1, length(c.search_text) - 1) AS n"
)
LAB_FROM, LAB_TO = "2024-11-30 16:00:00+00", "2025-12-31 16:00:00+00"
# as benchmarks.case_stats.CERTIFICATES / CHECKS on SQLite
CERTIFICATES = """
INSERT INTO certificates (id, number, item_id, type, status, amendment_reason, content,
    revision, performed, issued, verdict, regulation, record_number, verifier, checker,
    approver, digest, check_seq, blocking_count, warning_count, created_by_id, created_at,
    updated_at, void_reason)
SELECT i.id, 'B' || i.id, i.id, 'verification', 'passed', '', '{}', 1,
    (i.updated_at AT TIME ZONE 'Asia/Shanghai')::date,
    (i.updated_at AT TIME ZONE 'Asia/Shanghai')::date, 'pass', '', '', '', '',
    '', '', 0, 0, 0, 1, i.updated_at, i.updated_at, ''
FROM items i
WHERE i.status IN ('checked', 'released') AND i.created_at >= %s AND i.created_at < %s
"""
CHECKS = """
INSERT INTO final_checks (certificate_id, revision, reviewer_id, at, outcome, comment,
    blocking_keys)
SELECT id, 1, 1, created_at, 'passed', '', '[]' FROM certificates
UNION ALL
SELECT id, 1, 1, created_at - interval '1 day', 'returned', '更正', '[]' FROM certificates
WHERE mod(id, 33) = 0
"""


@dataclass(frozen=True)
class PgDataset:
    name: str
    url: str
    items: int
    orders: int
    customers: int
    build_s: float
    built_now: bool = False


def pg_database_name(items: int) -> str:
    return f"counter_bench_{items}_rev{head_revision()}_v{DATA_VERSION}"


def database_url(admin_url: str, name: str) -> str:
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def pg_time(moment: dt.datetime) -> str:
    """Aware datetime → timestamptz text in UTC (what COPY reads)."""
    return moment.astimezone(dt.UTC).isoformat(sep=" ")


def _admin(admin_url: str) -> Engine:
    return create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )


def ensure_pg_dataset(admin_url: str, items: int) -> PgDataset:
    """The cached database of `items` items on the server of `admin_url` (built if missing)."""
    name = pg_database_name(items)
    url = database_url(admin_url, name)
    admin = _admin(admin_url)
    try:
        with admin.connect() as conn:
            meta = conn.execute(
                text(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                    "WHERE datname = :name"
                ),
                {"name": name},
            ).scalar()
        if not meta:
            meta = _upgrade_older(admin, admin_url, items, name)
        if meta:
            return PgDataset(name, url, **json.loads(meta))
        temp = f"{name}_building"
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{temp}" WITH (FORCE)'))
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{temp}"'))
        started = time.perf_counter()
        log(f"[build] PostgreSQL database {name}: {items:,} items (kept for later runs)")
        build(database_url(admin_url, temp), items)
        n_items, n_orders, n_customers = counts(items)
        build_s = round(time.perf_counter() - started, 1)
        fields = {
            "items": n_items,
            "orders": n_orders,
            "customers": n_customers,
            "build_s": build_s,
        }
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{temp}" RENAME TO "{name}"'))
            comment = json.dumps(fields).replace("'", "''")
            conn.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{comment}'"))
        log(f"[build] done in {build_s:.1f} s")
        return PgDataset(name, url, n_items, n_orders, n_customers, build_s, built_now=True)
    finally:
        admin.dispose()


def _upgrade_older(admin: Engine, admin_url: str, items: int, name: str) -> str | None:
    """The comment of the database `name`, made by migrating and renaming a dataset of
    this size and data version built for an older head revision; None if there is none."""
    pattern = f"counter\\_bench\\_{items}\\_rev%\\_v{DATA_VERSION}"
    with admin.connect() as conn:
        older = conn.execute(
            text(
                "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname LIKE :pattern ORDER BY datname"
            ),
            {"pattern": pattern},
        ).all()
    for old, meta in older:
        old_url = database_url(admin_url, old)
        if not meta or not is_behind(make_engine(old_url)):
            continue
        log(f"[build] migrating {old} to revision {head_revision()}")
        engine = make_engine(old_url)
        upgrade(engine)
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{old}" RENAME TO "{name}"'))
        return str(meta)
    return None


class CopyLoader(bulk.Loader):
    """`bulk.Loader` writing each batch with one COPY (audit rows chained as on SQLite)."""

    def insert(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        if not rows:
            return
        if name == "audit_log":
            columns, rows = (*columns, *bulk.AUDIT_CHAIN_COLUMNS), self._chained(columns, rows)
        names = ", ".join(f'"{c}"' for c in columns)
        raw: Any = self.conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        self.rows[name] = self.rows.get(name, 0) + len(rows)

    def close_audit_chain(self) -> None:
        self.conn.exec_driver_sql(
            "UPDATE audit_chain SET seq = %s, row_hash = %s WHERE id = %s",
            (self.audit_seq, self.audit_prev, HEAD_ID),
        )


def drop_indexes(conn: Connection, tables: Sequence[str]) -> list[tuple[str, str]]:
    """Drop the indexes of `tables` that back no constraint; return (name, CREATE sql)."""
    rows = conn.exec_driver_sql(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
        "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conname = i.indexname) ORDER BY i.indexname",
        (list(tables),),
    ).all()
    for name, _sql in rows:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [(str(name), str(sql)) for name, sql in rows]


def _load_bigrams(conn: Connection) -> None:
    """Fill the bigram index with its primary key dropped and put back after, the pairs
    sorted in memory: 42 M rows inserted one by one into the key's B-tree took 26 min of
    the 10,000,000-item build."""
    key = conn.exec_driver_sql(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'customer_bigrams'::regclass AND contype = 'p'"
    ).one()
    conn.exec_driver_sql("SET LOCAL work_mem = '256MB'")
    conn.exec_driver_sql(f'ALTER TABLE customer_bigrams DROP CONSTRAINT "{key[0]}"')
    conn.exec_driver_sql(BIGRAMS)
    conn.exec_driver_sql(f'ALTER TABLE customer_bigrams ADD CONSTRAINT "{key[0]}" {key[1]}')
    conn.exec_driver_sql("RESET work_mem")


def _reset_sequences(conn: Connection) -> None:
    """Identity / serial counters past the ids the load wrote."""
    rows = conn.exec_driver_sql(
        "SELECT table_name, column_name, pg_get_serial_sequence(table_name, column_name) "
        "FROM information_schema.columns WHERE table_schema = 'public' "
        "AND pg_get_serial_sequence(table_name, column_name) IS NOT NULL"
    ).all()
    for table, column, sequence in rows:
        conn.exec_driver_sql(
            f"SELECT setval('{sequence}', coalesce((SELECT max(\"{column}\") "
            f'FROM "{table}"), 0) + 1, false)'
        )


def _analyze(engine: Engine, statement: str = "ANALYZE") -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(statement)


def build(url: str, items: int) -> None:
    started = time.perf_counter()

    def say(what: str) -> None:
        log(f"[build] {time.perf_counter() - started:6.1f} s  {what}")

    engine = create_engine(url)
    try:
        prepare(engine)
        check_generator_columns()
        with engine.begin() as conn:
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
            indexes = drop_indexes(conn, INDEXED_TABLES)
            loader = CopyLoader(conn)
            generate(conn, loader, items, pg_time, say)
            _load_bigrams(conn)
            say("customer bigrams")
            _reset_sequences(conn)
            say(f"re-creating {len(indexes)} indexes")
            for _name, sql in indexes:
                conn.exec_driver_sql(sql)
            conn.exec_driver_sql(CERTIFICATES, (LAB_FROM, LAB_TO))
            conn.exec_driver_sql(CHECKS)
            _reset_sequences(conn)
            say("a year of certificates and final checks")
        _analyze(engine)  # else the backfill's updates scan the table once per day pair
        database = Database(engine)
        with database.action() as session:
            backfill_finished(session)
        say("finished dates and turnarounds")
        _analyze(engine, "VACUUM ANALYZE")
        say("; ".join(f"{name} {n:,}" for name, n in loader.rows.items()))
    finally:
        engine.dispose()
