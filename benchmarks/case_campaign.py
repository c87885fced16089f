"""Splitting a campaign: 5,000 ledger instruments into daily jobs for 4 test-weight trucks
over a quarter (`counter.onsite.rules.campaign.split_campaign`), on synthetic input.

No dataset: the instruments are made here (200 customers in 4 counties, due dates
over 90 days, a fixed seed).  The baseline, timed in the same run, is sorting the
same instruments by (county, customer, due date) — the least any split must do.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from benchmarks.context import Bench, Case
from benchmarks.measure import Metric, median, ms, time_repeat
from counter.onsite.rules.campaign import (
    CampaignInstrument,
    VehicleSlot,
    split_campaign,
    working_days,
)

N_ITEMS = 5000
START = dt.date(2027, 4, 1)
REPEAT = 7


def synthetic(n: int, seed: int = 13) -> list[CampaignInstrument]:
    rng = random.Random(seed)
    counties = ["371502", "371521", "371522", "371523"]
    return [
        CampaignInstrument(
            k,
            rng.randrange(200),
            rng.choice(counties) + "001",
            START + dt.timedelta(days=rng.randrange(90)),
        )
        for k in range(n)
    ]


def campaign_split(bench: Bench) -> Iterator[Metric]:
    items = synthetic(N_ITEMS)
    days = working_days(START, START + dt.timedelta(days=91))
    fleet = [VehicleSlot(v, 24) for v in range(1, 5)]
    split = split_campaign(items, fleet, days)
    times = time_repeat(lambda: split_campaign(items, fleet, days), REPEAT)
    baseline = time_repeat(
        lambda: sorted(items, key=lambda i: (i.division_code[:6], i.customer_id, i.next_due)),
        REPEAT,
    )
    placed = sum(len(j.instrument_ids) for j in split.jobs)
    yield Metric(
        "campaign_split_5000_items_ms",
        round(ms(median(times)), 2),
        "ms",
        extra=(
            ("jobs", len(split.jobs)),
            ("placed", placed),
            ("unplaced", len(split.unplaced)),
            ("days", len(days)),
            ("vehicles", len(fleet)),
        ),
    )
    yield Metric(
        "campaign_sort_baseline_ms",
        round(ms(median(baseline)), 2),
        "ms",
        note="baseline: the same instruments sorted by county, customer, due date",
    )


CASES = (
    Case(
        "campaign_split",
        ("campaign_split_5000_items_ms", "campaign_sort_baseline_ms"),
        campaign_split,
        needs_dataset=False,
    ),
)
