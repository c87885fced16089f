"""The benchmark database: built once with a fixed seed, cached by size and schema.

The file name carries the item count, the Alembic head revision and
`DATA_VERSION`, so a change to the generator builds a new file.  A dataset of the same
data version built for an older head is brought forward by the product's migrations
(as a counter's own database would be) and renamed, rather than rebuilt.  The build
writes to a temporary name and renames it when complete.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import multiprocessing
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import asdict, dataclass
from multiprocessing.pool import Pool
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from benchmarks import bulk, gen_customers, gen_orders
from benchmarks.measure import log
from counter.admin.auth import hash_password
from counter.admin.settings import settings_row
from counter.clock import CHINA_TZ
from counter.customers.records import CustomerForm
from counter.demo import DEMO_SETTINGS
from counter.intake.catalog import TypeInfo, list_types, seed_catalog
from db.engine import Database, make_engine, sqlite_url
from db.migrate import SchemaState, head_revision, schema_state, upgrade
from db.models import Base, User

DATA_VERSION = 3  # 2: the institute's details are stored; 3: a ledger entry for every item
SEED = 20261123
END = dt.date(2026, 11, 20)
START = END - dt.timedelta(days=3 * 365)
# the benchmarks' "now": the Monday after the last order (inside chinesecalendar's range)
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=CHINA_TZ)
BENCH_USER = "bench"
BENCH_PASSWORD = "bench-password-1"
CLERKS = ("clerk1", "clerk2", "clerk3", "clerk4")
ORDERS_PER_BATCH = 5000
CUSTOMERS_PER_CHUNK = 2000
INDEXED_TABLES = ("customers", "orders", "items", "instruments", "print_jobs", "audit_log")


@dataclass(frozen=True)
class Dataset:
    path: Path
    items: int
    orders: int
    customers: int
    build_s: float
    built_now: bool = False

    @property
    def url(self) -> str:
        return sqlite_url(self.path)


def counts(items: int) -> tuple[int, int, int]:
    """(items, orders, customers) for a build of `items` items."""
    return items, max(1, items // 10), max(1, items // 20)


def dataset_path(cache_dir: Path, items: int) -> Path:
    return cache_dir / f"counter-{items}items-rev{head_revision()}-v{DATA_VERSION}.db"


def ensure_dataset(cache_dir: Path, items: int) -> Dataset:
    path = dataset_path(cache_dir, items)
    meta = path.with_suffix(".json")
    if not (path.exists() and meta.exists()):
        _upgrade_older(cache_dir, items, path)
    if path.exists() and meta.exists():
        check_schema(path)
        return Dataset(path=path, **json.loads(meta.read_text("utf-8")))
    cache_dir.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".building")
    temp.unlink(missing_ok=True)
    started = time.perf_counter()
    log(f"[build] {path.name}: {items:,} items (cached for later runs)")
    build(temp, items)
    temp.rename(path)
    n_items, n_orders, n_customers = counts(items)
    dataset = Dataset(path, n_items, n_orders, n_customers, round(time.perf_counter() - started, 1))
    fields = {k: v for k, v in asdict(dataset).items() if k not in ("path", "built_now")}
    meta.write_text(json.dumps(fields), "utf-8")
    log(f"[build] done in {dataset.build_s:.1f} s")
    _prune(cache_dir, items, keep=path)
    return Dataset(path, n_items, n_orders, n_customers, dataset.build_s, built_now=True)


def is_behind(engine: Engine) -> bool:
    """Whether a cached dataset's schema is an older revision of this history (one the
    migrations can bring forward), not an unknown one or a half-built file."""
    try:
        return schema_state(engine)[0] is SchemaState.BEHIND
    finally:
        engine.dispose()


def _upgrade_older(cache_dir: Path, items: int, path: Path) -> None:
    """Bring a dataset of this size and data version built for an older head revision
    forward to `path` with the migrations (minutes, where a build takes hours at 10 M)."""
    for old in sorted(cache_dir.glob(f"counter-{items}items-rev*-v{DATA_VERSION}.db")):
        meta = old.with_suffix(".json")
        if old == path or not meta.exists() or not is_behind(make_engine(sqlite_url(old))):
            continue
        log(f"[build] migrating {old.name} to revision {head_revision()}")
        engine = make_engine(sqlite_url(old))
        upgrade(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        old.rename(path)
        meta.rename(path.with_suffix(".json"))
        return


MODEL_MODULES = (
    "db.models_appointments",
    "db.models_archive",
    "db.models_audit",
    "db.models_billing",
    "db.models_certificates",
    "db.models_feedback",
    "db.models_release",
)


def check_schema(path: Path) -> None:
    """Refuse a cached dataset whose tables are not the models' (one built by another
    history whose head revision has the same name): its figures would mean nothing."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        have = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    missing = sorted(set(Base.metadata.tables) - have)
    if missing:
        raise SystemExit(
            f"the cached dataset {path} lacks the tables {', '.join(missing)}: it was built "
            "for another schema with the same head revision; use another --cache-dir "
            "(a new one is built there) or remove that file"
        )


