"""The automatic appointment plan on synthetic inputs (`benchmarks.plan_inputs`; no
database): the time of `counter.appointments.rules.plan_cpsat.solve_plan` (greedy plan,
then CP-SAT on its troubled neighbourhood), and the plan's quality beside the
first-come baseline (customers in due order, each into the first slot with room)
measured in the same run.

`plan_447_shops_year_ms`: 447 optical shops, three instruments each, one department, a
year.  `plan_2000_customers_year_ms`: 2,000 customers of mixed sectors, six
departments, a year.  The quality figures of the second: `plan_unplaced` (items),
`plan_late_items` (placed after their due date), `plan_peak_to_mean_load` (the
fullest slot's share of its capacity over the mean share) and the baseline's
`plan_first_come_*`.  OR-Tools' import (about two seconds, once per process, never
at app start) is printed on its own and not in the timings.  `--plan-scale` shrinks
both inputs for the smoke test.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from benchmarks.context import Bench, Case
from benchmarks.measure import Metric, median, ms, time_repeat
from benchmarks.plan_inputs import mixed_year, shops_year
from counter.appointments.rules.plan_cpsat import solve_plan
from counter.appointments.rules.plan_greedy import first_come_plan, greedy_plan
from counter.appointments.rules.plan_model import Plan, PlanInput

REPEAT = 3


def _import_ortools() -> Metric:
    started = time.perf_counter()
    from ortools.sat.python import cp_model  # noqa: F401  (the import is what is timed)

    return Metric(
        "plan_ortools_import_ms",
        round(ms(time.perf_counter() - started), 1),
        "ms",
        note="once per process, when the first plan is solved; not in the plan timings",
    )


def _size(inp: PlanInput) -> tuple[tuple[str, Any], ...]:
    return (
        ("customers", len(inp.demands)),
        ("items", sum(len(d.items) for d in inp.demands)),
        ("slots", len(inp.slots)),
        ("capacity", sum(s.capacity for s in inp.slots)),
    )


def _timed(inp: PlanInput) -> tuple[Plan, float]:
    plan = solve_plan(inp)
    times = time_repeat(lambda: solve_plan(inp), REPEAT, warmup=0)
    return plan, ms(median(times))


def _quality(prefix: str, plan: Plan, baseline: Plan) -> Iterator[Metric]:
    ours, base = plan.figures, baseline.figures
    for name, value, theirs in (
        ("unplaced", ours.unplaced_items, base.unplaced_items),
        ("late_items", ours.late_items, base.late_items),
        ("peak_to_mean_load", ours.peak_to_mean_load, base.peak_to_mean_load),
    ):
        unit = "" if name == "peak_to_mean_load" else "items"
        yield Metric(f"{prefix}{name}", value, unit, extra=(("first_come", theirs),))
        yield Metric(f"{prefix}first_come_{name}", theirs, unit, note="baseline, same input")


def plan_shops(bench: Bench) -> Iterator[Metric]:
    yield _import_ortools()
    inp = shops_year(bench.options.plan_scale)
    plan, took = _timed(inp)
    extra = (*_size(inp), ("solver", plan.solver), ("note", plan.note), ("runs", REPEAT))
    yield Metric("plan_447_shops_year_ms", round(took, 1), "ms", extra=extra)
    yield from _quality("plan_447_shops_", plan, first_come_plan(inp))


def plan_mixed(bench: Bench) -> Iterator[Metric]:
    _import_ortools()  # printed by plan_shops; not in the timings either way
    inp = mixed_year(bench.options.plan_scale)
    plan, took = _timed(inp)
    greedy = greedy_plan(inp)
    greedy_ms = ms(median(time_repeat(lambda: greedy_plan(inp), REPEAT, warmup=0)))
    baseline = first_come_plan(inp)
    base_ms = ms(median(time_repeat(lambda: first_come_plan(inp), REPEAT, warmup=0)))
    extra = (*_size(inp), ("solver", plan.solver), ("note", plan.note), ("runs", REPEAT),
             ("split_customers", plan.figures.split_customers),
             ("preferred_missed", plan.figures.preferred_missed))  # fmt: skip
    yield Metric("plan_2000_customers_year_ms", round(took, 1), "ms", extra=extra)
    yield from _quality("plan_", plan, baseline)
    yield Metric("plan_greedy_ms", round(greedy_ms, 1), "ms",
                 note="the greedy plan alone (the fallback)",
                 extra=(("late_items", greedy.figures.late_items),
                        ("preferred_missed", greedy.figures.preferred_missed)))  # fmt: skip
    yield Metric("plan_first_come_ms", round(base_ms, 1), "ms", note="baseline, same input",
                 extra=(("split_customers", baseline.figures.split_customers),
                        ("preferred_missed", baseline.figures.preferred_missed)))  # fmt: skip


QUALITY = ("unplaced", "late_items", "peak_to_mean_load")
SHOPS_METRICS = (
    "plan_ortools_import_ms",
    "plan_447_shops_year_ms",
    *(f"plan_447_shops_{q}" for q in QUALITY),
    *(f"plan_447_shops_first_come_{q}" for q in QUALITY),
)
MIXED_METRICS = (
    "plan_2000_customers_year_ms",
    *(f"plan_{q}" for q in QUALITY),
    *(f"plan_first_come_{q}" for q in QUALITY),
    "plan_greedy_ms",
    "plan_first_come_ms",
)
CASES = (
    Case("plan_shops", SHOPS_METRICS, plan_shops, needs_dataset=False),
    Case("plan_mixed", MIXED_METRICS, plan_mixed, needs_dataset=False),
)
