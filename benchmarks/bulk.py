"""Bulk loading into the migrated SQLite file: fast pragmas, indexes rebuilt once.

Rows are plain tuples written with ``Connection.exec_driver_sql(sql, rows)``
(one ``executemany`` per batch, all in one transaction).  Values are
pre-formatted the way the models' SQLAlchemy types store them on SQLite; the
formatters come from the columns' own bind processors and are checked once.
The product's secondary indexes are dropped before the load and re-created
afterwards from the exact SQL the migration wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection

from db.models import Base, Order
from db.models_audit import GENESIS, HEAD_ID, canonical, chain_hash

_DIALECT = sqlite.dialect()
CACHE_KIB = 1024 * 1024  # 1 GiB page cache while building


def build_engine(url: str) -> Engine:
    """An engine for the build only: no journal, no fsync, big cache, no FK checks."""
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=OFF",
            "synchronous=OFF",
            f"cache_size=-{CACHE_KIB}",
            "temp_store=MEMORY",
            "locking_mode=EXCLUSIVE",
            "foreign_keys=OFF",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def set_wal(engine: Engine) -> None:
    """Leave the file in WAL mode, as the product's engine would (outside any transaction)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
    finally:
        raw.close()


def time_formatter() -> Callable[[dt.datetime], str]:
    """Aware datetime → the text `db.models.UTCDateTime` stores on SQLite."""
    process = Order.__table__.c.received_at.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)
    assert process is not None

    def fmt(moment: dt.datetime) -> str:
        return str(process(moment))

    sample = dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
    assert fmt(sample) == "2026-01-02 03:04:05.000006", fmt(sample)
    return fmt


def check_storage_formats() -> None:
    """Dates as ISO text and booleans as 0/1 is what SQLAlchemy writes on SQLite."""
    date_type = Order.__table__.c.promised_date.type.dialect_impl(_DIALECT)
    process_date = date_type.bind_processor(_DIALECT)
    assert process_date is not None and process_date(dt.date(2026, 1, 2)) == "2026-01-02"
    bool_type = Base.metadata.tables["items"].c.compulsory.type.dialect_impl(_DIALECT)
    process_bool = bool_type.bind_processor(_DIALECT)
    assert process_bool is None or process_bool(True) == 1


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def check_columns(name: str, columns: Sequence[str], generated: Sequence[str] = ("id",)) -> None:
    """Fail clearly when the model gained a column the generator does not fill."""
    missing = {c.name for c in table(name).columns} - set(columns) - set(generated)
    if missing:
        raise RuntimeError(
            f"benchmarks: table {name} has columns the generator does not fill: {sorted(missing)}"
        )


AUDIT_CHAIN_COLUMNS = ("seq", "prev_hash", "row_hash")


class Loader:
    """executemany into named tables inside the caller's transaction.

    Audit rows are chained on as the product chains them (`db.models_audit`);
    `close_audit_chain()` then moves the chain's head to the last one.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[str, int] = {}
        head = conn.exec_driver_sql("SELECT seq, row_hash FROM audit_chain").first()
        self.audit_seq, self.audit_prev = (int(head[0]), str(head[1])) if head else (0, GENESIS)

    def _chained(
        self, columns: Sequence[str], rows: Sequence[Sequence[object]]
    ) -> list[tuple[object, ...]]:
        out = []
        for row in rows:
            f: dict[str, Any] = dict(zip(columns, row, strict=True))
            self.audit_seq += 1
            at = dt.datetime.fromisoformat(str(f["at"])).replace(tzinfo=dt.UTC)
            digest = chain_hash(canonical(
                seq=self.audit_seq, at=at, user_id=f["user_id"], action=f["action"],
                entity=f["entity"], entity_key=f["entity_key"], before=f["before"],
                after=f["after"], reason=f["reason"], prev_hash=self.audit_prev,
            ))  # fmt: skip
            out.append((*row, self.audit_seq, self.audit_prev, digest))
            self.audit_prev = digest
        return out

    def close_audit_chain(self) -> None:
        self.conn.exec_driver_sql(
            "UPDATE audit_chain SET seq = ?, row_hash = ? WHERE id = ?",
            (self.audit_seq, self.audit_prev, HEAD_ID),
        )

    def insert(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        if not rows:
            return
        if name == "audit_log":
            columns, rows = (*columns, *AUDIT_CHAIN_COLUMNS), self._chained(columns, rows)
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        sql = f'INSERT INTO "{name}" ({names}) VALUES ({marks})'
        self.conn.exec_driver_sql(sql, list(rows))
        self.rows[name] = self.rows.get(name, 0) + len(rows)


def drop_indexes(conn: Connection, tables: Sequence[str]) -> list[tuple[str, str]]:
    """Drop the explicit indexes of `tables`; return (name, CREATE sql) to restore them."""
    marks = ", ".join("?" * len(tables))
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) ORDER BY name",
        tuple(tables),
    ).all()
    for name, _sql in rows:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [(str(name), str(sql)) for name, sql in rows]
