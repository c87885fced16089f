"""Importing a 10,000-row e-CQS ledger spreadsheet for one customer.

It runs on a fresh database of its own (migrated, starter catalogue): the import reads
only the customer's own entries, so the size of the rest of the database hardly matters,
and the dataset generator does not fill the ledger's columns yet.

- ``ledger_import_10k_rows_s``: `counter.archive.ledger_xlsx.import_ledger` of a
  10,000-row XLSX (the e-CQS columns and the dates) into a new customer, in one write
  transaction with its commit: the file read, every row checked, the entries added.
- The baseline, measured in the same run, is openpyxl alone reading the same file's
  cells (read-only, values only) — the floor any XLSX import stands on.
- ``ledger_reimport_10k_rows_s``: the same file again (every row found, none changed).

With ``--engine postgresql`` the fresh database is one on the server of ``--pg-url``
(named after ``--pg-database`` with ``_ledger`` added), created for the case and dropped
after it: the cached dataset is not touched.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Iterator

from sqlalchemy import create_engine, text

from benchmarks.context import Bench, Case
from benchmarks.dataset import BENCH_USER, NOW
from benchmarks.measure import Metric
from counter.archive.ledger_xlsx import LedgerImport, import_ledger
from counter.archive.rules.ledger_columns import ECQS_COLUMNS
from counter.clock import FixedClock
from counter.customers.records import CustomerForm, create_customer
from counter.intake.catalog import list_types, seed_catalog
from db.engine import Database, make_engine, sqlite_url
from db.migrate import upgrade
from db.models import User

ROWS = 10_000
USES = ("贸易结算", "安全防护", "医疗卫生", "环境监测", "")
HEADINGS = [h for h, _f in ECQS_COLUMNS] + ["最近检定日期", "有效期至"]


def ledger_file(type_names: list[str]) -> bytes:
    """A market's ledger as e-CQS exports it: 10,000 rows over the whole catalogue."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(HEADINGS)
    start = dt.date(2025, 1, 1)
    for n in range(ROWS):
        name = type_names[n % len(type_names)]
        sheet.append([
            name, "", "", f"ACS-{n % 37}", "(0~30)kg", "Ⅲ", f"L{n:07d}", "上海大华电子秤厂",
            "上海", f"东昌府区农贸市场 {n % 400 + 1} 号摊位", "371502", 1 + n % 3,
            USES[n % len(USES)], "送检" if n % 4 else "现场检定",
            start + dt.timedelta(days=n % 365), None,
        ])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def openpyxl_read(data: bytes) -> int:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _fresh_database(bench: Bench) -> Database:
    if bench.engine == "postgresql":
        engine = make_engine(_pg_scratch(bench, create=True))
    else:
        bench.scratch_dir.mkdir(parents=True, exist_ok=True)
        path = bench.scratch_dir / "ledger-import.db"
        path.unlink(missing_ok=True)
        engine = make_engine(sqlite_url(path))
    upgrade(engine)
    database = Database(engine)
    with database.action() as session:
        seed_catalog(session)
        session.add(User(username=BENCH_USER, full_name="基准收发员", password_hash="x",
                         roles="intake", active=True, created_at=NOW))  # fmt: skip
    return database


def _pg_scratch(bench: Bench, *, create: bool) -> str:
    """Drop the case's PostgreSQL database (and create it afresh): its URL."""
    admin_url = bench.options.pg_url
    name = f"{bench.options.pg_database}_ledger"
    admin = create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if create:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def ledger_import(bench: Bench) -> Iterator[Metric]:
    database = _fresh_database(bench)
    try:
        yield from _measure(bench, database)
    finally:
        database.dispose()
        if bench.engine == "postgresql":
            _pg_scratch(bench, create=False)


def _measure(bench: Bench, database: Database) -> Iterator[Metric]:
    clock = FixedClock(NOW + dt.timedelta(hours=3))
    actor = bench.actor(database, BENCH_USER)
    with database.action() as session:
        names = [t.name for t in list_types(session)]
        form = CustomerForm(name="基准农贸市场（台账导入）", size="small")
        customer_id = create_customer(session, actor, clock, form).id
    data = ledger_file(names)
    start = time.perf_counter()
    if openpyxl_read(data) != ROWS + 1:
        raise AssertionError("openpyxl lost rows")
    baseline = time.perf_counter() - start
    results: list[tuple[float, LedgerImport]] = []
    for _run in range(2):
        start = time.perf_counter()
        with database.action() as session:
            done = import_ledger(session, actor, clock, customer_id, data, "台账.xlsx")
        results.append((time.perf_counter() - start, done))
    (first, added), (again, unchanged) = results
    if added.added != ROWS or unchanged.unchanged != ROWS:
        raise AssertionError(f"import counts wrong: {added}, {unchanged}")
    extra = (("rows", ROWS), ("baseline_openpyxl_read_s", round(baseline, 3)),
             ("ratio_to_baseline", round(first / baseline, 2)))  # fmt: skip
    yield Metric("ledger_import_10k_rows_s", round(first, 3), "s", extra=extra)
    yield Metric("ledger_reimport_10k_rows_s", round(again, 3), "s",
                 note="the same file again: every row found, none changed")  # fmt: skip


METRICS = ("ledger_import_10k_rows_s", "ledger_reimport_10k_rows_s")
CASES = (Case("ledger_import", METRICS, ledger_import, needs_dataset=False, postgresql=True),)
