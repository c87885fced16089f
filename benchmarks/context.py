"""What every benchmark is handed: the dataset, one `Database` (as the UI holds one),
random samples of existing numbers and customers, and a scratch copy for writes.

With ``--engine postgresql`` the same names serve the PostgreSQL dataset: `Bench.url`,
`Bench.database` and `Bench.samples` read it, `Bench.raw_connection` is a psycopg
connection (the baselines), and `Bench.scratch_database` is a `RolledBackDatabase`: the
cached dataset (a 17 GB copy at 10 M items) is never copied, a benchmark that writes
does it inside one transaction rolled back at its end.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.dataset import Dataset
from benchmarks.measure import Metric, log
from benchmarks.pg_dataset import PgDataset
from counter.admin.auth import actor_of
from counter.admin.rules.roles import Actor
from db.engine import Database, make_engine, sqlite_url
from db.models import Customer, Item, Order, User
from db.models_audit import HEAD_ID

SAMPLE_SEED = 7


@dataclass(frozen=True)
class CustomerSample:
    id: int
    name: str
    pinyin_initials: str
    phone: str
    credit_code: str


@dataclass(frozen=True)
class Samples:
    item_numbers: list[str]
    order_numbers: list[str]
    customers: list[CustomerSample]


@dataclass(frozen=True)
class Options:
    """Settings of the cases that do not use the SQLite dataset."""

    pg_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    pg_database: str = "counter_bench_numbering"
    pg_orders: int = 150
    plan_scale: float = 1.0  # the appointment plan cases' inputs, shrunk for the smoke test


class Bench:
    def __init__(
        self,
        dataset: Dataset | None,
        scratch_dir: Path,
        options: Options | None = None,
        pg_dataset: PgDataset | None = None,
        engine: str | None = None,
    ) -> None:
        self._dataset = dataset
        self._pg_dataset = pg_dataset
        #: the engine the cases run on (--engine): "postgresql" when given a PostgreSQL
        #: dataset; a case without a dataset asks it too (its own database on that server)
        self.engine = engine or ("postgresql" if pg_dataset is not None else "sqlite")
        self.scratch_dir = scratch_dir
        self.options = options or Options()
        self._copy: Path | None = None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            raise RuntimeError("this run built no dataset: the case must say needs_dataset")
        return self._dataset

    @property
    def pg_dataset(self) -> PgDataset:
        if self._pg_dataset is None:
            raise RuntimeError("this run built no PostgreSQL dataset (--engine postgresql)")
        return self._pg_dataset

    @property
    def data(self) -> Dataset | PgDataset:
        """The dataset of this run's engine (its items, orders, customers)."""
        return self.pg_dataset if self.engine == "postgresql" else self.dataset

    @property
    def url(self) -> str:
        return self.data.url

    @cached_property
    def database(self) -> Database:
        return Database(make_engine(self.url))

    @contextmanager
    def raw_connection(self) -> Iterator[Any]:
        """A plain DB-API connection on the dataset, for the raw-SQL baselines: `sqlite3`
        on the file, or psycopg (autocommit: one statement, no transaction around it)."""
        if self.engine == "postgresql":
            with psycopg.connect(conninfo(self.url), autocommit=True) as conn:
                yield conn
        else:
            with closing(sqlite3.connect(self.dataset.path)) as conn:
                yield conn

    def raw_sql(self, sql: str) -> str:
        """A baseline written with sqlite3's ``?`` in psycopg's ``%s`` when on PostgreSQL."""
        return sql.replace("?", "%s") if self.engine == "postgresql" else sql

    def rng(self, salt: str) -> random.Random:
        """A fixed-seed generator per benchmark, so runs draw the same codes and queries."""
        return random.Random(f"{SAMPLE_SEED}:{salt}")

    @cached_property
    def samples(self) -> Samples:
        rng = self.rng("samples")
        n = self.data
        item_ids = rng.sample(range(1, n.items + 1), min(n.items // 2, 3000))
        order_ids = rng.sample(range(1, n.orders + 1), min(n.orders, 600))
        customer_ids = rng.sample(range(1, n.customers + 1), min(n.customers, 600))
        with self.database.session() as session:
            items = list(session.scalars(select(Item.number).where(Item.id.in_(item_ids))))
            orders = list(session.scalars(select(Order.number).where(Order.id.in_(order_ids))))
            rows = session.execute(
                select(
                    Customer.id,
                    Customer.name,
                    Customer.pinyin_initials,
                    Customer.phone,
                    Customer.credit_code,
                ).where(Customer.id.in_(customer_ids), Customer.active)
            )
            customers = [CustomerSample(*row) for row in rows]
        rng.shuffle(items)
        rng.shuffle(orders)
        rng.shuffle(customers)
        return Samples(items, orders, customers)

    def actor(self, database: Database, username: str) -> Actor:
        with database.session() as session:
            user = session.scalars(select(User).where(User.username == username)).one()
            return actor_of(user)

    def scratch_copy(self) -> Path:
        """A copy of the dataset for benchmarks that write (made once per run)."""
        if self._copy is None:
            self.scratch_dir.mkdir(parents=True, exist_ok=True)
            target = self.scratch_dir / "scratch.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            with closing(sqlite3.connect(self.dataset.path)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            log(f"[bench] copying the dataset to {target} for write benchmarks")
            shutil.copyfile(self.dataset.path, target)
            self._copy = target
        return self._copy

    def scratch_url(self) -> str:
        return sqlite_url(self.scratch_copy())

    @contextmanager
    def scratch_database(self) -> Iterator[Database]:
        """A `Database` for a benchmark that writes, disposed after: on the scratch copy
        (SQLite), or on the PostgreSQL dataset inside a transaction rolled back at the end."""
        if self.engine == "postgresql":
            database: Database = RolledBackDatabase(make_engine(self.url))
        else:
            database = Database(make_engine(self.scratch_url()))
        try:
            yield database
        finally:
            database.dispose()

    @contextmanager
    def app_writes_undone(self) -> Iterator[None]:
        """Around a case that runs the app on the dataset: on PostgreSQL, the rows the app
        added are deleted afterwards and the audit chain's head put back (SQLite: the app
        runs on the scratch copy, nothing to undo).  See `undo_app_writes`."""
        if self.engine != "postgresql":
            yield
            return
        with undo_app_writes(self.url):
            yield

    def close(self) -> None:
        if "database" in self.__dict__:
            self.database.dispose()
        if self._copy is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self._copy}{suffix}").unlink(missing_ok=True)


@dataclass(frozen=True)
class Case:
    """One benchmark: a name, the metrics it prints, and the function that measures them."""

    name: str
    metrics: tuple[str, ...]
    run: Callable[[Bench], Iterator[Metric]]
    needs_dataset: bool = True
    #: runs on the PostgreSQL dataset too (--engine postgresql); cases without a dataset
    #: do not depend on the engine and run on either
    postgresql: bool = False


def conninfo(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as psycopg's connection string."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class RolledBackDatabase(Database):
    """A `Database` whose every session runs on one connection, inside one transaction
    rolled back by `dispose`: what a benchmark writes to the cached PostgreSQL dataset is
    gone after it (sequences aside: ids drawn stay drawn).  A session's commit releases a
    savepoint, so a write's figure lacks the commit's WAL flush (``synchronous_commit``)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self._conn: Connection = engine.connect()
        self._outer = self._conn.begin()
        self._sessions = sessionmaker(
            bind=self._conn, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        self._write_sessions = self._sessions

    def session(self) -> Session:
        return self._sessions()

    def write_session(self) -> Session:
        return self._sessions()

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        yield self._conn

    def dispose(self) -> None:
        self._outer.rollback()
        self._conn.close()
        super().dispose()


#: tables without an ``id`` column the app could write to: checked, not restored
_WATCHED = ("number_sequences", "calendar_days", "slot_loads")
_ID_TABLES = """
SELECT c.table_name FROM information_schema.columns c
JOIN information_schema.tables t USING (table_schema, table_name)
WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = 'id'
    AND c.data_type IN ('integer', 'bigint') ORDER BY 1
"""
_CHANGES = (
    "SELECT relname, n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE schemaname = 'public'"
)


def _one(conn: Any, sql: str, params: Any = None) -> Any:
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def _counts(conn: Any) -> dict[str, int]:
    return {t: int(_one(conn, f'SELECT count(*) FROM "{t}"')) for t in _WATCHED}


@contextmanager
def undo_app_writes(url: str) -> Iterator[None]:
    """Put the PostgreSQL dataset back as it was after another process (the app) ran on it:
    every table's rows past its highest ``id`` of before deleted (foreign keys unchecked),
    the audit chain's head row and the settings (the signing keys made when the review
    screen first opens) restored.  A start adds rows only (the login audited, the
    starter registers seeded on first start); an update or delete elsewhere, or a change
    to a table without ``id``, is not undone: it fails the case, naming the table."""
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        tables = [str(r[0]) for r in conn.execute(_ID_TABLES)]
        marks = {t: int(_one(conn, f'SELECT coalesce(max(id), 0) FROM "{t}"')) for t in tables}
        counts = _counts(conn)
        settings = conn.execute("SELECT key, value FROM settings").fetchall()
        chain = conn.execute(
            "SELECT seq, row_hash FROM audit_chain WHERE id = %s", (HEAD_ID,)
        ).fetchone()
        time.sleep(1.0)  # the server processes of the cases before report their counts
        conn.execute("SELECT pg_stat_clear_snapshot()")
        before = {str(t): int(n) for t, n in conn.execute(_CHANGES)}
    try:
        yield
    finally:
        with psycopg.connect(conninfo(url)) as conn:  # one transaction
            conn.execute("SET LOCAL session_replication_role = replica")
            added: dict[str, int] = {}
            for table, mark in marks.items():
                n = conn.execute(f'DELETE FROM "{table}" WHERE id > %s', (mark,)).rowcount
                if n:
                    added[table] = n
            if chain is not None:
                conn.execute(
                    "UPDATE audit_chain SET seq = %s, row_hash = %s WHERE id = %s",
                    (*chain, HEAD_ID),
                )
            conn.execute("DELETE FROM settings")
            with conn.cursor() as cursor:
                cursor.executemany("INSERT INTO settings (key, value) VALUES (%s, %s)", settings)
            log(f"[bench] the app's rows deleted again: {added}")
            counted = _counts(conn)
        # updates and deletes by the app (its server process reports them when it ends;
        # ours above are reported too, once this connection has ended)
        for wait in (0.0, 1.0, 2.0):
            time.sleep(wait)
            with psycopg.connect(conninfo(url), autocommit=True) as conn:
                after = {str(t): int(n) for t, n in conn.execute(_CHANGES)}
            changed = sorted(
                t for t in after
                if t not in ("audit_chain", "settings")
                and after[t] - before.get(t, 0) > added.get(t, 0)
            )  # fmt: skip
            if not changed:
                break
        changed += sorted(t for t in _WATCHED if counted[t] != counts[t])
        if changed:
            raise RuntimeError(f"the app changed rows that were not undone: {changed}")
