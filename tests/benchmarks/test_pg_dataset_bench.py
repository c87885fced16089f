"""The statistics benchmarks on PostgreSQL (``--engine postgresql``): the dataset is built
with COPY in a database of its own, reused by the next run, and holds the same data as the
SQLite one (the statistics count the same units)."""

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
from benchmarks.pg_dataset import pg_database_name
from tests.conftest import PG_ADMIN_URL

ROOT = Path(__file__).resolve().parents[2]
STATS = ("stats_year_by_department", "stats_turnaround_histogram", "stats_regulator_report")


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
    return {m["name"]: m for m in lines}


def _drop(name: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for db in (name, f"{name}_building"):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.slow
@pytest.mark.postgres
def test_statistics_run_on_a_postgresql_dataset_equal_to_the_sqlite_one(
    tmp_path: Path, pg_url: str
) -> None:
    # pg_url: skipped (or failed in CI) when the server cannot be reached
    items = 1000 + os.getpid() % 997  # a size of its own: parallel runs build apart
    name = pg_database_name(items)
    args = ("--items", str(items), "--pg-url", PG_ADMIN_URL, "--cache-dir", str(tmp_path))
    _drop(name)
    try:
        pg = _run("--engine", "postgresql", "--only", "dataset,stats,scan_lookup", *args)
        again = _run("--engine", "postgresql", "--only", "dataset", *args)
    finally:
        _drop(name)
    assert not list(tmp_path.glob("counter-*items-*.db")), "no SQLite dataset was built"
    assert "scan_lookup_median_ms" not in pg, "the cases not ported are skipped"
    assert all(m["engine"] == "postgresql" for m in pg.values())
    assert pg["dataset_build_s"]["database"] == name
    assert pg["dataset_build_s"]["note"].startswith("built in this run")
    assert again["dataset_build_s"]["note"].startswith("cached"), "a rerun reuses the database"
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
