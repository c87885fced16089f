"""A solver's choice of slots turned into the plan a clerk reads: placements with their
explanations, what could not be placed and why, and the figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from counter.appointments.rules.plan_book import SlotBook
from counter.appointments.rules.plan_model import (
    Explanation,
    Figures,
    Placement,
    Plan,
    PlanInput,
    Unplaced,
    Visit,
)


def unplaced_reason(book: SlotBook, visit: Visit) -> str:
    span = book.span(visit.department)
    if visit.fixed is not None:
        return "fixed_full"
    if not span:
        return "no_slots"
    blocked = book.terms(visit).blocked
    if all(book.ordinal[i] in blocked for i in span):
        return "blocked"
    if not any(book.static_fit(visit, i) for i in span):
        return "too_big"
    return "no_capacity"


def peak_to_mean(book: SlotBook) -> float:
    """The fullest slot's share of its capacity over the mean share, across the slots
    of the departments the plan uses (1.0: perfectly even)."""
    used = {book.keys[i].department for i, n in enumerate(book.load) if n}
    shares = [
        book.load[i] / book.cap[i] for i, key in enumerate(book.keys) if key.department in used
    ]
    if not shares or sum(shares) == 0:
        return 0.0
    return round(max(shares) / (sum(shares) / len(shares)), 3)


def make_plan(
    inp: PlanInput,
    visits: Sequence[Visit],
    assignment: Mapping[int, int],
    solver: str,
    note: str = "",
) -> Plan:
    """`assignment`: visit index -> slot number of `SlotBook(inp)`."""
    book = SlotBook(inp)
    book.fill(visits, assignment)
    placements: list[Placement] = []
    unplaced: list[Unplaced] = []
    trips: dict[tuple[int, str, int], set[int]] = defaultdict(set)
    for visit in visits:
        i = assignment.get(visit.index)
        if i is None:
            unplaced.append(Unplaced(visit, unplaced_reason(book, visit)))
            continue
        trips[(visit.customer_id, visit.department, visit.wave)].add(i)
        key = book.keys[i]
        day = key.day
        explanation = Explanation(
            due=visit.due,
            rule_date=visit.rule_date,
            capacity_left=book.left(i),
            late_days=max(0, (day - visit.deadline).days),
            preferred=(day.weekday() in visit.preferred) if visit.preferred else None,
            fixed=visit.fixed == key,
            wave=(visit.wave, visit.waves),
            part=(visit.part, visit.parts),
            early=day < visit.earliest,
        )
        placements.append(Placement(visit, key, explanation))
    figures = Figures(
        visits=len(visits),
        items=sum(v.size for v in visits),
        placed_items=sum(p.visit.size for p in placements),
        unplaced_items=sum(u.visit.size for u in unplaced),
        late_items=sum(p.late_items for p in placements),
        peak_to_mean_load=peak_to_mean(book),
        split_customers=len({c for (c, _d, _w), keys in trips.items() if len(keys) > 1}),
        preferred_missed=sum(1 for p in placements if p.explanation.preferred is False),
    )
    placements.sort(key=lambda p: (p.slot, p.visit.customer_id, p.visit.index))
    return Plan(tuple(placements), tuple(unplaced), figures, solver, note)
