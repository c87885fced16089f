"""From the plan input to visits: a customer's items grouped by department (and wave),
cut into parts where no slot could take them at once, each with its window: from
`earliest` (the lead time before the deadline, the start of its wave, or the period's
start for a spread sector) to `deadline` (its first due date, or the sector rule's
date before it)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from counter.appointments.rules.plan_model import (
    Demand,
    DueItem,
    PlanInput,
    SectorRule,
    Slot,
    SlotKey,
    Visit,
)


def _rule_date(rule: SectorRule | None, due: dt.date, start: dt.date) -> dt.date | None:
    """The last of the rule's dates on or before `due` (and not before the period)."""
    if rule is None or not rule.deadlines:
        return None
    found = [
        dt.date(year, month, day)
        for year in (due.year - 1, due.year)
        for month, day in rule.deadlines
        if start <= dt.date(year, month, day) < due
    ]
    return max(found) if found else None


def _chunks(
    items: Sequence[DueItem], largest: int, type_caps: Mapping[str, int]
) -> list[list[DueItem]]:
    """Items in due order cut into parts that fit the department's largest slot."""
    if largest <= 0:
        return [list(items)]
    out: list[list[DueItem]] = [[]]
    counts: dict[str, int] = defaultdict(int)
    size = 0
    for item in items:
        cap = type_caps.get(item.type_code, largest)
        if out[-1] and (
            size + item.quantity > largest or counts[item.type_code] + item.quantity > cap
        ):
            out.append([])
            counts, size = defaultdict(int), 0
        out[-1].append(item)
        counts[item.type_code] += item.quantity
        size += item.quantity
    return out


def _department_limits(slots: Iterable[Slot]) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    largest: dict[str, int] = defaultdict(int)
    type_caps: dict[str, dict[str, int]] = defaultdict(dict)
    for slot in slots:
        dept = slot.key.department
        largest[dept] = max(largest[dept], slot.capacity)
        for code, cap in slot.by_type:
            type_caps[dept][code] = max(type_caps[dept].get(code, 0), min(cap, slot.capacity))
    return largest, type_caps


def _wave_window(start: dt.date, end: dt.date, wave: int, waves: int) -> tuple[dt.date, dt.date]:
    span = (end - start).days + 1
    first = start + dt.timedelta(days=span * (wave - 1) // waves)
    last = start + dt.timedelta(days=span * wave // waves - 1)
    return first, last


def _split(
    items: Sequence[DueItem], waves: int, start: dt.date, end: dt.date
) -> list[tuple[int, list[DueItem]]]:
    """Items by the part of the period their due date falls in: (wave, items), none empty."""
    span = (end - start).days + 1
    groups: dict[int, list[DueItem]] = defaultdict(list)
    for item in items:
        k = (item.due - start).days * waves // span + 1
        groups[min(max(k, 1), waves)].append(item)
    return sorted(groups.items())


def build_visits(inp: PlanInput) -> tuple[Visit, ...]:
    """Every visit of the period, in a fixed order (customer, department, wave, part)."""
    rules = {rule.sector: rule for rule in inp.rules}
    slots = [s for s in inp.slots if inp.start <= s.key.day <= inp.end]
    largest, type_caps = _department_limits(slots)
    visits: list[Visit] = []
    for demand in sorted(inp.demands, key=lambda d: d.customer_id):
        rule = rules.get(demand.sector)
        visits.extend(_demand_visits(inp, demand, rule, largest, type_caps, len(visits)))
    return tuple(_with_targets(inp, visits, rules))


def _demand_visits(
    inp: PlanInput,
    demand: Demand,
    rule: SectorRule | None,
    largest: Mapping[str, int],
    type_caps: Mapping[str, Mapping[str, int]],
    first_index: int,
) -> list[Visit]:
    by_dept: dict[str, list[DueItem]] = defaultdict(list)
    for item in demand.items:
        by_dept[item.department].append(item)
    fixed: dict[str, list[SlotKey]] = defaultdict(list)
    for key in demand.fixed:  # in the order of the department's visits
        fixed[key.department].append(key)
    out: list[Visit] = []
    for dept in sorted(by_dept):
        items = sorted(by_dept[dept], key=lambda i: (i.due, i.ledger_id))
        waves = max(1, rule.waves if rule else 1)
        pins = iter(fixed[dept])
        for wave, group in _split(items, waves, inp.start, inp.end):
            chunks = _chunks(group, largest.get(dept, 0), type_caps.get(dept, {}))
            for part, chunk in enumerate(chunks, start=1):
                due = chunk[0].due
                rule_date = _rule_date(rule, due, inp.start)
                deadline = min(due, rule_date) if rule_date else due
                if waves > 1:  # in its part of the period, before its first due date
                    first, last = _wave_window(inp.start, inp.end, wave, waves)
                    deadline = min(deadline, last)
                    early = deadline - dt.timedelta(days=inp.lead_days)
                    earliest = first if first <= deadline else max(inp.start, early)
                elif rule is not None and rule.spread:
                    earliest = inp.start
                else:
                    earliest = max(inp.start, deadline - dt.timedelta(days=inp.lead_days))
                counts: dict[str, int] = defaultdict(int)
                for item in chunk:
                    counts[item.type_code] += item.quantity
                visit = Visit(
                    index=first_index + len(out),
                    customer_id=demand.customer_id,
                    name=demand.name,
                    department=dept,
                    ledger_ids=tuple(i.ledger_id for i in chunk),
                    types=tuple(sorted(counts.items())),
                    size=sum(counts.values()),
                    due=due,
                    deadline=deadline,
                    rule_date=rule_date if rule_date and rule_date < due else None,
                    earliest=min(earliest, deadline),
                    target=None,
                    preferred=demand.preferred_weekdays,
                    blocked=demand.blocked,
                    preferred_half=demand.preferred_half,
                    fixed=next(pins, None),
                    wave=wave,
                    waves=waves,
                    part=part,
                    parts=len(chunks),
                    dues=tuple(i.due for i in chunk for _n in range(i.quantity)),
                )
                out.append(visit)
    return out


def _with_targets(
    inp: PlanInput, visits: list[Visit], rules: Mapping[str, SectorRule]
) -> list[Visit]:
    """Spread sectors: the sector's visits of a department aimed at evenly spaced days."""
    sector_of = {d.customer_id: d.sector for d in inp.demands}
    groups: dict[tuple[str, str], list[Visit]] = defaultdict(list)
    for visit in visits:
        rule = rules.get(sector_of.get(visit.customer_id, ""))
        if rule is not None and rule.spread and visit.waves == 1:
            groups[(rule.sector, visit.department)].append(visit)
    targets: dict[int, dt.date] = {}
    for group in groups.values():
        group.sort(key=lambda v: (v.deadline, v.customer_id, v.part))
        span = (inp.end - inp.start).days + 1
        for i, visit in enumerate(group):
            day = inp.start + dt.timedelta(days=(2 * i + 1) * span // (2 * len(group)))
            targets[visit.index] = min(day, visit.deadline)
    if not targets:
        return visits
    return [replace(v, target=targets[v.index]) if v.index in targets else v for v in visits]
