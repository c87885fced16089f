"""Fees: proposing the fee lines of a 50-item order, and a 500-line statement as PDF.

Both run on the scratch copy of the dataset (they write; on PostgreSQL on the dataset,
inside a transaction rolled back at the end, `benchmarks.context.RolledBackDatabase`):
the starter fee standard is seeded there when the dataset has none, then a customer on monthly
billing hands in ten 50-item orders and gets one statement for all of them.

- ``fee_proposal_50_items_ms``: what the billing screen waits for when a 50-item order
  is scanned: `billing_target` (its statement, else the proposed lines and what prices
  them) in its own read session (`counter.session.read`, as `op.read`), then
  `price_draft` (tiers, add-ons, policies: every line priced), median.  The proposal
  alone (`propose_lines`, no pricing) is reported next to it.
- ``statement_500_lines_pdf_ms``: `counter.billing.statement_pdf` of the 500-line
  statement: lines and adjustments read back from the database, then rendered
  (median).  The render alone is reported next to it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

from benchmarks.context import Bench, Case
from benchmarks.dataset import BENCH_USER, NOW
from benchmarks.measure import Metric, median, ms, time_repeat
from counter.admin.settings import load_settings
from counter.billing import (
    billing_target,
    change_line,
    issue_statement,
    price_draft,
    propose_lines,
    seed_fee_schedule,
    statement_pdf,
    statement_view,
)
from counter.billing.printouts import statement_remarks, to_statement
from counter.billing.rules.printout import statement_print
from counter.clock import FixedClock, local_date
from counter.customers.records import CustomerForm, create_customer
from counter.intake.catalog import list_types
from counter.intake.documents import institute_info
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.session import read
from db.engine import Database
from printing.statement import render_statement_pdf

ITEMS, ORDERS = 50, 10
RUNS, STATEMENT_RUNS = 30, 10
# (instrument type, measuring range, accuracy class, service, use): rows with tiers and
# add-ons, a compulsory free line, and a type the starter standard does not list
MIX = (
    ("钢卷尺", "0-8m", "", "calibration", ""),
    ("通用卡尺", "0-150mm", "", "verification", ""),
    ("千分尺", "0-25mm", "", "calibration", ""),
    ("电子计价秤", "0-30kg", "III", "verification", "trade"),
    ("血压计和血压表", "(0~300)mmHg", "", "calibration", ""),
)


def _orders(bench: Bench, database: Database, clock: FixedClock) -> list[int]:
    actor = bench.actor(database, BENCH_USER)
    with database.action() as session:
        seed_fee_schedule(session)
        types = {t.name: t for t in list_types(session)}
        form = CustomerForm(name="基准月结客户（收费）", account_customer=True, size="small")
        customer = create_customer(session, actor, clock, form)
        ids = []
        for n in range(ORDERS):
            items = tuple(
                ItemDraft(
                    type_id=types[name].id,
                    serial=f"FEE{n:02d}{k:03d}",
                    measuring_range=span,
                    accuracy_class=klass,
                    service=service,
                    use=use,
                    urgency="urgent" if k % 7 == 0 else "normal",
                )
                for k, (name, span, klass, service, use) in enumerate(MIX * (ITEMS // len(MIX)))
            )
            draft = OrderDraft(customer.id, items, request_token=f"bench-fees-{n}")
            saved = save_order(
                session, actor, clock, draft, types={t.id: t for t in types.values()}
            )
            ids.append(saved.order_id)
    return ids


def fees(bench: Bench) -> Iterator[Metric]:
    with bench.scratch_database() as database:
        yield from _measure(bench, database)


def _measure(bench: Bench, database: Database) -> Iterator[Metric]:
    clock = FixedClock(NOW + dt.timedelta(hours=2))
    order_ids = _orders(bench, database, clock)
    today = local_date(clock.now())

    def screen_waits() -> None:
        target = read(database, lambda s: billing_target(s, [order_ids[0]], today=today))
        if target.draft is None or len(price_draft(target.draft)) != ITEMS:
            raise AssertionError("fee proposal lost items")

    def propose() -> None:
        with database.session() as session:
            if len(propose_lines(session, [order_ids[0]], today=today)) != ITEMS:
                raise AssertionError("fee proposal lost items")

    start = time.perf_counter()
    screen_waits()
    first = time.perf_counter() - start
    times = time_repeat(screen_waits, RUNS, warmup=3)
    yield Metric("fee_proposal_50_items_ms", round(ms(median(times)), 2), "ms",
                 note="billing_target + price_draft: what the billing screen waits for",
                 extra=(("runs", RUNS), ("max_ms", round(ms(max(times)), 2)),
                        ("first_ms", round(ms(first), 1))))  # fmt: skip
    lines_only = time_repeat(propose, RUNS, warmup=1)
    yield Metric("fee_proposal_lines_only_ms", round(ms(median(lines_only)), 2), "ms",
                 note="propose_lines alone: no statement look-up, no pricing")  # fmt: skip

    actor = bench.actor(database, BENCH_USER)
    with database.action() as session:
        lines = [
            change_line(x, unit_price_fen=8000, reason="所内校准价") if x.unpriced else x
            for x in propose_lines(session, order_ids, today=today)
        ]
        statement_id = issue_statement(session, actor, clock, order_ids, lines).id

    def pdf() -> None:
        with database.session() as session:
            if not statement_pdf(session, statement_id).startswith(b"%PDF"):
                raise AssertionError("statement PDF is empty")

    times = time_repeat(pdf, STATEMENT_RUNS, warmup=2)
    with database.session() as session:
        view = statement_view(session, statement_id)
        institute = institute_info(load_settings(session))
    data = statement_print(to_statement(view), institute, statement_remarks(view))
    render = time_repeat(lambda: render_statement_pdf(data), STATEMENT_RUNS, warmup=1)
    yield Metric("statement_500_lines_pdf_ms", round(ms(median(times)), 1), "ms",
                 extra=(("lines", len(view.lines)), ("runs", STATEMENT_RUNS),
                        ("max_ms", round(ms(max(times)), 1))))  # fmt: skip
    yield Metric("statement_500_lines_render_ms", round(ms(median(render)), 1), "ms",
                 note="printing.statement.render_statement_pdf alone")  # fmt: skip


CASES = (
    Case(
        "fees",
        (
            "fee_proposal_50_items_ms",
            "fee_proposal_lines_only_ms",
            "statement_500_lines_pdf_ms",
            "statement_500_lines_render_ms",
        ),
        fees,
        postgresql=True,
    ),
)
