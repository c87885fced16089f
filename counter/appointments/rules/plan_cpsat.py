"""The plan with OR-Tools CP-SAT, started from the greedy plan and never worse than it.

One boolean per visit and candidate slot (the slots of its window, sampled evenly when
there are many, the nearest earlier and later ones, and the greedy's choice; a visit the
greedy placed at no cost gets fewer), one per visit for "not placed"; capacity (total
and per type) is a hard constraint, pinned visits keep their slot; the objective is
`plan_book.score` (unplaced items, late items and days, days too early, missed weekdays,
distance from a spread target, and the fullest slot of each department).  The greedy
plan is the solver's hint and the fallback: on a missing OR-Tools, no solution in
time, or a worse score.  When the greedy plan already reaches the lower bound of every
term the solver is not started at all.

Deterministic: one worker (interleaved search, LNS included), a fixed seed and a
*deterministic* time limit (the solver's own work units), so the same input gives the
same plan; a wall-clock limit of `WALL_GUARD_S` only guards a hung machine.  The solver
works on a neighbourhood: the visits the greedy placed at a cost and those in the slots
they could take (at most `MOVABLE`); the rest stays as the greedy put it.  OR-Tools
takes about two seconds to import, so it is imported inside `_solve`, never when the
app starts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from counter.appointments.rules.plan_book import (
    W_PEAK,
    W_UNPLACED_ITEM,
    SlotBook,
    peak_per_mille,
    score,
)
from counter.appointments.rules.plan_greedy import greedy_assign
from counter.appointments.rules.plan_model import Plan, PlanInput, Visit
from counter.appointments.rules.plan_result import make_plan
from counter.appointments.rules.plan_visits import build_visits
from counter.i18n import _

SEED = 20270101
CANDIDATES = 16
SETTLED_CANDIDATES = 6  # for a visit the greedy placed at no cost
MOVABLE = 600  # visits the solver may move
#: wall-clock guard only: the deterministic limit is meant to end the search long before
WALL_GUARD_S = 30.0
Progress = Callable[[int, int, str], None]


def _spaced(numbers: Sequence[int], n: int) -> list[int]:
    if len(numbers) <= n:
        return list(numbers)
    return [numbers[(2 * i + 1) * len(numbers) // (2 * n)] for i in range(n)]


def candidate_slots(
    book: SlotBook, visit: Visit, greedy: int | None, end: int, limit: int
) -> list[int]:
    """The slot numbers the solver may choose for the visit, at most about `limit`."""
    terms, dept = book.terms(visit), visit.department
    window = [
        i
        for i in book.day_range(dept, terms.earliest, min(terms.deadline, end))
        if book.static_fit(visit, i)
    ]
    by_cost: dict[int, list[int]] = defaultdict(list)
    for i in window:
        by_cost[book.cost(visit, i)].append(i)
    chosen: list[int] = []
    for cost in sorted(by_cost):
        room = limit - len(chosen)
        if room <= 0:
            break
        chosen.extend(_spaced(by_cost[cost], room))
    side = max(1, limit // 6)
    span = book.span(dept)
    if span:
        early = book.day_range(dept, book.ordinal[span.start], terms.earliest - 1)
        chosen.extend(_first(reversed(early), book, visit, side))
        late = book.day_range(dept, max(terms.deadline, terms.earliest) + 1, end)
        chosen.extend(_first(iter(late), book, visit, side))
    if greedy is not None:
        chosen.append(greedy)
    return list(dict.fromkeys(chosen))


def _first(numbers: Any, book: SlotBook, visit: Visit, n: int) -> list[int]:
    out: list[int] = []
    for i in numbers:
        if len(out) >= n:
            break
        if book.static_fit(visit, i):
            out.append(i)
    return out


def greedy_is_optimal(book: SlotBook, visits: Sequence[Visit], greedy: Mapping[int, int]) -> bool:
    """Every visit at no cost and every department's fullest slot at its lower bound."""
    if any(v.index not in greedy or book.cost(v, greedy[v.index]) for v in visits):
        return False
    peaks = peak_per_mille(book, visits, greedy)
    for dept, (lo, hi) in book.departments.items():
        sizes = [v.size for v in visits if v.department == dept]
        largest = max(book.cap[lo:hi])
        bound = max(
            sum(sizes) * 1000 // sum(book.cap[lo:hi]),
            max((s * 1000 // largest for s in sizes), default=0),
        )
        if peaks.get(dept, 0) > bound:
            return False
    return True


def movable_visits(
    book: SlotBook, visits: Sequence[Visit], greedy: Mapping[int, int], end: int
) -> tuple[list[Visit], dict[int, list[int]]]:
    """The neighbourhood the solver works on: every visit the greedy placed at a cost (or
    not at all), and the visits the greedy put in the slots those could take; each with
    its candidate slots.  At most `MOVABLE` visits, the costliest first."""
    troubled = sorted(
        (v for v in visits if v.fixed is None and _cost(book, v, greedy) > 0),
        key=lambda v: (-_cost(book, v, greedy), v.index),
    )[:MOVABLE]
    options = {
        v.index: candidate_slots(book, v, greedy.get(v.index), end, CANDIDATES) for v in troubled
    }
    slots = {i for numbers in options.values() for i in numbers}
    chosen = {v.index for v in troubled}
    for visit in visits:
        if len(chosen) >= MOVABLE:
            break
        placed = greedy.get(visit.index)
        if visit.fixed is None and visit.index not in chosen and placed in slots:
            chosen.add(visit.index)
            options[visit.index] = candidate_slots(book, visit, placed, end, SETTLED_CANDIDATES)
    return [v for v in visits if v.index in chosen], options


def _cost(book: SlotBook, visit: Visit, greedy: Mapping[int, int]) -> int:
    placed = greedy.get(visit.index)
    return W_UNPLACED_ITEM * visit.size if placed is None else book.cost(visit, placed)


def _solve(
    inp: PlanInput, visits: Sequence[Visit], greedy: Mapping[int, int], time_limit_s: float
) -> tuple[dict[int, int] | None, str]:
    from ortools.sat.python import cp_model  # lazily: about two seconds to import

    model = cp_model.CpModel()
    book = SlotBook(inp)
    movable, options = movable_visits(book, visits, greedy, inp.end.toordinal())
    moving = {v.index for v in movable}
    fixed = {k: i for k, i in greedy.items() if k not in moving}
    book.fill(visits, fixed)  # everything else stays where the greedy put it
    choices: dict[int, list[tuple[int, Any]]] = {}
    in_slot: dict[int, list[tuple[Visit, Any]]] = defaultdict(list)
    terms: list[Any] = []
    weights: list[int] = []
    for visit in movable:
        placed = greedy.get(visit.index)
        pairs = []
        for i in options[visit.index]:
            var = model.new_bool_var("")
            model.add_hint(var, i == placed)
            pairs.append((i, var))
            in_slot[i].append((visit, var))
            terms.append(var)
            weights.append(book.cost(visit, i))
        missing = model.new_bool_var("")
        model.add_hint(missing, placed is None)
        model.add_exactly_one([var for _i, var in pairs] + [missing])
        terms.append(missing)
        weights.append(W_UNPLACED_ITEM * visit.size)
        choices[visit.index] = pairs
    greedy_peaks = peak_per_mille(book, visits, greedy)
    peaks: dict[str, Any] = {}
    for dept, (lo, hi) in book.departments.items():
        outside = max(
            (book.load[i] * 1000 // book.cap[i] for i in range(lo, hi) if i not in in_slot),
            default=0,
        )
        peaks[dept] = model.new_int_var(outside, 1000, "")
        model.add_hint(peaks[dept], max(outside, min(1000, greedy_peaks.get(dept, 0) + 1)))
    for i, taking in in_slot.items():
        cap, used = book.cap[i], book.load[i]
        sizes = [v.size for v, _var in taking]
        exprs = [var for _v, var in taking]
        if sum(sizes) + used > cap:
            model.add(cp_model.LinearExpr.weighted_sum(exprs, sizes) <= cap - used)
        for code, type_cap in (book.type_caps[i] or {}).items():
            counts = [dict(v.types).get(code, 0) for v, _var in taking]
            fixed_count = book.type_load[(i, code)]
            if sum(counts) + fixed_count > type_cap:
                model.add(cp_model.LinearExpr.weighted_sum(exprs, counts) <= type_cap - fixed_count)
        share = cp_model.LinearExpr.weighted_sum(exprs, [1000 * s for s in sizes])
        model.add(share + 1000 * used <= peaks[book.keys[i].department] * cap)
    objective = cp_model.LinearExpr.weighted_sum(terms, weights)
    model.minimize(objective + W_PEAK * sum(peaks.values()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.interleave_search = True  # LNS as well, still deterministic
    solver.parameters.random_seed = SEED
    solver.parameters.max_deterministic_time = time_limit_s
    solver.parameters.max_time_in_seconds = WALL_GUARD_S
    solver.parameters.symmetry_level = 0
    solver.parameters.linearization_level = 0
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, name
    assignment = dict(fixed)
    for index, pairs in choices.items():
        for i, var in pairs:
            if solver.boolean_value(var):
                assignment[index] = i
    return assignment, name


def solve_plan(
    inp: PlanInput, *, time_limit_s: float = 0.3, progress: Progress | None = None
) -> Plan:
    """The best plan found within `time_limit_s` of the solver's deterministic work units
    (a unit is roughly a second of one fast core; several on a busy machine)."""
    report = progress or (lambda done, total, text: None)
    report(0, 3, _("正在准备预约计划"))
    visits = build_visits(inp)
    greedy = greedy_assign(inp, visits)
    book = SlotBook(inp)
    if greedy_is_optimal(book, visits, greedy):
        report(3, 3, "")
        return make_plan(inp, visits, greedy, "greedy", _("贪心方案已达最优"))
    report(1, 3, _("正在求解预约计划"))
    try:
        assignment, status = _solve(inp, visits, greedy, time_limit_s)
    except ImportError:
        plan = make_plan(inp, visits, greedy, "greedy", _("未安装 OR-Tools，使用贪心方案"))
    else:
        report(2, 3, _("正在整理预约计划"))
        if assignment is None:
            note = _("求解器未在时限内找到方案（{status}），使用贪心方案").format(status=status)
            plan = make_plan(inp, visits, greedy, "greedy", note)
        elif score(book, visits, assignment) > score(book, visits, greedy):
            note = _("求解器未找到更好的方案，使用贪心方案")
            plan = make_plan(inp, visits, greedy, "greedy", note)
        else:
            plan = make_plan(inp, visits, assignment, "cpsat", status)
    report(3, 3, "")
    return plan
