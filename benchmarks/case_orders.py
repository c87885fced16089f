"""The orders list (`counter.orders.listing.page_orders`) and the reprint list.

First page and a keyset page deep in the list (half-way through all orders,
as `fetchMore` would ask after scrolling), then the filters and sorts a clerk
clicks: every sort column, a customer's pinyin or two characters of a name, a status,
a department.  Each figure carries its raw-SQL baseline: the statements the page sent,
replayed through plain sqlite3 (psycopg on PostgreSQL) in the same run
(`benchmarks.raw_replay`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.context import Bench, Case
from benchmarks.goals import ORDERS_LIST_FIGURES
from benchmarks.measure import Metric, median, ms, time_repeat
from benchmarks.raw_replay import ratio, recording, replayer
from counter.intake.documents import reprint_list
from counter.orders.listing import OrderFilter, OrderRow, order_rows, page_orders
from db.models import Order

REPEAT = 15


def _timed(bench: Bench, query: Callable[[Session], object], repeat: int = REPEAT) -> float:
    database = bench.database

    def run() -> None:
        with database.session() as session:
            query(session)

    return ms(median(time_repeat(run, repeat, warmup=1)))


def _figure(bench: Bench, name: str, query: Callable[[Session], object], repeat: int) -> Metric:
    """The page's median time; baseline: the same statements through sqlite3 / psycopg."""
    database = bench.database
    with recording(database.engine) as recorder:

        def run() -> None:
            recorder.next()
            with database.session() as session:
                query(session)

        service = median(time_repeat(run, repeat, warmup=1))
        sent = recorder.calls[-1]
    with bench.raw_connection() as conn:
        replay = replayer(conn)
        raw = median(time_repeat(lambda: replay(sent), repeat, warmup=1))
    extra = (("raw_sql_median_ms", round(ms(raw), 2)), ("ratio_to_raw_sql", ratio(service, raw)))
    return Metric(name, round(ms(service), 2), "ms", extra=extra)


def _row_at(session: Session, position: int) -> OrderRow:
    """The OrderRow the list shows at `position` (newest first), to page on from."""
    order_id = session.scalars(
        select(Order.id)
        .order_by(Order.received_at.desc(), Order.id.desc())
        .offset(position)
        .limit(1)
    ).one()
    row = session.execute(order_rows().where(Order.id == order_id)).one()
    return OrderRow(*row)


def orders_page(bench: Bench) -> Iterator[Metric]:
    with bench.database.session() as session:
        deep = _row_at(session, bench.data.orders // 2)
        busiest = session.scalars(
            select(Order.customer_id)
            .group_by(Order.customer_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
    initials = next(c.pinyin_initials[:4] for c in bench.samples.customers if c.pinyin_initials)
    fragment = next(c.name[2:4] for c in bench.samples.customers if len(c.name) >= 6)
    cases: list[tuple[str, Callable[[Session], object], int]] = [
        ("orders_page_ms", lambda s: page_orders(s), REPEAT),
        ("orders_page_deep_ms", lambda s: page_orders(s, after=deep), REPEAT),
        ("orders_page_by_number_ms", lambda s: page_orders(s, sort="number"), REPEAT),
        ("orders_page_by_customer_ms", lambda s: page_orders(s, sort="customer"), 5),
        (
            "orders_page_by_customer_deep_ms",
            lambda s: page_orders(s, sort="customer", descending=False, after=deep),
            5,
        ),
        ("orders_page_by_status_ms", lambda s: page_orders(s, sort="status"), 5),
        ("orders_page_by_item_count_ms", lambda s: page_orders(s, sort="item_count"), 5),
        (
            "orders_page_by_promised_date_ms",
            lambda s: page_orders(s, sort="promised_date", descending=False),
            5,
        ),
        (
            "orders_page_text_filter_ms",
            lambda s: page_orders(s, OrderFilter(text=initials)),
            5,
        ),
        (
            "orders_page_text_2_chars_ms",
            lambda s: page_orders(s, OrderFilter(text=fragment)),
            5,
        ),
        (
            "orders_page_status_filter_ms",
            lambda s: page_orders(s, OrderFilter(status="on_hold")),
            5,
        ),
        (
            "orders_page_department_filter_ms",
            lambda s: page_orders(s, OrderFilter(department_id=2)),
            5,
        ),
        (
            "orders_of_busiest_customer_ms",
            lambda s: page_orders(s, OrderFilter(customer_id=busiest)),
            REPEAT,
        ),
    ]
    for name, query, repeat in cases:
        yield _figure(bench, name, query, repeat)


def reprints(bench: Bench) -> Iterator[Metric]:
    yield Metric("reprint_list_ms", round(_timed(bench, reprint_list), 2), "ms")


CASES = (
    Case(
        "orders_page",
        ORDERS_LIST_FIGURES,
        orders_page,
        postgresql=True,
    ),
    Case("reprint_list", ("reprint_list_ms",), reprints, postgresql=True),
)
