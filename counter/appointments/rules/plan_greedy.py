"""The greedy plan (always available, deterministic) and the first-come baseline.

Greedy: pinned visits first, then the others by deadline (earliest deadline first,
larger visits first on the same day); each takes, among the slots of its window that
still have room, the one that costs least (not late, a preferred weekday, near its
spread target) and then the least loaded, so load stays even.  When the window is full
it takes the nearest earlier slot, and only then a late one.

First-come (the baseline a clerk gets without a plan): customers in due order, each
visit into the first slot of the period with room.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from counter.appointments.rules.plan_book import SlotBook
from counter.appointments.rules.plan_model import Plan, PlanInput, Visit
from counter.appointments.rules.plan_result import make_plan
from counter.appointments.rules.plan_visits import build_visits


def best_slot(book: SlotBook, visit: Visit, end: int) -> int | None:
    """The slot number the greedy gives this visit now, or None when nothing has room."""
    terms = book.terms(visit)
    dept, size, load, cap = visit.department, visit.size, book.load, book.cap
    best: tuple[int, int, int] | None = None
    for i in book.day_range(dept, terms.earliest, min(terms.deadline, end)):
        if book.fits(visit, i):
            rank = (book.cost(visit, i), (load[i] + size) * 1000 // cap[i], i)
            if best is None or rank < best:
                best = rank
    if best is not None:
        return best[2]
    span = book.span(dept)
    early = book.day_range(dept, book.ordinal[span.start] if span else 0, terms.earliest - 1)
    day: int | None = None
    for i in reversed(early):  # the nearest earlier day with room, its best half
        if day is not None and book.ordinal[i] != day:
            break
        if book.fits(visit, i):
            day = book.ordinal[i]
            rank = (book.cost(visit, i), (load[i] + size) * 1000 // cap[i], i)
            if best is None or rank < best:
                best = rank
    if best is not None:
        return best[2]
    for i in book.day_range(dept, max(terms.deadline, terms.earliest) + 1, end):
        if book.fits(visit, i):
            rank = (book.cost(visit, i), (load[i] + size) * 1000 // cap[i], i)
            if best is None or rank < best:
                best = rank
            elif book.ordinal[i] - book.ordinal[best[2]] > 7:
                break  # later still only costs more
    return None if best is None else best[2]


def greedy_order(book: SlotBook, visits: Sequence[Visit]) -> list[Visit]:
    """Visits that need more than half of their department's largest slot first (they
    need a slot of their own before small visits spread into every slot), then earliest
    deadline first."""
    largest = {d: max(book.cap[lo:hi]) for d, (lo, hi) in book.departments.items()}
    return sorted(
        (v for v in visits if v.fixed is None),
        key=lambda v: (2 * v.size <= largest.get(v.department, 0), v.deadline, -v.size, v.index),
    )


def place_fixed(book: SlotBook, visits: Sequence[Visit]) -> dict[int, int]:
    """Pinned visits into their slots, where the slot exists and has room."""
    assignment: dict[int, int] = {}
    for visit in visits:
        i = book.number.get(visit.fixed) if visit.fixed is not None else None
        if i is not None and book.fits(visit, i):
            book.put(visit, i)
            assignment[visit.index] = i
    return assignment


def greedy_assign(inp: PlanInput, visits: Sequence[Visit]) -> dict[int, int]:
    """Visit index -> slot number."""
    book = SlotBook(inp)
    assignment = place_fixed(book, visits)
    end = inp.end.toordinal()
    for visit in greedy_order(book, visits):
        i = best_slot(book, visit, end)
        if i is not None:
            book.put(visit, i)
            assignment[visit.index] = i
    return assignment


def greedy_plan(inp: PlanInput) -> Plan:
    visits = build_visits(inp)
    return make_plan(inp, visits, greedy_assign(inp, visits), "greedy")


def first_come_plan(inp: PlanInput) -> Plan:
    """The baseline: customers by their earliest due date, each visit into the first slot
    with room (blocked dates respected; windows, wishes and load ignored)."""
    visits = build_visits(inp)
    book = SlotBook(inp)
    first_due: dict[int, dt.date] = {}
    for visit in visits:
        first_due[visit.customer_id] = min(first_due.get(visit.customer_id, visit.due), visit.due)
    order = sorted(visits, key=lambda v: (first_due[v.customer_id], v.customer_id, v.index))
    assignment: dict[int, int] = {}
    full: dict[str, int] = {}  # per department: the slots before this number have no room
    for visit in order:
        span = book.span(visit.department)
        first = full.get(visit.department, span.start)
        while first < span.stop and book.left(first) <= 0:
            first += 1
        full[visit.department] = first
        for i in range(first, span.stop):
            if book.fits(visit, i):
                book.put(visit, i)
                assignment[visit.index] = i
                break
    return make_plan(inp, visits, assignment, "first_come")
