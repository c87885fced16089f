"""The benchmark runner works end to end on a tiny dataset and a small PostgreSQL run
(no timings are asserted: a missed goal exits 1, which is allowed here; a figure that
could not be measured exits 3, which is not)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from benchmarks.__main__ import EXIT_GOAL_MISSED, EXIT_NOT_MEASURED, _verdict
from benchmarks.cases import CASES
from benchmarks.measure import Metric
from tests.conftest import PG_ADMIN_URL

ROOT = Path(__file__).resolve().parents[2]
NAMES = (
    "scan_lookup_median_ms",
    "customer_search_p95_ms",
    "recall_due_month_ms",
    "customer_file_open_ms",
)


def _run_benchmarks(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def _metrics(result: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    assert result.returncode in (0, EXIT_GOAL_MISSED), result.stderr[-2000:]
    metrics = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert all({"name", "value", "unit"} <= m.keys() for m in metrics)
    not_numbers = [m for m in metrics if not isinstance(m["value"], int | float)]
    assert not not_numbers, not_numbers
    by_name = {m["name"]: m for m in metrics}
    missed = sorted(n for n, m in by_name.items() if m.get("meets_goal") is False)
    assert (result.returncode == EXIT_GOAL_MISSED) == bool(missed), missed
    return by_name


def test_the_exit_status_says_whether_every_goal_was_met() -> None:
    assert _verdict([], []) == 0
    assert _verdict(["cold_start_s"], []) == EXIT_GOAL_MISSED
    assert _verdict(["cold_start_s"], ["cert_check_per_s (probe broke)"]) == EXIT_NOT_MEASURED
    assert not Metric("cold_start_s", None, "s", note="skipped: no probe").meets_goal()
    assert not Metric("cold_start_s", 1.2, "s").meets_goal()
    assert Metric("cold_start_s", 0.9, "s").meets_goal()
    assert Metric("cert_check_per_s", 12000, "1/s").meets_goal()
    assert Metric("no_goal_ms", 1e9, "ms").meets_goal()


def test_a_figure_that_cannot_be_measured_fails_the_run(tmp_path: Path) -> None:
    # no PostgreSQL at this address: the figures are null and the run exits 3
    result = _run_benchmarks(
        "--only", "pg_orders_per_s_8_counters", "--pg-url", "postgresql+psycopg://x@127.0.0.1:1/x",
        "--cache-dir", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == EXIT_NOT_MEASURED, result.stderr[-2000:]
    assert "NOT MEASURED: pg_orders_per_s_8_counters" in result.stderr


#: every case runs in one of these groups, each a test of its own (the suite runs them in
#: parallel; one run of them all took 72 s on a quiet machine): the slowest apart, the rest
SLOW_GROUPS = ("cold_start,memory", "pg_orders", "ledger_import")
GROUPS = (
    *SLOW_GROUPS,
    ",".join(c.name for c in CASES if c.name not in ",".join(SLOW_GROUPS).split(",")),
)


def test_the_groups_hold_every_case_once() -> None:
    names = [name for group in GROUPS for name in group.split(",")]
    assert sorted(names) == sorted(case.name for case in CASES)


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize(
    "group", GROUPS, ids=lambda group: group.split(",")[0] if group in SLOW_GROUPS else "rest"
)
def test_every_case_runs_small_and_every_figure_is_a_number(
    group: str, dataset_cache: Path, pg_url: str
) -> None:
    name = f"counter_bench_all_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        result = _run_benchmarks(
            "--only", group, "--items", "2000", "--plan-scale", "0.05", "--pg-orders", "2",
            "--pg-url", PG_ADMIN_URL, "--pg-database", name, "--cache-dir", str(dataset_cache),
            timeout=1800,
        )  # fmt: skip
    finally:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    by_name = _metrics(result)
    cases = [case for case in CASES if case.name in group.split(",")]
    assert {m for case in cases for m in case.metrics} <= by_name.keys()


@pytest.mark.slow
def test_benchmarks_print_json_lines(tmp_path: Path) -> None:
    by_name = _metrics(
        _run_benchmarks("--items", "2000", "--only", ",".join(NAMES), "--cache-dir", str(tmp_path))
    )
    for name in NAMES:
        metric = by_name[name]
        assert isinstance(metric["value"], int | float)
        assert metric["unit"] == "ms"
        assert "goal" in metric
    assert list(tmp_path.glob("counter-2000items-*.db")), "the dataset is cached in --cache-dir"


@pytest.mark.slow
@pytest.mark.postgres
def test_eight_counters_on_postgresql_save_without_duplicates(tmp_path: Path, pg_url: str) -> None:
    # pg_url: skipped (or failed in CI) when the server cannot be reached
    name = f"counter_bench_smoke_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        result = _run_benchmarks(
            "--only", "pg_orders_per_s_8_counters", "--pg-url", PG_ADMIN_URL,
            "--pg-database", name, "--pg-orders", "3", "--cache-dir", str(tmp_path),
        )  # fmt: skip
    finally:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    by_name = _metrics(result)
    saved = by_name["pg_orders_per_s_8_counters"]
    assert saved["unit"] == "orders/s" and saved["value"] > 0 and saved["goal"] == 250.0
    assert saved["saved"] == saved["stored"] == 24  # 8 counters x 3 orders, all in the database
    assert by_name["pg_orders_duplicates"]["value"] == 0
    assert by_name["pg_orders_errors"]["value"] == 0, by_name["pg_orders_errors"]
    assert by_name["pg_orders_gaps"]["value"] == 0
    assert by_name["pg_orders_raw_insert_per_s"]["value"] > 0
    assert by_name["pg_orders_vs_raw_insert_ratio"]["value"] > 0
    assert not list(tmp_path.glob("counter-*items-*.db")), "no SQLite dataset was built"


@pytest.mark.slow
def test_the_plan_cases_run_small_without_a_dataset(tmp_path: Path) -> None:
    result = _run_benchmarks(
        "--only", "plan_shops,plan_mixed", "--plan-scale", "0.05", "--cache-dir", str(tmp_path)
    )
    by_name = _metrics(result)
    for name in ("plan_447_shops_year_ms", "plan_2000_customers_year_ms"):
        assert (
            by_name[name]["value"] > 0 and by_name[name]["unit"] == "ms" and "goal" in by_name[name]
        )
    for name in ("plan_unplaced", "plan_late_items", "plan_peak_to_mean_load"):
        ours, baseline = by_name[name], by_name[name.replace("plan_", "plan_first_come_", 1)]
        assert ours["first_come"] == baseline["value"]
    assert by_name["plan_2000_customers_year_ms"]["customers"] == 100
    assert by_name["plan_447_shops_year_ms"]["customers"] == 22
    assert not list(tmp_path.glob("counter-*items-*.db")), "no SQLite dataset was built"


def test_campaign_split_needs_no_dataset(tmp_path: Path) -> None:
    by_name = _metrics(_run_benchmarks("--only", "campaign_split", "--cache-dir", str(tmp_path)))
    split = by_name["campaign_split_5000_items_ms"]
    assert split["goal"] == 1000.0 and split["value"] > 0
    assert split["placed"] + split["unplaced"] == 5000
    assert by_name["campaign_sort_baseline_ms"]["value"] > 0
    assert not list(tmp_path.glob("counter-*items-*.db")), "no dataset was built"


def test_statistics_benchmarks_run_small(dataset_cache: Path) -> None:
    by_name = _metrics(
        _run_benchmarks("--items", "2000", "--only", "stats", "--cache-dir", str(dataset_cache))
    )
    for name in (
        "stats_year_by_department",
        "stats_turnaround_histogram",
        "stats_regulator_report",
    ):
        assert by_name[f"{name}_ms"]["value"] > 0 and "goal" in by_name[f"{name}_ms"]
    raw = ("stats_year_by_department_raw_sql_ms", "stats_turnaround_raw_sql_ms",
           "stats_regulator_raw_sql_ms")  # fmt: skip
    assert all(by_name[name]["value"] >= 0 for name in raw)
    assert by_name["stats_turnaround_histogram_ms"]["finished"] > 0
    assert list(dataset_cache.glob("counter-2000items-*-lab.db")), "the lab copy is cached"


def test_an_unknown_name_is_a_usage_error_not_a_missed_goal(tmp_path: Path) -> None:
    result = _run_benchmarks("--only", "no_such_figure", "--cache-dir", str(tmp_path))
    assert result.returncode == 2 and "unknown benchmark(s): no_such_figure" in result.stderr
