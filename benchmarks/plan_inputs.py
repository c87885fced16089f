"""Synthetic inputs of the automatic appointment plan, built in Python (no database).

`shops_year`: 447 optical shops (a spread sector), three instruments each, one
department, the working half-days of a year (the official calendar) at six items each.
`mixed_year`: 2,000 customers of mixed sectors over six departments: grain stations
with the 04-30 / 09-30 rule, optical shops spread over the year, markets, fuel
stations, hospitals, and a few chemical plants whose hundreds of alarms go in four
quarterly waves; some customers name weekdays or block dates; a holiday
week closes two departments.  Capacity is set so the year is about three quarters
full with peaks in spring.  Both scale down with `scale` for the smoke test.
"""

from __future__ import annotations

import datetime as dt
import random

from counter.admin.rules.workdays import WorkCalendar
from counter.appointments.rules.plan_model import (
    HALVES,
    Demand,
    DueItem,
    PlanInput,
    SectorRule,
    Slot,
    SlotKey,
)

YEAR = 2027
START = dt.date(YEAR, 1, 1)
END = dt.date(YEAR, 12, 31)
#: items per half-day: about 70 % of the year's demand of each department
CAPACITY = {"长度": 3, "热工": 4, "力学": 6, "电学": 3, "化学": 12, "光学": 3}
RULES = (
    SectorRule("grain", deadlines=((4, 30), (9, 30))),
    SectorRule("optical", spread=True),
    SectorRule("chemical", waves=4),
)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    calendar = WorkCalendar()
    days, day = [], start
    while day <= end:
        if calendar.is_workday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _slots(
    capacity: dict[str, int], closed: frozenset[tuple[str, dt.date]] = frozenset()
) -> tuple[Slot, ...]:
    return tuple(
        Slot(SlotKey(dept, day, half), 0 if (dept, day) in closed else cap)
        for dept, cap in capacity.items()
        for day in _days(START, END)
        for half in HALVES
    )


def _due(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randrange(365))


def shops_year(scale: float = 1.0) -> PlanInput:
    rng = random.Random(447)
    shops = max(3, round(447 * scale))
    dept = "光学"
    demands = []
    ledger = 0
    for n in range(1, shops + 1):
        due = _due(rng)
        items = []
        for k in range(3):
            ledger += 1
            items.append(DueItem(ledger, f"T{k}", dept, due + dt.timedelta(days=rng.randrange(30))))
        demands.append(Demand(n, f"眼镜店{n:03d}", tuple(items), sector="optical"))
    capacity = max(3, round(6 * min(1.0, scale * 4)))
    return PlanInput(START, END, _slots({dept: capacity}), tuple(demands), RULES)


def _customer(rng: random.Random, n: int, ledger: int) -> tuple[Demand, int]:
    sector = rng.choices(
        ("grain", "optical", "market", "fuel", "hospital", "chemical"),
        weights=(15, 20, 30, 15, 19, 1),
    )[0]
    count = {"chemical": 200, "hospital": 12}.get(sector, 3)
    depts = {
        "grain": ("力学",),
        "optical": ("光学",),
        "market": ("力学",),
        "fuel": ("热工", "力学"),
        "hospital": ("电学", "化学", "热工", "长度"),
        "chemical": ("化学",),
    }[sector]
    base = _due(rng)
    items = []
    for _k in range(rng.randint(max(1, count // 2), count)):
        ledger += 1
        dept = rng.choice(depts)
        # a chemical plant's alarms fall due all year round (their quarterly waves)
        due = _due(rng) if sector == "chemical" else base + dt.timedelta(days=rng.randrange(45))
        items.append(DueItem(ledger, f"{dept}-{rng.randrange(3)}", dept, min(due, END)))
    preferred = frozenset(rng.sample(range(5), 2)) if rng.random() < 0.2 else frozenset()
    blocked: frozenset[dt.date] = frozenset()
    if rng.random() < 0.1:
        blocked = frozenset(base - dt.timedelta(days=d) for d in range(0, 20))
    demand = Demand(n, f"客户{n:04d}", tuple(items), sector, preferred, blocked)
    return demand, ledger


def mixed_year(scale: float = 1.0) -> PlanInput:
    rng = random.Random(2000)
    customers = max(12, round(2000 * scale))
    demands, ledger = [], 0
    for n in range(1, customers + 1):
        demand, ledger = _customer(rng, n, ledger)
        demands.append(demand)
    closed = frozenset(
        (dept, dt.date(YEAR, 8, day)) for dept in ("化学", "电学") for day in range(2, 7)
    )
    capacity = {d: max(2, round(c * min(1.0, scale * 4))) for d, c in CAPACITY.items()}
    return PlanInput(START, END, _slots(capacity, closed), tuple(demands), RULES)
