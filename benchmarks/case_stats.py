"""Statistics on the 2,000,000-item database (issue 14), each with a raw-SQL baseline.

The dataset holds orders and items but no lab history, so the statistics run on a
derived copy (cached beside the dataset, made again when the dataset is newer) where
every item checked or released that came in between December 2024 and December 2025
got a passed certificate and final check at its last change (one in 33 also a
sent-back check the day before): about 680,000 of each; the items' finished date and
turnaround are then filled in as the migration that added them does
(`counter.statistics.finished.backfill_finished`).  Figures are for 2025.

- `stats_year_by_department_ms`: units and orders received, finished, released and
  returned per department and month (`counter.statistics.volume.volume_table`).
- `stats_turnaround_histogram_ms`: on-time rate and the turnaround histogram in working
  days (`counter.statistics.promises.turnaround`).
- `stats_regulator_report_ms`: compulsory units by use and type, fees waived, against
  2024 (`counter.statistics.regulator.regulator_tables`).
Baselines: the plain GROUP BY a developer would write first, through `sqlite3`.

With ``--engine postgresql`` the same figures come from the PostgreSQL dataset, which
holds the same year of lab history (`benchmarks.pg_dataset`); the baselines are the
same GROUP BYs in PostgreSQL's words, through psycopg.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from benchmarks.context import Bench, Case
from benchmarks.dataset import NOW
from benchmarks.measure import Metric, log, median, ms, time_repeat
from counter.statistics.finished import backfill_finished
from counter.statistics.promises import turnaround
from counter.statistics.regulator import regulator_tables
from counter.statistics.rules.filters import year_filter
from counter.statistics.volume import volume_table
from db.engine import Database, make_engine, sqlite_url

REPEAT = 5
YEAR = 2025
LAB_FROM, LAB_TO = "2024-11-30 16:00:00", "2025-12-31 16:00:00"
LO, HI = "2024-12-31 16:00:00", "2025-12-31 16:00:00"  # 2025 in Beijing time, as stored

CERTIFICATES = """
INSERT INTO certificates (id, number, item_id, type, status, amendment_reason, content,
    revision, performed, issued, verdict, regulation, record_number, verifier, checker,
    approver, digest, check_seq, blocking_count, warning_count, created_by_id, created_at,
    updated_at, void_reason)
SELECT i.id, 'B' || i.id, i.id, 'verification', 'passed', '', '{}', 1,
    date(i.updated_at, '+8 hours'), date(i.updated_at, '+8 hours'), 'pass', '', '', '', '',
    '', '', 0, 0, 0, 1, i.updated_at, i.updated_at, ''
FROM items i
WHERE i.status IN ('checked', 'released') AND i.created_at >= ? AND i.created_at < ?
"""
CHECKS = """
INSERT INTO final_checks (certificate_id, revision, reviewer_id, at, outcome, comment,
    blocking_keys)
SELECT id, 1, 1, created_at, 'passed', '', '[]' FROM certificates
UNION ALL
SELECT id, 1, 1, datetime(created_at, '-1 day'), 'returned', '更正', '[]' FROM certificates
WHERE id % 33 = 0
"""
RAW_VOLUME = """
SELECT department_id, strftime('%Y-%m', created_at, '+8 hours') AS month, count(*),
    count(DISTINCT order_id)
FROM items WHERE created_at >= ? AND created_at < ? AND status != 'voided' GROUP BY 1, 2
"""
RAW_TURNAROUND = """
SELECT CAST(julianday(f.at) - julianday(i.created_at) AS INTEGER) AS days, count(*)
FROM final_checks f JOIN certificates c ON c.id = f.certificate_id
JOIN items i ON i.id = c.item_id
WHERE f.outcome = 'passed' AND f.at >= ? AND f.at < ? GROUP BY 1
"""
RAW_REGULATOR = """
SELECT use, type_id, count(*) FROM items
WHERE compulsory = 1 AND created_at >= ? AND created_at < ? AND status != 'voided'
GROUP BY 1, 2
"""

# the baselines on PostgreSQL (parameters: timestamptz text)
PG_RAW_VOLUME = """
SELECT department_id, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
    count(*), count(DISTINCT order_id)
