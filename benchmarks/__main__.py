"""``python -m benchmarks [--engine sqlite|postgresql] [--items N] [--only A,B]
[--cache-dir DIR] [--list] [--profile] [--pg-url URL] [--pg-database NAME] [--pg-orders N]
[--plan-scale F]``.

Speed goals of the counter on a realistic, cached SQLite dataset (built only
when a selected case needs it), and of eight counters sharing PostgreSQL.  One JSON
object per line on stdout; progress (and --profile output) on stderr.

With ``--engine postgresql`` the dataset is built (once, kept in a database named by
its size, head revision and data version) on the server of --pg-url, and the cases
ported to it (all of them today: `benchmarks.cases.postgresql_cases`) run there; the
baselines are the same statements through psycopg instead of sqlite3, and the cases
that write leave that database as they found it (`benchmarks.context`).

Exit status: 0 when every figure was measured and met its goal; 1 when a goal was
missed; 2 for a usage error (an unknown name in --only); 3 when a figure could not be
measured (its value is null, the reason in its note) or a case failed with an error.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.cases import CASES, postgresql_cases, select_cases
from benchmarks.context import Bench, Options
from benchmarks.dataset import ensure_dataset
from benchmarks.measure import log
from benchmarks.pg_dataset import ensure_pg_dataset

DEFAULT_CACHE = Path(__file__).resolve().parent / ".cache"
DEFAULT_ITEMS = 2_000_000
PROFILE_TOP = 30
EXIT_GOAL_MISSED = 1
EXIT_NOT_MEASURED = 3


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--items",
        type=int,
        default=DEFAULT_ITEMS,
        help="items in the dataset (orders = N/10, customers = N/20); default 2,000,000",
    )
    parser.add_argument(
        "--engine",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="the database the dataset cases run on; postgresql: on the server of --pg-url",
    )
    parser.add_argument(
        "--only", help="comma-separated case or metric names (see --list); default: all"
    )
    parser.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE, help="where built datasets are kept"
    )
    parser.add_argument(
        "--pg-url", default=Options.pg_url, help="a PostgreSQL server's maintenance database"
    )
    parser.add_argument(
        "--pg-database",
        default=Options.pg_database,
        help="database created afresh on that server for the PostgreSQL cases",
    )
    parser.add_argument(
        "--pg-orders",
        type=int,
        default=Options.pg_orders,
        help="orders saved by each of the 8 counters in pg_orders; default 150",
    )
    parser.add_argument(
        "--plan-scale",
        type=float,
        default=Options.plan_scale,
        help="size of the appointment plan cases' inputs (1 = 447 shops / 2,000 customers)",
    )
    parser.add_argument("--list", action="store_true", help="list the cases and their metrics")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run each case under cProfile and print the top functions to stderr",
    )
    args = parser.parse_args(argv)
    if args.pg_orders < 1:
        parser.error("--pg-orders must be at least 1")
    if not 0 < args.plan_scale <= 1:
        parser.error("--plan-scale must be more than 0 and at most 1")
    if args.items < 20:
        parser.error("--items must be at least 20")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        for case in CASES:
            print(f"{case.name}: {', '.join(case.metrics)}")
        return 0
    cases = select_cases(args.only.split(",") if args.only else None)
    pg_dataset = None
    if args.engine == "postgresql":
        cases, skipped = postgresql_cases(cases)
        if skipped:
            log(f"[bench] not yet ported to PostgreSQL, skipped: {', '.join(skipped)}")
    needed = any(case.needs_dataset for case in cases)
    dataset = None
    if needed and args.engine == "postgresql":
        pg_dataset = ensure_pg_dataset(args.pg_url, args.items)
    elif needed:
        dataset = ensure_dataset(args.cache_dir, args.items)
    options = Options(args.pg_url, args.pg_database, args.pg_orders, args.plan_scale)
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    missed: list[str] = []
    unmeasured: list[str] = []
    with tempfile.TemporaryDirectory(dir=args.cache_dir, prefix="scratch-") as scratch:
        bench = Bench(dataset, Path(scratch), options, pg_dataset, args.engine)
        try:
            for case in cases:
                started = time.perf_counter()
                log(f"[bench] {case.name} …")
                profiler = cProfile.Profile() if args.profile else None
                if profiler is not None:
                    profiler.enable()
                try:
                    for metric in case.run(bench):
                        print(metric.to_json(args.engine), flush=True)
                        if metric.value is None:
                            unmeasured.append(f"{metric.name} ({metric.note})")
                        elif not metric.meets_goal():
                            missed.append(metric.name)
                except Exception as error:  # the other cases still run
                    unmeasured.append(f"case {case.name} failed: {error!r}")
                    traceback.print_exc(file=sys.stderr)
                if profiler is not None:
                    profiler.disable()
                    stats = pstats.Stats(profiler, stream=sys.stderr)
                    stats.sort_stats("cumulative").print_stats(PROFILE_TOP)
                log(f"[bench] {case.name} took {time.perf_counter() - started:.1f} s")
        finally:
            bench.close()
    return _verdict(missed, unmeasured)


def _verdict(missed: list[str], unmeasured: list[str]) -> int:
    for what in unmeasured:
        log(f"[bench] NOT MEASURED: {what}")
    if missed:
        log(f"[bench] GOAL MISSED: {', '.join(missed)}")
    if unmeasured:
        return EXIT_NOT_MEASURED
    return EXIT_GOAL_MISSED if missed else 0


if __name__ == "__main__":
    sys.exit(main())
