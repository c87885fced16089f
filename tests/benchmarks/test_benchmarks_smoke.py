"""The benchmark runner works end to end on a tiny dataset and a small PostgreSQL run
(no timings are asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("scan_lookup_median_ms", "customer_search_p95_ms")


@pytest.mark.slow
def test_benchmarks_print_json_lines(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--items",
            "2000",
            "--only",
            ",".join(NAMES),
            "--cache-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    metrics = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    by_name = {m["name"]: m for m in metrics}
    for name in NAMES:
        metric = by_name[name]
        assert isinstance(metric["value"], int | float)
        assert metric["unit"] == "ms"
        assert "goal" in metric
    assert all({"name", "value", "unit"} <= m.keys() for m in metrics)
    assert list(tmp_path.glob("counter-2000items-*.db")), "the dataset is cached in --cache-dir"


@pytest.mark.slow
@pytest.mark.postgres
def test_eight_counters_on_postgresql_save_without_duplicates(tmp_path: Path) -> None:
    from tests.conftest import IN_CI, PG_ADMIN_URL

    admin = create_engine(
        PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as error:
        admin.dispose()
        if IN_CI:
            pytest.fail(f"CI=true but PostgreSQL is not reachable: {error}", pytrace=False)
        pytest.skip(f"PostgreSQL not reachable: {error}")
    name = f"counter_bench_smoke_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks",
                "--only",
                "pg_orders_per_s_8_counters",
                "--pg-url",
                PG_ADMIN_URL,
                "--pg-database",
                name,
                "--pg-orders",
                "3",
                "--cache-dir",
                str(tmp_path),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            check=False,
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    assert result.returncode == 0, result.stderr[-2000:]
    metrics = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    by_name = {m["name"]: m for m in metrics}
    saved = by_name["pg_orders_per_s_8_counters"]
    assert saved["unit"] == "orders/s" and saved["value"] > 0 and saved["goal"] == 250.0
    assert saved["saved"] == saved["stored"] == 24  # 8 counters x 3 orders, all in the database
    assert by_name["pg_orders_duplicates"]["value"] == 0
    assert by_name["pg_orders_errors"]["value"] == 0, by_name["pg_orders_errors"]
    assert by_name["pg_orders_gaps"]["value"] == 0
    assert by_name["pg_orders_raw_insert_per_s"]["value"] > 0
    assert by_name["pg_orders_vs_raw_insert_ratio"]["value"] > 0
    assert not list(tmp_path.glob("counter-*items-*.db")), "no SQLite dataset was built"