def _prune(cache_dir: Path, items: int, keep: Path) -> None:
    """Remove datasets of the same size built for an older schema or generator."""
    for old in cache_dir.glob(f"counter-{items}items-rev*-v*.db"):
        if old != keep:
            log(f"[build] removing the outdated {old.name}")
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)


def _prepare(path: Path) -> None:
    engine = make_engine(sqlite_url(path))
    prepare(engine)
    engine.dispose()


def prepare(engine: Engine) -> None:
    """Schema by the product's migrations, the starter catalogue, the users (either engine)."""
    upgrade(engine)
    database = Database(engine)
    now = NOW - dt.timedelta(days=4 * 365)
    with database.action() as session:
        seed_catalog(session)
        session.add(settings_row(DEMO_SETTINGS))  # printouts need the institute's details
        users = [(BENCH_USER, "基准管理员", "admin,intake")]
        users += [(name, f"收发员{n}", "intake") for n, name in enumerate(CLERKS, 1)]
        for username, full_name, roles in users:
            session.add(
                User(
                    username=username,
                    full_name=full_name,
                    password_hash=hash_password(BENCH_PASSWORD),
                    roles=roles,
                    active=True,
                    created_at=now,
                )
            )


class _Derivation:
    """Derived customer columns, computed in worker processes for big builds (starts at once)."""

    def __init__(self, forms: list[CustomerForm]) -> None:
        self.pool: Pool | None = None
        self.results: Iterator[list[tuple[tuple[object, ...], str]]]
        if len(forms) < 5 * CUSTOMERS_PER_CHUNK:
            self.results = iter([gen_customers.derive(forms)])
            return
        workers = max(1, (os.cpu_count() or 2) - 1)
        self.pool = multiprocessing.get_context("spawn").Pool(workers)
        self.results = self.pool.imap(
            gen_customers.derive, gen_customers.chunks(forms, CUSTOMERS_PER_CHUNK)
        )

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


def _load_customers(
    loader: bulk.Loader,
    plan: gen_customers.CustomerPlan,
    derivation: _Derivation,
    fmt: Callable[[dt.datetime], str],
    clerk_id: int,
    owners: Callable[[int], int | None],
) -> None:
    customer_id = 0
    code = gen_customers.DERIVED_COLUMNS.index("credit_code")
    kind = gen_customers.DERIVED_COLUMNS.index("code_kind")
    for chunk in derivation.results:
        rows, audit = [], []
        for values, after in chunk:
            customer_id += 1
            created = fmt(plan.created[customer_id - 1])
            division = gen_customers.division_of(str(values[code]), str(values[kind]))
            rows.append((customer_id, *values, plan.active[customer_id - 1], created, created,
                         owners(customer_id), division))  # fmt: skip
            audit.append(
                (created, clerk_id, "customer.create", "customer", str(customer_id), "", after, "")
            )
        loader.insert("customers", gen_customers.COLUMNS, rows)
        loader.insert("audit_log", gen_orders.AUDIT_COLUMNS, audit)
    derivation.close()


def _types_and_clerks(conn: Connection) -> tuple[list[TypeInfo], list[int]]:
    with Session(bind=conn) as session:
        types = list_types(session)
        clerks = list(session.scalars(select(User.id).where(User.username.in_(CLERKS))))
    return types, sorted(clerks)


