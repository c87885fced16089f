"""Scanning a label or receipt: `counter.intake.scan.lookup` as the UI calls it, and raw SQL.

The scan box takes one pooled connection per scan, so every lookup here is
``with bench.database.read_connection() as c: lookup(c, code)``.  The baseline is the
same five-table join by item number through a plain `sqlite3` connection on
the same file (psycopg on PostgreSQL), timed over the same codes in the same run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from benchmarks.context import Bench, Case
from benchmarks.measure import Metric, median, ms, percentile, time_each
from counter.intake.scan import lookup

WARMUP = 200

RAW_ITEM_SQL = """
SELECT items.id, items.number, items.status, items.promised_date, orders.id, orders.number,
       customers.name, instrument_types.name, departments.name
FROM items
JOIN orders ON orders.id = items.order_id
JOIN customers ON customers.id = orders.customer_id
JOIN instrument_types ON instrument_types.id = items.type_id
JOIN departments ON departments.id = items.department_id
WHERE items.number = ?
"""


def _service_lookup(bench: Bench) -> Callable[[str], None]:
    database = bench.database

    def run(code: str) -> None:
        with database.read_connection() as conn:
            if lookup(conn, code) is None:
                raise AssertionError(f"scan lookup found nothing for existing code {code}")

    return run


def scan_lookup(bench: Bench) -> Iterator[Metric]:
    samples = bench.samples
    items = samples.item_numbers
    orders = samples.order_numbers[: max(1, len(items) // 10)]
    mixed = items + orders
    bench.rng("scan").shuffle(mixed)
    run = _service_lookup(bench)
    times = time_each(run, mixed, warmup=WARMUP)
    yield Metric("scan_lookup_median_ms", round(ms(median(times)), 3), "ms",
                 extra=(("n", len(mixed)), ("orders_in_mix", len(orders))))  # fmt: skip
    yield Metric("scan_lookup_p99_ms", round(ms(percentile(times, 99)), 3), "ms")
    yield Metric("scan_lookup_max_ms", round(ms(max(times)), 3), "ms")

    # item numbers only: the service against raw sqlite3, same codes, same run
    service = time_each(run, items, warmup=WARMUP)
    sql = bench.raw_sql(RAW_ITEM_SQL)
    with bench.raw_connection() as conn:

        def raw(code: str) -> None:
            if conn.execute(sql, (code,)).fetchone() is None:
                raise AssertionError(f"raw lookup found nothing for {code}")

        raw_times = time_each(raw, items, warmup=WARMUP)
    service_median, raw_median = median(service), median(raw_times)
    yield Metric("scan_item_lookup_median_ms", round(ms(service_median), 3), "ms")
    yield Metric("raw_sql_item_lookup_median_ms", round(ms(raw_median), 4), "ms")
    yield Metric("scan_vs_raw_sql_ratio", round(service_median / raw_median, 2), "x")


def scan_miss(bench: Bench) -> Iterator[Metric]:
    """A well-formed code that names nothing (a label from another institute)."""
    codes = [f"202519{n:06d}001" for n in range(300)]  # a 7-digit sequence never issued
    database = bench.database

    def run(code: str) -> None:
        with database.read_connection() as conn:
            lookup(conn, code)

    times = time_each(run, codes, warmup=50)
    yield Metric("scan_miss_median_ms", round(ms(median(times)), 3), "ms")


CASES = (
    Case(
        "scan_lookup",
        (
            "scan_lookup_median_ms",
            "scan_lookup_p99_ms",
            "scan_lookup_max_ms",
            "scan_item_lookup_median_ms",
            "raw_sql_item_lookup_median_ms",
            "scan_vs_raw_sql_ratio",
        ),
        scan_lookup,
        postgresql=True,
    ),
    Case("scan_miss", ("scan_miss_median_ms",), scan_miss, postgresql=True),
)
