"""Cold start: from spawning ``python main.py`` to the main window being shown.

The app's startup probe (``COUNTER_STARTUP_PROBE=1``) logs in as
``COUNTER_USER``/``COUNTER_PASSWORD``, prints ``STARTUP_SHOWN <seconds>`` once the
main window is shown and exits.  We time spawn → that line on our side (wall
clock, median of 3 after an untimed warm-up run); the app's own figure is
reported alongside.  The child runs with bytecode caching on (under the cache
directory), as an installed app would, even where the shell sets
PYTHONDONTWRITEBYTECODE.  Without the probe (no main.py, or no line before the
timeout) the metric is skipped.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from benchmarks.context import Bench, Case
from benchmarks.dataset import BENCH_PASSWORD, BENCH_USER
from benchmarks.measure import Metric, median, skipped

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
RUNS = 3
TIMEOUT_S = 30.0
MARKER = "STARTUP_SHOWN"


def _reader(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def start_once(url: str, pycache: Path) -> tuple[float, float | None] | str:
    """(our wall-clock seconds, the app's own figure) or why there is no figure."""
    env = dict(os.environ)
    # an installed app starts from cached bytecode: never measure compiling the sources
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        PYTHONPYCACHEPREFIX=str(pycache),
        COUNTER_STARTUP_PROBE="1",
        COUNTER_USER=BENCH_USER,
        COUNTER_PASSWORD=BENCH_PASSWORD,
        QT_QPA_PLATFORM="offscreen",
    )
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, str(MAIN), "--db", url],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            encoding="utf-8",
        )
        assert process.stdout is not None
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
        deadline = started + TIMEOUT_S
        try:
            while True:
                try:
                    line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
                except queue.Empty:
                    return f"no {MARKER} line within {TIMEOUT_S:.0f} s"
                if line is None:
                    errors.seek(0)
                    tail = " | ".join(errors.read().strip().splitlines()[-3:])
                    return f"main.py exited ({process.wait()}) without {MARKER}: {tail}"
                if line.startswith(MARKER):
                    wall = time.perf_counter() - started
                    parts = line.split()
                    own = float(parts[1]) if len(parts) > 1 else None
                    process.wait(timeout=TIMEOUT_S)
                    return wall, own
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def cold_start(bench: Bench) -> Iterator[Metric]:
    if not MAIN.exists():
        yield skipped("cold_start_s", "s", f"probe not available: {MAIN.name} does not exist")
        return
    url = bench.scratch_url()
    pycache = bench.dataset.path.parent / "pycache"
    walls: list[float] = []
    owns: list[float] = []
    for run in range(1 + RUNS):  # the first run writes bytecode and warms the OS file cache
        outcome = start_once(url, pycache)
        if isinstance(outcome, str):
            yield skipped("cold_start_s", "s", f"probe not available: {outcome}")
            return
        if run == 0:
            yield Metric("cold_start_first_run_s", round(outcome[0], 3), "s",
                         note="untimed warm-up: compiles bytecode when none is cached")  # fmt: skip
            continue
        walls.append(outcome[0])
        if outcome[1] is not None:
            owns.append(outcome[1])
    extra = (("runs_s", [round(w, 3) for w in walls]),)
    note = f"median of {RUNS} after one warm-up run; bytecode cached under {pycache.name}/"
    yield Metric("cold_start_s", round(median(walls), 3), "s", note=note, extra=extra)
    if owns:
        yield Metric("cold_start_app_reported_s", round(median(owns), 3), "s")


CASES = (
    Case(
        "cold_start",
        ("cold_start_first_run_s", "cold_start_s", "cold_start_app_reported_s"),
        cold_start,
    ),
)