def build(path: Path, items: int) -> None:
    started = time.perf_counter()

    def say(text: str) -> None:
        log(f"[build] {time.perf_counter() - started:6.1f} s  {text}")

    _prepare(path)
    bulk.check_storage_formats()
    fmt = bulk.time_formatter()
    check_generator_columns()
    engine = bulk.build_engine(sqlite_url(path))
    with engine.begin() as conn:
        indexes = bulk.drop_indexes(conn, INDEXED_TABLES)
        loader = bulk.Loader(conn)
        generate(conn, loader, items, fmt, say)
        say(f"re-creating {len(indexes)} indexes")
        for name, sql in indexes:
            index_started = time.perf_counter()
            conn.exec_driver_sql(sql)
            if time.perf_counter() - index_started > 0.5:
                say(f"index {name}")
    bulk.set_wal(engine)
    engine.dispose()
    say("; ".join(f"{name} {n:,}" for name, n in loader.rows.items()))


def check_generator_columns() -> None:
    for name, columns in (
        ("customers", gen_customers.COLUMNS),
        ("orders", gen_orders.ORDER_COLUMNS),
        ("instruments", gen_orders.INSTRUMENT_COLUMNS),
    ):
        bulk.check_columns(name, columns)
    # no generated item has passed a final check: its finished date and turnaround stay empty
    bulk.check_columns("items", gen_orders.ITEM_COLUMNS, ("id", *gen_orders.ITEM_UNFINISHED))
    bulk.check_columns("print_jobs", gen_orders.PRINT_JOB_COLUMNS)
    bulk.check_columns("audit_log", gen_orders.AUDIT_COLUMNS, ("id", *bulk.AUDIT_CHAIN_COLUMNS))


def generate(
    conn: Connection,
    loader: bulk.Loader,
    items: int,
    fmt: Callable[[dt.datetime], str],
    say: Callable[[str], None],
) -> None:
    """Every generated row of a build of `items` items, handed to `loader` (same seed, so
    the same data on either engine; `fmt` writes a moment as the engine takes it)."""
    n_items, n_orders, n_customers = counts(items)
    rng = random.Random(SEED)
    plan = gen_customers.plan_customers(
        rng, n_customers, dt.datetime.combine(END, dt.time(), CHINA_TZ)
    )
    say(f"planned {n_customers:,} customers; pinyin keys in the background")
    derivation = _Derivation(plan.forms)
    database_types, clerk_ids = _types_and_clerks(conn)
    generator = gen_orders.OrderGenerator(
        rng,
        orders=n_orders,
        items=n_items,
        customers=gen_orders.Customers(
            plan.weights,
            [f.name for f in plan.forms],
            [f.contact_name for f in plan.forms],
            [f.phone for f in plan.forms],
        ),
        types=database_types,
        clerk_ids=clerk_ids,
        start=START,
        end=END,
        fmt_time=fmt,
    )
    for batch in generator.batches(ORDERS_PER_BATCH):
        loader.insert("orders", gen_orders.ORDER_COLUMNS, batch.orders)
        loader.insert("items", gen_orders.ITEM_COLUMNS, batch.items)
        loader.insert("print_jobs", gen_orders.PRINT_JOB_COLUMNS, batch.print_jobs)
        loader.insert("audit_log", gen_orders.AUDIT_COLUMNS, batch.audit)
        say(f"orders {loader.rows['orders']:,}/{n_orders:,}  items {loader.rows['items']:,}")
    for ledger in generator.ledger_rows(ORDERS_PER_BATCH * 10):
        loader.insert("instruments", gen_orders.INSTRUMENT_COLUMNS, ledger)
    say(f"ledger entries {loader.rows['instruments']:,}")
    say("waiting for the customers' pinyin keys")
    _load_customers(loader, plan, derivation, fmt, clerk_ids[0], generator.owner_department)
    say(f"customers {loader.rows['customers']:,}")
    loader.close_audit_chain()
    loader.insert(
        "number_sequences", ("key", "value"), gen_orders.sequence_rows(generator.sequences)
    )
