"""The benchmark runner works end to end on a tiny dataset (no timings are asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
