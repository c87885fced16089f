"""The 2,000-item benchmark dataset, built once a session by the runner itself; the tests
that only read it get a --cache-dir holding a copy (building it costs seconds each time)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ITEMS = 2000


@pytest.fixture(scope="session")
def built_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory where `python -m benchmarks --only dataset` built the dataset."""
    cache = tmp_path_factory.mktemp("bench-cache")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--items", str(ITEMS), "--only", "dataset",
         "--cache-dir", str(cache)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert list(cache.glob(f"counter-{ITEMS}items-*.db")), done.stderr[-2000:]
    return cache


@pytest.fixture
def dataset_cache(built_dataset: Path, tmp_path: Path) -> Path:
    """A --cache-dir of this test's own, holding a copy of the built dataset."""
    cache = tmp_path / "cache"
    shutil.copytree(built_dataset, cache)
    return cache


@pytest.fixture(autouse=True)
def _quick_typist(monkeypatch: pytest.MonkeyPatch) -> None:
    """The start benchmark's clerk types the login in 2.5 s; here in 0.2 s (the runs only
    check that every figure is a number)."""
    monkeypatch.setenv("COUNTER_BENCH_TYPING_S", "0.2")