FROM items WHERE created_at >= %s AND created_at < %s AND status != 'voided' GROUP BY 1, 2
"""
PG_RAW_TURNAROUND = """
SELECT floor(extract(epoch FROM f.at - i.created_at) / 86400)::int AS days, count(*)
FROM final_checks f JOIN certificates c ON c.id = f.certificate_id
JOIN items i ON i.id = c.item_id
WHERE f.outcome = 'passed' AND f.at >= %s AND f.at < %s GROUP BY 1
"""
PG_RAW_REGULATOR = """
SELECT "use", type_id, count(*) FROM items
WHERE compulsory AND created_at >= %s AND created_at < %s AND status != 'voided'
GROUP BY 1, 2
"""


def lab_copy(bench: Bench) -> Path:
    """The dataset with a year of lab history added (made once, cached beside it)."""
    source = bench.dataset.path
    target = source.with_name(source.stem + "-lab.db")
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    started = time.perf_counter()
    log(f"[stats] deriving {target.name}: a year of certificates and final checks")
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    temp = target.with_suffix(".building")
    shutil.copyfile(source, temp)
    with closing(sqlite3.connect(temp)) as conn:
        conn.execute(CERTIFICATES, (LAB_FROM, LAB_TO))
        conn.execute(CHECKS)
        conn.commit()
    # the items' finished date and turnaround, as the migration that added them fills them
    database = Database(make_engine(sqlite_url(temp)))
    try:
        with database.action() as session:
            backfill_finished(session)
    finally:
        database.dispose()
    with closing(sqlite3.connect(temp)) as conn:
        conn.execute("ANALYZE")
    temp.rename(target)
    log(f"[stats] derived in {time.perf_counter() - started:.1f} s")
    return target


def _raw(path: Path, sql: str, *params: str) -> float:
    with closing(sqlite3.connect(path)) as conn:
        return ms(median(time_repeat(lambda: conn.execute(sql, params).fetchall(), REPEAT)))


def _pg_raw(url: str, sql: str, *params: str) -> float:
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        pg_params = tuple(f"{p}+00" for p in params)

        def once() -> object:
            return cursor.execute(sql, pg_params).fetchall()

        return ms(median(time_repeat(once, REPEAT)))


def stats(bench: Bench) -> Iterator[Metric]:
    if bench.engine == "postgresql":
        url = bench.pg_dataset.url
        sqls = (PG_RAW_VOLUME, PG_RAW_TURNAROUND, PG_RAW_REGULATOR)
        through = "psycopg"

        def raw(sql: str, *params: str) -> float:
            return _pg_raw(url, sql, *params)
    else:
        path = lab_copy(bench)
        url = sqlite_url(path)
        sqls = (RAW_VOLUME, RAW_TURNAROUND, RAW_REGULATOR)
        through = "sqlite3"

        def raw(sql: str, *params: str) -> float:
            return _raw(path, sql, *params)

    database = Database(make_engine(url))
    f, today = year_filter(YEAR), NOW.date()
    try:
        with database.session() as session:
            table = volume_table(session, f)
            t = turnaround(session, f, today)
            regulator = regulator_tables(session, f)

        def timed(fn: Callable[[Session], object]) -> float:
            def once() -> object:
                with database.session() as session:
                    return fn(session)

            return round(ms(median(time_repeat(once, REPEAT))), 1)

        totals = table.rows[-1]
        yield Metric("stats_year_by_department_ms", timed(lambda s: volume_table(s, f)), "ms",
                     extra=(("year", YEAR), ("received", totals[2]), ("finished", totals[4]),
                            ("cells", len(table.rows) - 1), ("runs", REPEAT)))  # fmt: skip
        yield Metric("stats_year_by_department_raw_sql_ms", round(raw(sqls[0], LO, HI), 1), "ms",
                     note="baseline: received only, by department and month, one "
                     f"GROUP BY through {through}")  # fmt: skip
        yield Metric("stats_turnaround_histogram_ms", timed(lambda s: turnaround(s, f, today)),
                     "ms", extra=(("finished", t.finished), ("median_wd", t.median),
                                  ("p90_wd", t.p90), ("runs", REPEAT)))  # fmt: skip
        note = f"baseline: calendar-day histogram, one GROUP BY through {through}"
        yield Metric("stats_turnaround_raw_sql_ms", round(raw(sqls[1], LO, HI), 1), "ms",
                     note=note)  # fmt: skip
        compulsory = sum(int(str(r[1])) for r in regulator[0].rows)
        yield Metric("stats_regulator_report_ms", timed(lambda s: regulator_tables(s, f)), "ms",
                     extra=(("compulsory_units", compulsory), ("runs", REPEAT)))  # fmt: skip
        last = (str(int(LO[:4]) - 1) + LO[4:], LO)
        both = round(raw(sqls[2], LO, HI) + raw(sqls[2], *last), 1)
        note = f"baseline: units by use and type, this year and last, GROUP BY through {through}"
        yield Metric("stats_regulator_raw_sql_ms", both, "ms", note=note)
    finally:
        database.dispose()


METRICS = (
    "stats_year_by_department_ms", "stats_year_by_department_raw_sql_ms",
    "stats_turnaround_histogram_ms", "stats_turnaround_raw_sql_ms",
    "stats_regulator_report_ms", "stats_regulator_raw_sql_ms",
)  # fmt: skip
CASES = (Case("stats", METRICS, stats, postgresql=True),)
