"""Finding a customer while typing: `counter.customers.records.search_customers`.

A mix of what clerks type: 2–3 characters from the middle of a name, the
first letters of the pinyin initials ("lcjl"), 4–7 digits of a phone number,
and the start of a credit code.  One session per search, as the UI does.  Every
figure carries its raw-SQL baseline: the statements each search sent, replayed through
plain sqlite3 (psycopg on PostgreSQL) right after (`benchmarks.raw_replay`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from benchmarks.context import Bench, Case, CustomerSample
from benchmarks.measure import Metric, median, ms, percentile, time_each
from benchmarks.raw_replay import ratio, recording, replayer
from counter.customers.records import search_customers

PER_KIND = 100
KINDS = ("name", "initials", "phone", "code")


def _query(rng: random.Random, kind: str, c: CustomerSample) -> str | None:
    if kind == "name":
        if len(c.name) < 4:
            return None
        size = rng.choice((2, 3)) if len(c.name) >= 5 else 2
        start = rng.randrange(1, len(c.name) - size)
        return c.name[start : start + size]
    if kind == "initials":
        if len(c.pinyin_initials) < 3:
            return None
        return c.pinyin_initials[: rng.randint(3, min(5, len(c.pinyin_initials)))]
    if kind == "phone":
        digits = "".join(ch for ch in c.phone if ch.isdigit())
        size = rng.randint(4, 7)
        if len(digits) < size:
            return None
        start = rng.randrange(len(digits) - size + 1)
        return digits[start : start + size]
    if not c.credit_code:
        return None
    return c.credit_code[: rng.randint(6, 10)]


def queries(bench: Bench) -> list[tuple[str, str]]:
    """(kind, query) pairs, PER_KIND of each kind, shuffled."""
    rng = bench.rng("customer-search")
    out: list[tuple[str, str]] = []
    for kind in KINDS:
        made = 0
        for customer in bench.samples.customers:
            q = _query(rng, kind, customer)
            if q:
                out.append((kind, q))
                made += 1
            if made == PER_KIND:
                break
    rng.shuffle(out)
    return out


def customer_search(bench: Bench) -> Iterator[Metric]:
    database = bench.database
    pairs = queries(bench)

    def run(pair: tuple[str, str]) -> None:
        with database.session() as session:
            search_customers(session, pair[1])

    with recording(database.engine) as recorder:

        def recorded(pair: tuple[str, str]) -> None:
            recorder.next()
            run(pair)

        times = time_each(recorded, pairs, warmup=20)
        sent = recorder.calls[-len(pairs) :]
    # the baseline: the same statements through plain sqlite3 / psycopg, same queries, same run
    with bench.raw_connection() as conn:
        replay = replayer(conn)
        raw = time_each(replay, sent, warmup=20)
    yield _figure("customer_search_p95_ms", times, raw, extra=(("n", len(times)),))
    yield Metric("customer_search_median_ms", round(ms(median(times)), 2), "ms")
    for kind in KINDS:
        mine = [i for i, (k, _q) in enumerate(pairs) if k == kind]
        if mine:
            yield _figure(
                f"customer_search_{kind}_p95_ms", [times[i] for i in mine], [raw[i] for i in mine]
            )


def _figure(
    name: str, times: list[float], raw: list[float], extra: tuple[tuple[str, Any], ...] = ()
) -> Metric:
    service, baseline = percentile(times, 95), percentile(raw, 95)
    return Metric(name, round(ms(service), 2), "ms", extra=(*extra,
                  ("raw_sql_p95_ms", round(ms(baseline), 2)),
                  ("ratio_to_raw_sql", ratio(service, baseline))))  # fmt: skip


CASES = (
    Case(
        "customer_search",
        (
            "customer_search_p95_ms",
            "customer_search_median_ms",
            *(f"customer_search_{k}_p95_ms" for k in KINDS),
        ),
        customer_search,
        postgresql=True,
    ),
)
