"""Every benchmark, in the order they run.  Add a case: write a small function
``(bench) -> Iterator[Metric]`` in a ``case_*.py`` module, list it in that
module's ``CASES``, and add the module here; put its goal in `benchmarks.goals`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

from sqlalchemy import create_engine, text

from benchmarks import (
    case_campaign,
    case_customers,
    case_intake,
    case_ledger,
    case_orders,
    case_pg_numbering,
    case_plan,
    case_recall,
    case_scan,
    case_startup,
    case_stats,
    cert_cases,
    fees_cases,
)
from benchmarks.context import Bench, Case
from benchmarks.measure import Metric, log


def dataset_info(bench: Bench) -> Iterator[Metric]:
    if bench.engine == "postgresql":
        yield from pg_dataset_info(bench)
        return
    data = bench.dataset
    extra = (("items", data.items), ("orders", data.orders), ("customers", data.customers))
    note = "built in this run" if data.built_now else "cached; time of the original build"
    yield Metric("dataset_build_s", data.build_s, "s", note=note, extra=extra)
    yield Metric("dataset_size_mb", round(data.path.stat().st_size / 2**20, 1), "MiB")
    load = os.getloadavg()[0]
    if load > 0.5:
        log(f"[bench] host load average {load:.2f}: other processes compete, timings are noisy")
    yield Metric("host_load_1m", round(load, 2), "", note="load average when the run started")


def pg_dataset_info(bench: Bench) -> Iterator[Metric]:
    data = bench.pg_dataset
    extra = (("items", data.items), ("orders", data.orders), ("customers", data.customers),
             ("database", data.name))  # fmt: skip
    note = "built in this run" if data.built_now else "cached; time of the original build"
    note += " (COPY, indexes, a year of lab history, ANALYZE)"
    yield Metric("dataset_build_s", data.build_s, "s", note=note, extra=extra)
    engine = create_engine(data.url)
    try:
        with engine.connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    finally:
        engine.dispose()
    yield Metric("dataset_size_mb", round(int(size) / 2**20, 1), "MiB")
    yield Metric("host_load_1m", round(os.getloadavg()[0], 2), "", note="load average at start")


CASES: tuple[Case, ...] = (
    Case(
        "dataset",
        ("dataset_build_s", "dataset_size_mb", "host_load_1m"),
        dataset_info,
        postgresql=True,
    ),
    *case_scan.CASES,
    *case_customers.CASES,
    *case_orders.CASES,
    *case_intake.CASES,
    *case_startup.CASES,
    *cert_cases.CASES,
    *fees_cases.CASES,
    *case_recall.CASES,
    *case_ledger.CASES,
    *case_pg_numbering.CASES,
    *case_plan.CASES,
    *case_campaign.CASES,
    *case_stats.CASES,
)


def postgresql_cases(cases: list[Case]) -> tuple[list[Case], list[str]]:
    """(the cases that run with --engine postgresql, the names of those skipped): a case
    runs there when it says ``postgresql=True`` (every case does today) or uses no
    dataset; a new dataset case not yet ported is skipped."""
    ported = [c for c in cases if c.postgresql or not c.needs_dataset]
    return ported, [c.name for c in cases if c not in ported]


def select_cases(only: Iterable[str] | None) -> list[Case]:
    """The cases named (by case name or by any metric they print), in registry order."""
    if only is None:
        return list(CASES)
    wanted = set(only)
    known = {c.name for c in CASES} | {m for c in CASES for m in c.metrics}
    unknown = wanted - known
    if unknown:  # a usage error (exit 2, as argparse's), never mistaken for "goal missed" (1)
        names, choices = ", ".join(sorted(unknown)), ", ".join(sorted(known))
        print(f"unknown benchmark(s): {names}; known: {choices}", file=sys.stderr)
        raise SystemExit(2)
    return [c for c in CASES if c.name in wanted or wanted & set(c.metrics)]
