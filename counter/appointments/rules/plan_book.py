"""The slots of a plan as numbered rows (what is placed in them, what a slot costs a
visit), shared by the greedy plan, CP-SAT and the result.  Slot numbers are positions
in the sorted list of slot keys, so a department's slots are one run of numbers in
date order; a visit's assignment is a slot number.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from counter.appointments.rules.plan_model import PlanInput, SlotKey, Visit

#: cost weights, integers so that CP-SAT minimises the same objective
W_UNPLACED_ITEM = 1_000_000
W_LATE_ITEM = 10_000
W_LATE_DAY = 100  # per item and day after the deadline
W_EARLY_DAY = 2  # per day before the window
W_PREF = 400  # a visit not on a preferred weekday
W_HALF = 100  # a visit not in the half-day its customer prefers
W_SPREAD_WEEK = 30  # per week away from a spread sector's target
W_PEAK = 20  # per per-mille of a department's fullest slot


@dataclass(frozen=True)
class _Terms:
    """A visit's dates as day numbers, for fast costing."""

    deadline: int
    earliest: int
    target: int | None
    dues: tuple[int, ...]  # sorted
    preferred: frozenset[int]
    blocked: frozenset[int]


class SlotBook:
    def __init__(self, inp: PlanInput) -> None:
        slots = sorted(
            (s for s in inp.slots if inp.start <= s.key.day <= inp.end and s.capacity > 0),
            key=lambda s: s.key,
        )
        self.keys: list[SlotKey] = [s.key for s in slots]
        self.cap: list[int] = [s.capacity for s in slots]
        self.type_caps: list[dict[str, int] | None] = [dict(s.by_type) or None for s in slots]
        self.ordinal: list[int] = [k.day.toordinal() for k in self.keys]
        self.weekday: list[int] = [k.day.weekday() for k in self.keys]
        self.number: dict[SlotKey, int] = {k: i for i, k in enumerate(self.keys)}
        self.departments: dict[str, tuple[int, int]] = {}
        for i, key in enumerate(self.keys):
            lo, _hi = self.departments.get(key.department, (i, i))
            self.departments[key.department] = (lo, i + 1)
        self.load: list[int] = [0] * len(slots)
        self.type_load: dict[tuple[int, str], int] = defaultdict(int)
        self._terms: dict[int, _Terms] = {}

    def span(self, dept: str) -> range:
        lo, hi = self.departments.get(dept, (0, 0))
        return range(lo, hi)

    def day_range(self, dept: str, first: int, last: int) -> range:
        """The department's slot numbers from day number `first` to `last`, both included."""
        lo, hi = self.departments.get(dept, (0, 0))
        start = bisect.bisect_left(self.ordinal, first, lo, hi)
        stop = bisect.bisect_right(self.ordinal, last, lo, hi)
        return range(start, max(start, stop))

    def terms(self, visit: Visit) -> _Terms:
        found = self._terms.get(visit.index)
        if found is None:
            found = self._terms[visit.index] = _Terms(
                deadline=visit.deadline.toordinal(),
                earliest=visit.earliest.toordinal(),
                target=visit.target.toordinal() if visit.target else None,
                dues=tuple(sorted(d.toordinal() for d in visit.dues)),
                preferred=visit.preferred,
                blocked=frozenset(d.toordinal() for d in visit.blocked),
            )
        return found

    def static_fit(self, visit: Visit, i: int) -> bool:
        """Slot `i` could take the visit if it were empty."""
        if self.ordinal[i] in self.terms(visit).blocked or self.cap[i] < visit.size:
            return False
        caps = self.type_caps[i]
        return caps is None or all(count <= caps.get(code, count) for code, count in visit.types)

    def fits(self, visit: Visit, i: int) -> bool:
        if self.load[i] + visit.size > self.cap[i]:
            return False
        if self.ordinal[i] in self.terms(visit).blocked:
            return False
        caps = self.type_caps[i]
        return caps is None or all(
            self.type_load[(i, code)] + count <= caps.get(code, count + self.type_load[(i, code)])
            for code, count in visit.types
        )

    def put(self, visit: Visit, i: int) -> None:
        self.load[i] += visit.size
        if self.type_caps[i] is not None:
            for code, count in visit.types:
                self.type_load[(i, code)] += count

    def left(self, i: int) -> int:
        return self.cap[i] - self.load[i]

    def cost(self, visit: Visit, i: int) -> int:
        """What placing the visit in slot `i` costs, apart from the load."""
        t = self.terms(visit)
        day = self.ordinal[i]
        cost = 0
        if day > t.deadline:
            cost += W_LATE_DAY * visit.size * (day - t.deadline)
            cost += W_LATE_ITEM * bisect.bisect_left(t.dues, day)
        elif day < t.earliest:
            cost += W_EARLY_DAY * (t.earliest - day)
        if t.preferred and self.weekday[i] not in t.preferred:
            cost += W_PREF
        if visit.preferred_half and self.keys[i].half != visit.preferred_half:
            cost += W_HALF
        if t.target is not None:
            cost += W_SPREAD_WEEK * (abs(day - t.target) // 7)
        return cost

    def fill(self, visits: Sequence[Visit], assignment: Mapping[int, int]) -> None:
        for visit in visits:
            i = assignment.get(visit.index)
            if i is not None:
                self.put(visit, i)


def peak_per_mille(
    book: SlotBook, visits: Sequence[Visit], assignment: Mapping[int, int]
) -> dict[str, int]:
    load = [0] * len(book.keys)
    for visit in visits:
        i = assignment.get(visit.index)
        if i is not None:
            load[i] += visit.size
    peak: dict[str, int] = {}
    for dept in book.departments:
        shares = [load[i] * 1000 // book.cap[i] for i in book.span(dept)]
        peak[dept] = max(shares, default=0)
    return peak


def score(book: SlotBook, visits: Sequence[Visit], assignment: Mapping[int, int]) -> int:
    """The plan's total cost (lower is better): the objective CP-SAT minimises too."""
    total = 0
    for visit in visits:
        i = assignment.get(visit.index)
        total += W_UNPLACED_ITEM * visit.size if i is None else book.cost(visit, i)
    return total + W_PEAK * sum(peak_per_mille(book, visits, assignment).values())
