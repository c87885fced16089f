"""Timing helpers and the metric record printed as one JSON line."""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.goals import GOALS


@dataclass(frozen=True)
class Metric:
    name: str
    value: float | None  # None: skipped (see `note`)
    unit: str
    note: str = ""
    extra: tuple[tuple[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "value": self.value, "unit": self.unit}
        goal = GOALS.get(self.name)
        if goal is not None:
            out["goal"] = goal.limit
            if self.value is not None:
                out["ratio_to_goal"] = round(self.value / goal.limit, 3)
                out["meets_goal"] = goal.met(self.value)
        if self.note:
            out["note"] = self.note
        out.update(self.extra)
        return out

    def meets_goal(self) -> bool:
        """True when the figure has no goal or meets it (a figure not measured does not)."""
        goal = GOALS.get(self.name)
        if self.value is None:
            return False
        return goal is None or goal.met(self.value)

    def to_json(self, engine: str = "sqlite") -> str:
        """One JSON line, saying which engine the dataset cases ran on."""
        return json.dumps({**self.as_dict(), "engine": engine}, ensure_ascii=False)


def skipped(name: str, unit: str, reason: str) -> Metric:
    return Metric(name, None, unit, note=f"skipped: {reason}")


def ms(seconds: float) -> float:
    return seconds * 1000.0


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0–100), linear interpolation between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Iterable[float]) -> float:
    return statistics.median(values)


def time_each(fn: Callable[[Any], object], args: Sequence[Any], *, warmup: int = 0) -> list[float]:
    """Seconds taken by ``fn(arg)`` for every arg, after `warmup` untimed calls."""
    for arg in args[:warmup]:
        fn(arg)
    clock = time.perf_counter
    out = []
    for arg in args:
        start = clock()
        fn(arg)
        out.append(clock() - start)
    return out


def time_repeat(fn: Callable[[], object], repeat: int, *, warmup: int = 1) -> list[float]:
    """Seconds taken by `repeat` calls of ``fn()``, after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    clock = time.perf_counter
    out = []
    for _ in range(repeat):
        start = clock()
        fn()
        out.append(clock() - start)
    return out


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
