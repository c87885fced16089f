"""Eight counters saving orders at once on one shared PostgreSQL database.

Each of `PROCESSES` processes (its own engine, as each counter PC has) saves
`--pg-orders` small orders of 1–3 items with `save_order`, one write
transaction each, starting together.  Reported: orders saved per second in
total, duplicate numbers, errors, gaps in the sequence, and — measured in the
same run, by the same processes — the raw rate of inserting one order row per
transaction with SQLAlchemy Core (what the database itself allows), and the
ratio of the two.  A dedicated database (`--pg-database`) on the server of
`--pg-url` is dropped and created afresh for every run; no SQLite dataset is needed.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, func, insert, select, text

from benchmarks.context import Bench, Case
from benchmarks.measure import Metric, skipped
from counter.admin.auth import hash_password
from counter.admin.rules.roles import Actor, Role
from counter.billing import seed_fee_schedule
from counter.certificates.registers import seed_registers
from counter.clock import CHINA_TZ, FixedClock
from counter.customers.records import CustomerForm, create_customer
from counter.intake.catalog import list_types, seed_catalog
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.intake.rules.code_shapes import ORDER_RE
from db.engine import Database, make_engine
from db.migrate import upgrade
from db.models import Order, User

PROCESSES = 8
CUSTOMERS = 20
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=CHINA_TZ)
METRICS = (
    "pg_orders_per_s_8_counters",
    "pg_orders_duplicates",
    "pg_orders_errors",
    "pg_orders_gaps",
    "pg_orders_raw_insert_per_s",
    "pg_orders_vs_raw_insert_ratio",
)


@dataclass(frozen=True)
class Setup:
    url: str
    clerk_id: int
    customer_ids: tuple[int, ...]
    type_ids: tuple[int, ...]
    orders: int


def _database_url(admin_url: str, name: str) -> str:
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _fresh_database(admin_url: str, name: str) -> str:
    admin = create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return _database_url(admin_url, name)


def _seed(url: str, orders: int) -> Setup:
    engine = make_engine(url)
    upgrade(engine)
    database = Database(engine)
    clock = FixedClock(NOW)
    try:
        with database.action() as session:
            seed_catalog(session)
            seed_registers(session)
            seed_fee_schedule(session)
            clerk = User(
                username="bench-clerk",
                full_name="王收发",
                password_hash=hash_password("bench-password-1"),
                roles="intake",
                active=True,
                created_at=clock.now(),
            )
            session.add(clerk)
            session.flush()
            actor = Actor(clerk.id, clerk.username, clerk.full_name, frozenset({Role.INTAKE}))
            customer_ids = tuple(
                create_customer(
                    session,
                    actor,
                    clock,
                    CustomerForm(
                        name=f"聊城第{n + 1}计量器具有限公司",
                        contact_name="张三",
                        phone=f"138001{n:05d}",
                        address="山东省聊城市东昌府区 1 号",
                    ),
                ).id
                for n in range(CUSTOMERS)
            )
            type_ids = tuple(t.id for t in list_types(session))
        return Setup(url, clerk.id, customer_ids, type_ids, orders)
    finally:
        database.dispose()


def _draft(rng: random.Random, setup: Setup, worker: int, n: int) -> OrderDraft:
    items = tuple(
        ItemDraft(
            type_id=rng.choice(setup.type_ids),
            model=f"YE-{rng.randrange(100, 999)}",
            serial=f"P{worker}N{n:05d}S{k}",
            manufacturer="鱼跃医疗设备股份有限公司",
            condition="外观完好",
        )
        for k in range(rng.randint(1, 3))
    )
    return OrderDraft(
        customer_id=rng.choice(setup.customer_ids),
        items=items,
        request_token=f"pg-bench-{worker}-{n}-{uuid.uuid4().hex[:8]}",
    )


def _wait(barrier: Any) -> float:
    barrier.wait()
    return time.monotonic()


def _worker(setup: Setup, worker: int, barrier: Any, results: Any) -> None:
    database = Database(make_engine(setup.url, pool_size=1))
    actor = Actor(setup.clerk_id, "bench-clerk", "王收发", frozenset({Role.INTAKE}))
    clock = FixedClock(NOW)
    rng = random.Random(f"pg-orders:{worker}")
    drafts = [_draft(rng, setup, worker, n) for n in range(setup.orders)]
    with database.session() as session:  # connected and warm before the race starts
        types = {t.id: t for t in list_types(session)}
    numbers: list[str] = []
    errors: list[str] = []
    began = _wait(barrier)
    for order in drafts:
        try:
            with database.action() as session:
                numbers.append(save_order(session, actor, clock, order, types=types).number)
        except Exception as error:  # counted and reported, never hidden
            errors.append(f"{type(error).__name__}: {error}"[:300])
    ended = time.monotonic()
    raw_began = _wait(barrier)
    for n in range(setup.orders):
        with database.engine.begin() as conn:
            conn.execute(
                insert(Order).values(
                    number=f"R{worker}-{n}-{uuid.uuid4().hex[:8]}",
                    customer_id=setup.customer_ids[n % len(setup.customer_ids)],
                    channel="counter",
                    received_at=clock.now(),
                    received_by_id=setup.clerk_id,
                    contact_name="",
                    contact_phone="",
                    note="",
                    item_count=0,
                    status="received",
                    void_reason="",
                )
            )
    raw_ended = time.monotonic()
    database.dispose()
    results.put((worker, numbers, errors, began, ended, raw_began, raw_ended))


def pg_orders(bench: Bench) -> Iterator[Metric]:
    options = bench.options
    try:
        url = _fresh_database(options.pg_url, options.pg_database)
    except Exception as error:
        for name in METRICS:
            yield skipped(name, "", f"PostgreSQL not reachable at {options.pg_url}: {error}")
        return
    setup = _seed(url, options.pg_orders)
    context = mp.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    procs = [
        context.Process(target=_worker, args=(setup, w, barrier, results)) for w in range(PROCESSES)
    ]
    for proc in procs:
        proc.start()
    rows = [results.get(timeout=600) for _proc in procs]
    for proc in procs:
        proc.join()
    numbers = [n for row in rows for n in row[1]]
    errors = [e for row in rows for e in row[2]]
    took = max(r[4] for r in rows) - min(r[3] for r in rows)
    raw_took = max(r[6] for r in rows) - min(r[5] for r in rows)
    saved_per_s = len(numbers) / took
    raw_per_s = PROCESSES * setup.orders / raw_took
    duplicates = sum(n - 1 for n in Counter(numbers).values() if n > 1)
    sequences = sorted(int(m.group(3)) for m in map(ORDER_RE.match, numbers) if m)
    gaps = (sequences[-1] - len(sequences)) if sequences else 0
    engine = make_engine(url)
    with engine.connect() as conn:
        stored = conn.scalar(
            select(func.count()).select_from(Order).where(~Order.number.like("R%"))
        )
    engine.dispose()
    extra = (("processes", PROCESSES), ("orders_per_process", setup.orders))
    yield Metric("pg_orders_per_s_8_counters", round(saved_per_s, 1), "orders/s",
                 extra=(*extra, ("saved", len(numbers)), ("stored", stored)))  # fmt: skip
    yield Metric("pg_orders_duplicates", duplicates, "", extra=extra)
    yield Metric("pg_orders_errors", len(errors), "",
                 note="; ".join(sorted(set(errors))[:3]), extra=extra)  # fmt: skip
    yield Metric("pg_orders_gaps", gaps, "", note="numbers skipped in the order sequence")
    raw_note = "one Core INSERT of an order row + commit per transaction"
    yield Metric("pg_orders_raw_insert_per_s", round(raw_per_s, 1), "orders/s",
                 note=raw_note, extra=extra)  # fmt: skip
    yield Metric("pg_orders_vs_raw_insert_ratio", round(raw_per_s / saved_per_s, 2), "",
                 note="raw insert rate / save_order rate")  # fmt: skip


CASES = (Case("pg_orders", METRICS, pg_orders, needs_dataset=False),)
