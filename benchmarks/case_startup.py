"""Starting the counter as a clerk waits for it, and its memory with every screen open.

The app's startup probe (``COUNTER_STARTUP_PROBE=1``, `ui.shell.startup_probe`) changes
nothing of the start: it types ``COUNTER_USER``/``COUNTER_PASSWORD`` into the real login
dialog once that is usable and presses 登录 (the password is checked, the login audited),
and prints when the dialog and then the main window became usable.  Each start runs
``main.py --db <a copy of the dataset>`` offscreen, the copy's file evicted from the OS
file cache before every start (as after a reboot, not a file just written).

The app is installed as README says, into a fresh environment under the scratch folder:
the project's sources copied without bytecode, ``uv sync --frozen --no-dev``.

- ``first_start_no_bytecode_s``: the first start after a plain ``uv sync`` on a clean
  checkout (README's quick start): Python compiles every module of the app and its
  libraries on the way.
- ``first_start_after_sync_s``: the first start after ``uv sync --compile-bytecode`` alone:
  the libraries' bytecode made at install time, the app's own compiled on the way.
- ``first_start_s``: the first start after README's install for a counter's PC: ``uv sync
  --compile-bytecode`` and ``python -m compileall`` of the app (all bytecode made at install).
- ``cold_start_s``: later starts (bytecode cached), median of 3: what the clerk waits for,
  ``cold_start_login_dialog_s`` (spawn → login dialog usable) plus
  ``cold_start_main_window_s`` (登录 pressed → main window usable), the login typed in
  `TYPING_S` seconds between (the app opens the database and loads the main window's
  modules meanwhile, on a thread); the first-start figures are measured the same way.
  The child's CPU seconds are reported too (``cold_start_cpu_s``: steadier on a loaded
  machine), and ``cold_start_login_at_once_s``: spawn → main window usable with 登录
  pressed the moment the dialog is usable (no typing time to hide any work behind).
- ``cold_start_floor_s``: the platform's floor, same run, same environment, median of 3: a
  bare PySide6 program showing a dialog with two line edits until it is usable
  (`benchmarks.startup_floor`); ``cold_start_vs_floor_ratio`` is ``cold_start_s`` over it.
- ``memory_all_screens_rss_mb``: (the "memory" case) the resident memory once every screen
  has been opened and has loaded, on the dataset.

With ``--engine postgresql`` every start runs ``main.py --db <the PostgreSQL dataset>``:
the server's buffers and the OS file cache are not dropped (a cold start of the program,
not of the server), and what the app writes (the login audited, the registers and fee
schedule it seeds on a database that has none) is deleted again when the case ends
(`benchmarks.context.Bench.app_writes_undone`), as the SQLite copy is thrown away.

A start that does not report (no probe line before the timeout, a crash, a refused
login, no ``uv``) gives a null figure with the reason, and the run exits non-zero.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from benchmarks.context import Bench, Case
from benchmarks.dataset import BENCH_PASSWORD, BENCH_USER
from benchmarks.measure import Metric, log, median, skipped
from db.engine import sqlite_url

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
#: the seconds a clerk takes to type a user name and password (some 20 keys at a brisk
#: 8 a second) between the login dialog being usable and pressing 登录
TYPING_S = float(os.environ.get("COUNTER_BENCH_TYPING_S") or 2.5)  # the smoke tests: less
TIMEOUT_S = 90.0
SCREENS_TIMEOUT_S = 600.0
SOURCES = ("counter", "db", "printing", "ui")
FILES = ("main.py", "pyproject.toml", "uv.lock", "README.md", "alembic.ini")


@dataclass
class Start:
    lines: dict[str, tuple[float, list[str]]] = field(default_factory=dict)  # marker → (t, args)
    cpu_s: float = 0.0

    def wall(self, marker: str) -> float:
        return self.lines[marker][0]

    def own(self, marker: str, index: int = 0) -> float:
        return float(self.lines[marker][1][index])

    def waited(self) -> float:
        """What the clerk waited for: spawn → login dialog usable, and 登录 pressed → main
        window usable (the typing between is the clerk's own time, not a wait)."""
        return self.wall("LOGIN_DIALOG_USABLE") + self.own("MAIN_WINDOW_USABLE")


def _reader(stream: IO[str], started: float, lines: queue.Queue[tuple[float, str] | None]) -> None:
    for line in stream:
        lines.put((time.perf_counter() - started, line))
    lines.put(None)


def evict(path: Path) -> None:
    """Write the database's files out and drop them from the OS file cache."""
    for suffix in ("", "-wal", "-shm"):
        name = Path(f"{path}{suffix}")
        if not name.exists():
            continue
        fd = os.open(name, os.O_RDONLY)
        try:
            os.fsync(fd)
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def start_once(
    python: Path,
    main: Path,
    db: str,
    evicted: Path | None = None,
    *,
    screens: bool = False,
    typing_s: float = 0.0,
) -> Start | str:
    """One start of the counter on the database `db` (a URL), or why it gave no figure;
    the file `evicted` (the SQLite database) dropped from the OS file cache first; the
    login typed in `typing_s` seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        COUNTER_STARTUP_PROBE="1",
        COUNTER_USER=BENCH_USER,
        COUNTER_PASSWORD=BENCH_PASSWORD,
        QT_QPA_PLATFORM="offscreen",
        COUNTER_PROBE_TYPING_S=str(typing_s),
    )
    if screens:
        env["COUNTER_PROBE_SCREENS"] = "1"
    until = "SCREENS_RSS_MB" if screens else "STARTUP_SHOWN"
    timeout = SCREENS_TIMEOUT_S if screens else TIMEOUT_S
    if evicted is not None:
        evict(evicted)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(python), str(main), "--db", db],
            cwd=main.parent,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            encoding="utf-8",
        )
        assert process.stdout is not None
        lines: queue.Queue[tuple[float, str] | None] = queue.Queue()
        threading.Thread(target=_reader, args=(process.stdout, started, lines), daemon=True).start()
        outcome = Start()
        try:
            while True:
                try:
                    got = lines.get(timeout=max(0.0, started + timeout - time.perf_counter()))
                except queue.Empty:
                    return f"no {until} line within {timeout:.0f} s"
                if got is None:
                    errors.seek(0)
                    tail = " | ".join(errors.read().strip().splitlines()[-3:])
                    return f"main.py exited ({process.wait()}) without {until}: {tail}"
                at, line = got
                parts = line.split()
                if parts and parts[0][:1].isupper():
                    outcome.lines[parts[0]] = (at, parts[1:])
                if parts and parts[0] == until:
                    _pid, status, usage = os.wait4(process.pid, 0)
                    process.returncode = os.waitstatus_to_exitcode(status)
                    outcome.cpu_s = usage.ru_utime + usage.ru_stime
                    return outcome
        finally:
            if process.returncode is None and process.poll() is None:
                process.kill()
                process.wait()


def install(source: Path, venv: Path, *, compile_bytecode: bool) -> float | str:
    """Install the app's libraries as README says; the seconds it took, or why it could not."""
    uv = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    if not Path(uv).exists():
        return "uv not found"
    shutil.rmtree(venv, ignore_errors=True)
    remove_bytecode(source)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["UV_PROJECT_ENVIRONMENT"] = str(venv)
    command = [uv, "sync", "--frozen", "--offline", "--no-dev", "--quiet"]
    if compile_bytecode:
        command.append("--compile-bytecode")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        return f"uv sync failed: {done.stderr.strip()[-300:]}"
    return time.perf_counter() - started


def compile_app(source: Path, python: Path) -> float:
    """README's ``compileall`` of the app's own modules; the seconds it took."""
    for name in (*SOURCES, "__pycache__"):  # the app's bytecode, not the environment's
        remove_bytecode(source / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    started = time.perf_counter()
    subprocess.run([str(python), "-m", "compileall", "-q", *SOURCES, "main.py"],
                   cwd=source, env=env, check=True)  # fmt: skip
    return time.perf_counter() - started


def remove_bytecode(folder: Path) -> None:
    if folder.name == "__pycache__":
        shutil.rmtree(folder, ignore_errors=True)
        return
    for cache in list(folder.rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)


def floor_once(python: Path) -> float | str:
    """Spawn → a bare PySide6 dialog usable (`benchmarks.startup_floor`), on the same clock
    as the app's starts (the line's arrival), or why there is no figure."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(python), str(ROOT / "benchmarks" / "startup_floor.py")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # the program exits at once after it, or fails
    took = time.perf_counter() - started
    code = process.wait(timeout=TIMEOUT_S)
    if not line.startswith("FLOOR_DIALOG_USABLE"):
        return f"the floor program gave no line (exit {code})"
    return took


def project_copy(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".cache")
    for name in SOURCES:
        shutil.copytree(ROOT / name, target / name, ignore=ignore, dirs_exist_ok=True)
    for name in FILES:
        shutil.copy2(ROOT / name, target / name)
    return target


def _target(bench: Bench) -> tuple[str, Path | None]:
    """(the database URL the app opens, the file to evict before each start)."""
    if bench.engine == "postgresql":
        return bench.url, None
    copy = bench.scratch_copy()
    return sqlite_url(copy), copy


def cold_start(bench: Bench) -> Iterator[Metric]:
    with bench.app_writes_undone():
        yield from _cold_start(bench)


WAITED = (
    f"what the clerk waits for: spawn → login dialog usable, plus 登录 pressed → main window "
    f"usable (the login typed in {TYPING_S} s between, while the app opens the database)"
)


def _cold_start(bench: Bench) -> Iterator[Metric]:
    names = ("first_start_no_bytecode_s", "first_start_after_sync_s", "first_start_s",
             "cold_start_s")  # fmt: skip
    db, evicted = _target(bench)
    source = project_copy(bench.scratch_dir / "installed")
    venv = source / ".venv"
    python = venv / "bin" / "python"
    installed_s = 0.0
    for name in names[:3]:
        took: float | str
        if name == "first_start_s":  # README's counter-PC install: the app's bytecode too
            took = installed_s + compile_app(source, python)
        else:  # a plain `uv sync`, then README's `uv sync --compile-bytecode`
            took = install(source, venv, compile_bytecode=name != "first_start_no_bytecode_s")
            installed_s = took if isinstance(took, float) else 0.0
        outcome = (
            took
            if isinstance(took, str)
            else start_once(python, source / "main.py", db, evicted, typing_s=TYPING_S)
        )
        if isinstance(took, str) or isinstance(outcome, str):
            reason = took if isinstance(took, str) else str(outcome)
            for missing in names[names.index(name) :]:
                yield skipped(missing, "s", reason)
            return
        log(f"[bench] installed in {took:.1f} s; {name} {outcome.waited():.2f} s")
        yield Metric(name, round(outcome.waited(), 3), "s", note=WAITED,
                     extra=(("install_s", round(took, 1)),
                            ("login_dialog_s", round(outcome.wall("LOGIN_DIALOG_USABLE"), 3)),
                            ("main_window_s", round(outcome.own("MAIN_WINDOW_USABLE"), 3)),
                            ("cpu_s", round(outcome.cpu_s, 3))))  # fmt: skip
    starts: list[Start] = []
    at_once: list[float] = []
    floors: list[float] = []
    for _ in range(RUNS):  # the app and the floor in turn: the same load for both
        outcome = start_once(python, source / "main.py", db, evicted, typing_s=TYPING_S)
        pressed = start_once(python, source / "main.py", db, evicted)
        if isinstance(outcome, str) or isinstance(pressed, str):
            yield skipped(
                "cold_start_s", "s", str(outcome if isinstance(outcome, str) else pressed)
            )
            return
        starts.append(outcome)
        at_once.append(pressed.wall("STARTUP_SHOWN"))
        floor = floor_once(python)
        if isinstance(floor, float):
            floors.append(floor)
    walls = [s.waited() for s in starts]
    yield Metric("cold_start_s", round(median(walls), 3), "s", note=f"median of {RUNS}; {WAITED}",
                 extra=(("runs_s", [round(w, 3) for w in walls]),
                        ("host_load_1m", round(os.getloadavg()[0], 2))))  # fmt: skip
    yield Metric("cold_start_login_at_once_s", round(median(at_once), 3), "s",
                 note="spawn → main window usable with 登录 pressed the moment the dialog is "
                      "usable (no typing: the main window's loading is not hidden behind it)",
                 extra=(("runs_s", [round(w, 3) for w in at_once]),))  # fmt: skip
    yield Metric("cold_start_login_dialog_s",
                 round(median([s.wall("LOGIN_DIALOG_USABLE") for s in starts]), 3), "s",
                 note="spawn → login dialog usable")  # fmt: skip
    yield Metric("cold_start_main_window_s",
                 round(median([s.own("MAIN_WINDOW_USABLE") for s in starts]), 3), "s",
                 note="登录 pressed → main window usable (password check included)")  # fmt: skip
    yield Metric("cold_start_cpu_s", round(median([s.cpu_s for s in starts]), 3), "s",
                 note="the child's user + system CPU seconds to a usable window")  # fmt: skip
    if len(floors) < RUNS:
        yield skipped("cold_start_floor_s", "s", "the bare PySide6 dialog did not report")
        return
    yield Metric("cold_start_floor_s", round(median(floors), 3), "s",
                 note="a bare PySide6 dialog usable (the platform's floor, same run)",
                 extra=(("runs_s", [round(f, 3) for f in floors]),))  # fmt: skip
    yield Metric("cold_start_vs_floor_ratio", round(median(walls) / median(floors), 2), "",
                 note="cold_start_s over cold_start_floor_s")  # fmt: skip


def memory(bench: Bench) -> Iterator[Metric]:
    with bench.app_writes_undone():
        yield from _memory(bench)


def _memory(bench: Bench) -> Iterator[Metric]:
    db, evicted = _target(bench)
    outcome = start_once(Path(sys.executable), ROOT / "main.py", db, evicted, screens=True)
    if isinstance(outcome, str):
        yield skipped("memory_all_screens_rss_mb", "MiB", outcome)
        return
    screens_s = outcome.wall("SCREENS_RSS_MB") - outcome.wall("STARTUP_SHOWN")
    per_screen = [
        (" ".join(args[1:]), float(args[0]))
        for marker, (_at, args) in sorted(
            outcome.lines.items(),
            key=lambda line: (
                int(line[0].rsplit("_", 1)[1] or 0) if line[0].startswith("SCREEN_RSS_MB_") else -1
            ),
        )
        if marker.startswith("SCREEN_RSS_MB_")
    ]
    yield Metric("memory_all_screens_rss_mb", round(outcome.own("SCREENS_RSS_MB"), 1), "MiB",
                 note="resident memory after every screen was opened and loaded",
                 extra=(("peak_mb", round(outcome.own("SCREENS_RSS_MB", 1), 1)),
                        ("opening_all_s", round(screens_s, 2)),
                        ("after_login_mb", round(outcome.own("STARTUP_RSS_MB"), 1)),
                        ("after_each_screen_mb", per_screen)))  # fmt: skip


CASES = (
    Case(
        "cold_start",
        (
            "first_start_no_bytecode_s",
            "first_start_after_sync_s",
            "first_start_s",
            "cold_start_s",
            "cold_start_login_dialog_s",
            "cold_start_main_window_s",
            "cold_start_cpu_s",
            "cold_start_login_at_once_s",
            "cold_start_floor_s",
            "cold_start_vs_floor_ratio",
        ),
        cold_start,
        postgresql=True,
    ),
    Case("memory", ("memory_all_screens_rss_mb",), memory, postgresql=True),
)
