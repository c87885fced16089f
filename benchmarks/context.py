"""What every benchmark is handed: the dataset, one `Database` (as the UI holds one),
random samples of existing numbers and customers, and a scratch copy for writes.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlalchemy import select

from benchmarks.dataset import Dataset
from benchmarks.measure import Metric, log
from benchmarks.pg_dataset import PgDataset
from counter.admin.auth import actor_of
from counter.admin.rules.roles import Actor
from db.engine import Database, make_engine, sqlite_url
from db.models import Customer, Item, Order, User

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
    ) -> None:
        self._dataset = dataset
        self._pg_dataset = pg_dataset
        #: the engine the dataset cases run on: "postgresql" when given a PostgreSQL dataset
        self.engine = "postgresql" if pg_dataset is not None else "sqlite"
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

    @cached_property
    def database(self) -> Database:
        return Database(make_engine(self.dataset.url))

    def rng(self, salt: str) -> random.Random:
        """A fixed-seed generator per benchmark, so runs draw the same codes and queries."""
        return random.Random(f"{SAMPLE_SEED}:{salt}")

    @cached_property
    def samples(self) -> Samples:
        rng = self.rng("samples")
        n = self.dataset
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
        """A `Database` on the scratch copy, for a benchmark that writes; disposed after."""
        database = Database(make_engine(self.scratch_url()))
        try:
            yield database
        finally:
            database.dispose()

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
