"""Campaign rules: the split into daily jobs, progress by county, the revenue split."""

from __future__ import annotations

import datetime as dt
import random

from counter.onsite.rules.campaign import (
    CampaignInstrument,
    InstrumentState,
    Share,
    VehicleSlot,
    progress_by_county,
    split_campaign,
    split_revenue,
    working_days,
)

MON = dt.date(2027, 4, 5)


def _items(n: int, seed: int = 1) -> list[CampaignInstrument]:
    rng = random.Random(seed)
    counties = ["371502", "371521", "371522", "371523"]
    return [
        CampaignInstrument(
            k, rng.randrange(200), rng.choice(counties), MON + dt.timedelta(days=rng.randrange(90))
        )
        for k in range(n)
    ]


def test_every_instrument_is_placed_once_within_capacity_and_one_county_per_vehicle_day() -> None:
    items = _items(5000)
    days = working_days(MON, MON + dt.timedelta(days=91))
    fleet = [VehicleSlot(v, 24) for v in (1, 2, 3, 4)]
    split = split_campaign(items, fleet, days)
    placed = [i for j in split.jobs for i in j.instrument_ids]
    assert sorted(placed + list(split.unplaced)) == list(range(5000))
    assert len(placed) == len(set(placed))
    loads: dict[tuple[dt.date, int], list[str]] = {}
    sizes: dict[tuple[dt.date, int], int] = {}
    for j in split.jobs:
        loads.setdefault((j.day, j.vehicle_id), []).append(j.county)
        sizes[(j.day, j.vehicle_id)] = sizes.get((j.day, j.vehicle_id), 0) + len(j.instrument_ids)
    assert all(len(set(c)) == 1 for c in loads.values())
    assert max(sizes.values()) <= 24
    assert split_campaign(items, fleet, days) == split  # deterministic


def test_too_few_days_leaves_the_rest_unplaced() -> None:
    items = _items(100)
    split = split_campaign(items, [VehicleSlot(1, 10)], working_days(MON, MON + dt.timedelta(2)))
    first_county = sum(1 for i in items if i.division_code == "371502")
    # three days in the first county (a vehicle-day never crosses a county line)
    assert sum(len(j.instrument_ids) for j in split.jobs) == min(30, first_county)
    assert len(split.unplaced) == 100 - min(30, first_county)


def test_progress_adds_up_by_county() -> None:
    rows = [
        InstrumentState("371502", "done", "pass"),
        InstrumentState("371502", "done", "fail"),
        InstrumentState("371502", "scheduled", ""),
        InstrumentState("371521", "cancelled", ""),
        InstrumentState("371521", "requested", ""),
    ]
    a, b, total = progress_by_county(rows)
    assert (a.planned, a.done, a.failed, a.remaining) == (3, 1, 1, 1)
    assert (b.planned, b.remaining, b.cancelled) == (1, 1, 1)
    assert (total.planned, total.done, total.failed, total.remaining) == (4, 1, 1, 2)


def test_revenue_split_sums_exactly_to_the_statements() -> None:
    shares = [Share("市所", 500), Share("甲县所", 333), Share("乙县所", 167)]
    for total in (0, 1, 2, 99, 100, 452_000_00, 725_000_01, 7):
        split = split_revenue(total, shares)
        assert sum(f for _i, f in split.parts) == total
    assert split_revenue(100, shares).parts == (("市所", 50), ("甲县所", 33), ("乙县所", 17))
    assert split_revenue(1, [Share("a", 1), Share("b", 1)]).parts == (("a", 1), ("b", 0))
