"""Engines for the embedded SQLite file and the shared PostgreSQL database.

SQLite: WAL journal with synchronous=FULL (a commit is on disk before it returns),
foreign keys on, a busy timeout, and transactions begun
by us (the pysqlite driver's own implicit BEGIN breaks SAVEPOINT and cannot
take the write lock up front).  A session opened with `write_session()` begins
with ``BEGIN IMMEDIATE`` so two counters saving at once wait for each other
instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

from db.slow_queries import log_slow_queries

APP_DIR_NAME = "jiliang-counter"
BUSY_TIMEOUT_MS = 5000
IMMEDIATE = "counter_begin_immediate"


def default_sqlite_path() -> Path:
    """The embedded database file in the user's data directory."""
    override = os.environ.get("COUNTER_DATA_DIR")
    base = Path(override) if override else Path(user_data_dir(APP_DIR_NAME, appauthor=False))
    return base / "counter.db"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` and use psycopg 3 for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, **kwargs: Any) -> Engine:
    """An engine for `url`; on SQLite a writer waits up to `busy_timeout_ms` for the lock."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000}, **kwargs)
        _configure_sqlite(engine, busy_timeout_ms)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("connect_timeout", 5)
        engine = create_engine(url, connect_args=connect_args, **kwargs)
    log_slow_queries(engine)  # a query slower than 200 ms is logged with its plan
    return engine


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA synchronous=FULL")  # a committed order survives a power cut
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(IMMEDIATE):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """An engine and its session factories; one per process."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False
        )

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    def session(self) -> Session:
        """A session for reading (and writing where no write lock is needed first)."""
        return self._sessions()

    def write_session(self) -> Session:
        """A session for a user action that writes: takes the write lock at BEGIN on SQLite."""
        return self._write_sessions()

    @contextmanager
    def action(self) -> Iterator[Session]:
        """One user action: commit on success, roll back on any error."""
        with self.write_session() as session, session.begin():
            yield session

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A pooled connection for one quick read (a scan); nothing is written through it.

        On PostgreSQL it is in autocommit: the read is one statement, and the BEGIN the
        driver would send before it and the ROLLBACK when the connection goes back to the
        pool cost more than the indexed look-up itself (a scan 1.7 → 0.26 ms median)."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                yield conn
            else:
                yield conn.execution_options(isolation_level="AUTOCOMMIT")

    def dispose(self) -> None:
        self.engine.dispose()
