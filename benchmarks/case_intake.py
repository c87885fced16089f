"""Saving a 50-item order and printing its labels and receipt, on a copy of the dataset.

On PostgreSQL it runs on the dataset inside one transaction rolled back at the end
(`benchmarks.context.RolledBackDatabase`): each Save's commit releases a savepoint, so
``save_order_50_items_db_ms`` there lacks the commit's WAL flush.

One run is what the clerk waits for after pressing Save: `save_order` in one
write transaction with its commit, then `labels_pdf` (50 labels) and
`receipt_pdf`, each in its own read session as the print preview opens them.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator

from benchmarks.context import Bench, Case
from benchmarks.dataset import CLERKS, NOW
from benchmarks.measure import Metric, median, ms
from counter.clock import FixedClock
from counter.intake.catalog import TypeInfo, list_types
from counter.intake.documents import labels_pdf, receipt_pdf
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from db.engine import Database

ITEMS = 50
WARMUP = 2
RUNS = 10


def draft(rng: random.Random, customer_id: int, types: list[TypeInfo], run: int) -> OrderDraft:
    """A hospital or a market bringing 50 instruments of a few types, all with serials."""
    chosen = rng.sample(types, 4)
    items = []
    for n in range(ITEMS):
        info = chosen[n % len(chosen)]
        uses = sorted(u.value for u in info.compulsory_uses)
        items.append(
            ItemDraft(
                type_id=info.id,
                model=f"YE-{rng.randrange(100, 999)}",
                serial=f"BENCH{run:03d}{n:03d}{rng.randrange(10**6):06d}",
                manufacturer="鱼跃医疗设备股份有限公司",
                measuring_range="(0~300)mmHg",
                service="verification",
                use=uses[0] if uses else "",
                condition="外观完好",
                urgency="urgent" if n % 10 == 0 else "normal",
            )
        )
    return OrderDraft(
        customer_id=customer_id,
        items=tuple(items),
        contact_name="张三",
        contact_phone="13800138000",
        request_token=f"bench-{run}-{rng.getrandbits(64):016x}",
    )


def save_order_50(bench: Bench) -> Iterator[Metric]:
    with bench.scratch_database() as database:
        yield from _measure(bench, database)


def _measure(bench: Bench, database: Database) -> Iterator[Metric]:
    rng = bench.rng("save-order")
    actor = bench.actor(database, CLERKS[0])
    clock = FixedClock(NOW)
    with database.session() as session:
        types = list_types(session)
    customers = [c.id for c in bench.samples.customers]
    totals, saves, labels, receipts = [], [], [], []
    clock_now = time.perf_counter
    for run in range(WARMUP + RUNS):
        clock.advance(dt.timedelta(minutes=3))
        order = draft(rng, customers[run % len(customers)], types, run)
        start = clock_now()
        with database.action() as session:
            saved = save_order(session, actor, clock, order)
        saved_at = clock_now()
        with database.session() as session:
            label_bytes = labels_pdf(session, saved.order_id)
        labels_at = clock_now()
        with database.session() as session:
            receipt_bytes = receipt_pdf(session, saved.order_id)
        end = clock_now()
        if len(saved.item_numbers) != ITEMS or not label_bytes or not receipt_bytes:
            raise AssertionError("save_order benchmark produced an incomplete order")
        if run == 0:
            yield Metric("save_order_50_items_first_ms", round(ms(end - start), 1), "ms",
                         note="first run in the process: fonts and mappers warm up")  # fmt: skip
        if run >= WARMUP:
            totals.append(end - start)
            saves.append(saved_at - start)
            labels.append(labels_at - saved_at)
            receipts.append(end - labels_at)
    yield Metric("save_order_50_items_ms", round(ms(median(totals)), 1), "ms",
                 extra=(("runs", RUNS), ("max_ms", round(ms(max(totals)), 1))))  # fmt: skip
    yield Metric("save_order_50_items_db_ms", round(ms(median(saves)), 1), "ms")
    yield Metric("labels_pdf_50_ms", round(ms(median(labels)), 1), "ms")
    yield Metric("receipt_pdf_50_ms", round(ms(median(receipts)), 1), "ms")


CASES = (
    Case(
        "save_order",
        (
            "save_order_50_items_first_ms",
            "save_order_50_items_ms",
            "save_order_50_items_db_ms",
            "labels_pdf_50_ms",
            "receipt_pdf_50_ms",
        ),
        save_order_50,
        postgresql=True,
    ),
)
