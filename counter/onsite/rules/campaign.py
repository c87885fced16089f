"""A verification campaign (统检), pure: daily jobs from a selection, progress, revenue split.

Splitting is deterministic: instruments are grouped by county (the first six digits
of the division code; "" last), then by customer (the site), each customer's
earliest due date first; working days are filled vehicle by vehicle, each
vehicle spending a day in one county and taking at most its capacity; a customer
too big for one load continues in the next slot.  One job = one customer on one
day with one vehicle.

Revenue is split by agreed shares (‰) with the largest-remainder rule, so the
parts are whole fen and add up exactly to the total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CampaignInstrument:
    instrument_id: int
    customer_id: int
    division_code: str
    next_due: dt.date | None = None


@dataclass(frozen=True, slots=True)
class VehicleSlot:
    vehicle_id: int
    capacity: int


@dataclass(frozen=True)
class PlannedJob:
    day: dt.date
    vehicle_id: int
    county: str
    customer_id: int
    instrument_ids: tuple[int, ...]


@dataclass(frozen=True)
class Split:
    jobs: tuple[PlannedJob, ...]
    unplaced: tuple[int, ...] = ()  # instruments beyond the last working day


def working_days(start: dt.date, end: dt.date, holidays: Iterable[dt.date] = ()) -> list[dt.date]:
    """Monday to Friday from start to end, less the holidays."""
    off = set(holidays)
    days, day = [], start
    while day <= end:
        if day.weekday() < 5 and day not in off:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _queues(items: Sequence[CampaignInstrument]) -> list[tuple[str, list[tuple[int, list[int]]]]]:
    """[(county, [(customer, [instrument ids])])] in visiting order."""
    far = dt.date.max
    by_county: dict[str, dict[int, list[CampaignInstrument]]] = {}
    for item in items:
        by_county.setdefault(item.division_code[:6], {}).setdefault(item.customer_id, []).append(
            item
        )
    out = []
    for county in sorted(by_county, key=lambda c: (c == "", c)):
        customers = by_county[county]
        order = sorted(
            customers,
            key=lambda cid: (min(i.next_due or far for i in customers[cid]), cid),
        )
        out.append(
            (
                county,
                [
                    (
                        cid,
                        [
                            i.instrument_id
                            for i in sorted(
                                customers[cid], key=lambda i: (i.next_due or far, i.instrument_id)
                            )
                        ],
                    )
                    for cid in order
                ],
            )
        )
    return out


def split_campaign(
    items: Sequence[CampaignInstrument], vehicles: Sequence[VehicleSlot], days: Sequence[dt.date]
) -> Split:
    """Daily jobs for the vehicles over the days (see the module's rules)."""
    fleet = sorted((v for v in vehicles if v.capacity > 0), key=lambda v: v.vehicle_id)
    queues = _queues(items)
    jobs: list[PlannedJob] = []
    county_at = 0
    pending: list[tuple[int, list[int]]] = list(queues[0][1]) if queues else []

    def slots() -> Iterator[tuple[dt.date, VehicleSlot]]:
        for day in days:
            for v in fleet:
                yield day, v

    for day, vehicle in slots():
        while not pending and county_at + 1 < len(queues):
            county_at += 1
            pending = list(queues[county_at][1])
        if not pending:
            break
        county, room = queues[county_at][0], vehicle.capacity
        while pending and room > 0:
            customer, ids = pending[0]
            taken, rest = ids[:room], ids[room:]
            jobs.append(PlannedJob(day, vehicle.vehicle_id, county, customer, tuple(taken)))
            room -= len(taken)
            if rest:
                pending[0] = (customer, rest)
            else:
                pending.pop(0)
    left = [i for _c, ids in pending for i in ids]
    left += [i for _county, q in queues[county_at + 1 :] for _c, ids in q for i in ids]
    return Split(tuple(jobs), tuple(left))


@dataclass
class CountyProgress:
    county: str
    planned: int = 0
    done: int = 0
    failed: int = 0
    remaining: int = 0
    cancelled: int = 0

    @property
    def finished(self) -> int:
        return self.done + self.failed


@dataclass(frozen=True)
class InstrumentState:
    county: str
    job_state: str  # the job's state
    result: str  # "pass" | "fail" | ""


def progress_by_county(rows: Iterable[InstrumentState]) -> list[CountyProgress]:
    """Per county: planned (not cancelled), done (passed), failed, remaining; a total row last
    (county "*").  done + failed + remaining == planned on every row."""
    counties: dict[str, CountyProgress] = {}
    total = CountyProgress("*")
    for row in rows:
        for p in (counties.setdefault(row.county, CountyProgress(row.county)), total):
            if row.job_state == "cancelled":
                p.cancelled += 1
                continue
            p.planned += 1
            if row.job_state == "done" and row.result == "fail":
                p.failed += 1
            elif row.job_state == "done":
                p.done += 1
            else:
                p.remaining += 1
    return [counties[c] for c in sorted(counties)] + [total]


@dataclass(frozen=True)
class Share:
    institute: str
    permille: int


@dataclass(frozen=True)
class RevenueSplit:
    total_fen: int
    parts: tuple[tuple[str, int], ...] = field(default_factory=tuple)  # (institute, fen)


def split_revenue(total_fen: int, shares: Sequence[Share]) -> RevenueSplit:
    """Each institute's part of `total_fen` by its share: floors, then the fen left over go
    one each to the largest remainders (ties: the order given).  Shares need not add to
    1000 ‰; they are taken relative to their sum."""
    weights = [s.permille for s in shares]
    whole = sum(weights)
    if not shares or whole <= 0:
        return RevenueSplit(total_fen, ())
    if any(w < 0 for w in weights):
        raise ValueError("negative share")
    floors = [total_fen * w // whole for w in weights]
    remainders = [total_fen * w % whole for w in weights]
    left = total_fen - sum(floors)
    for index in sorted(range(len(shares)), key=lambda k: (-remainders[k], k))[:left]:
        floors[index] += 1
    return RevenueSplit(
        total_fen, tuple((s.institute, f) for s, f in zip(shares, floors, strict=True))
    )
