"""The benchmarks on PostgreSQL (``--engine postgresql``): the dataset is built with COPY in
a database of its own, reused by the next run, and holds the same data as the SQLite one
(the statistics count the same units); every case runs there, each figure a number, and
the cases that write leave the dataset as they found it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from benchmarks.__main__ import EXIT_GOAL_MISSED
from benchmarks.cases import CASES
from benchmarks.pg_dataset import database_url, pg_database_name
from tests.conftest import PG_ADMIN_URL

ROOT = Path(__file__).resolve().parents[2]
STATS = ("stats_year_by_department", "stats_turnaround_histogram", "stats_regulator_report")
#: the slow ones (the app started, installed; a 10,000-row spreadsheet) run in a test apart
APART = ("cold_start", "memory", "ledger_import")
#: what a case that writes could leave behind
TABLES = ("orders", "items", "customers", "certificates", "audit_log", "settings",
          "regulations", "fee_rows", "users", "instruments", "statement_lines")  # fmt: skip


def _run(*args: str) -> dict[str, dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert result.returncode in (0, EXIT_GOAL_MISSED), result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    not_numbers = [m for m in lines if not isinstance(m["value"], int | float)]
    assert not not_numbers, not_numbers
    return {m["name"]: m for m in lines}


def _rows(name: str) -> dict[str, object]:
    """Rows per table, the audit chain's head and the settings' keys of database `name`."""
    engine = create_engine(database_url(PG_ADMIN_URL, name))
    with engine.connect() as conn:
        out: dict[str, object] = {
            t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in TABLES
        }
        out["chain"] = tuple(conn.execute(text("SELECT seq, row_hash FROM audit_chain")).one())
        out["settings"] = conn.execute(
            text("SELECT string_agg(key, ',' ORDER BY key) FROM settings")
        ).scalar_one()
        # the build drops the bigram index's primary key for its load and puts it back
        out["bigram_keys"] = conn.execute(
            text(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'customer_bigrams'::regclass AND contype = 'p'"
            )
        ).all()
    engine.dispose()
    return out


def _drop(name: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for db in (name, f"{name}_building"):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.slow
@pytest.mark.postgres
def test_every_case_runs_on_a_postgresql_dataset_equal_to_the_sqlite_one(
    tmp_path: Path, pg_url: str
) -> None:
    # pg_url: skipped (or failed in CI) when the server cannot be reached
    items = 1000 + os.getpid() % 997  # a size of its own: parallel runs build apart
    name = pg_database_name(items)
    args = ("--items", str(items), "--pg-url", PG_ADMIN_URL, "--cache-dir", str(tmp_path))
    cases = [c for c in CASES if c.needs_dataset and c.name not in APART]
    _drop(name)
    try:
        built = _run("--engine", "postgresql", "--only", "dataset", *args)
        fresh = _rows(name)
        pg = _run("--engine", "postgresql", "--only", ",".join(c.name for c in cases), *args)
        left = _rows(name)
    finally:
        _drop(name)
    assert not list(tmp_path.glob("counter-*items-*.db")), "no SQLite dataset was built"
    assert {m for c in cases for m in c.metrics} <= pg.keys(), "every case ran on PostgreSQL"
    assert all(m["engine"] == "postgresql" for m in (*built.values(), *pg.values()))
    assert left == fresh, "the cases that write left the dataset as they found it"
    assert fresh["bigram_keys"] == [("PRIMARY KEY (bigram, customer_id)",)]
    assert built["dataset_build_s"]["database"] == name
    assert built["dataset_build_s"]["note"].startswith("built in this run")
    assert pg["dataset_build_s"]["note"].startswith("cached"), "a rerun reuses the database"
    for baseline in ("scan_lookup_median_ms", "customer_search_p95_ms", "orders_page_ms"):
        assert pg[baseline]["value"] > 0
    assert pg["customer_search_p95_ms"]["raw_sql_p95_ms"] > 0
    assert pg["orders_page_ms"]["raw_sql_median_ms"] > 0
    assert pg["raw_sql_item_lookup_median_ms"]["value"] > 0
    assert "psycopg" in pg["recall_due_month_raw_sql_ms"]["note"]
    assert pg["cert_check_per_s"]["certificates"] > 0
    assert pg["save_order_50_items_ms"]["value"] > 0
    for stat in STATS:
        assert pg[f"{stat}_ms"]["value"] > 0 and "goal" in pg[f"{stat}_ms"]
    assert all(pg[n]["value"] >= 0 for n in pg if n.endswith("_raw_sql_ms"))
    assert "psycopg" in pg["stats_turnaround_raw_sql_ms"]["note"]
    lite = _run("--only", "stats", *args)
    assert all(m["engine"] == "sqlite" for m in lite.values())
    for stat, keys in (
        ("stats_year_by_department", ("received", "finished", "cells")),
        ("stats_turnaround_histogram", ("finished", "median_wd", "p90_wd")),
        ("stats_regulator_report", ("compulsory_units",)),
    ):
        got = {k: pg[f"{stat}_ms"][k] for k in keys}
        assert got == {k: lite[f"{stat}_ms"][k] for k in keys}, stat
    assert pg["stats_year_by_department_ms"]["finished"] > 0


@pytest.mark.slow
@pytest.mark.postgres
def test_the_app_started_and_the_ledger_import_run_on_postgresql(
    tmp_path: Path, pg_url: str
) -> None:
    items = 1000 + (os.getpid() + 499) % 997
    name, scratch = pg_database_name(items), f"pgbench_apart_{os.getpid()}"
    _drop(name)
    try:
        _run("--engine", "postgresql", "--only", "dataset", "--items", str(items),
             "--pg-url", PG_ADMIN_URL, "--cache-dir", str(tmp_path))  # fmt: skip
        fresh = _rows(name)
        pg = _run("--engine", "postgresql", "--only", ",".join(APART), "--items", str(items),
                  "--pg-url", PG_ADMIN_URL, "--pg-database", scratch,
                  "--cache-dir", str(tmp_path))  # fmt: skip
        left = _rows(name)
    finally:
        _drop(name)
        _drop(f"{scratch}_ledger")
    assert {m for c in CASES if c.name in APART for m in c.metrics} <= pg.keys()
    assert all(m["engine"] == "postgresql" for m in pg.values())
    assert left == fresh, "the app's login audits and seeded registers were deleted again"
    assert pg["ledger_import_10k_rows_s"]["rows"] == 10_000
