"""On-site charges from the fee standard (pure): travel (交通费) and on-site surcharges.

The fee standard says how each is charged: a row whose unit is a trip or a day
(次 / 趟 / 车次 / 天 / 人次) is charged once per job, any other unit (台 / 台件 /
件 / 只 …) once per instrument on the job.  Rows are recognised by name: 交通费 is
travel; 现场 / 上门 / 外检 name an on-site surcharge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from counter.billing.rules.pricing import ExtraCharge

PER_JOB_UNITS = frozenset({"次", "趟", "车次", "天", "人次", "单"})
TRAVEL_WORDS = ("交通费",)
ONSITE_WORDS = ("现场", "上门", "外检")


class FeeRowFacts(Protocol):
    """A fee-standard row (`counter.billing.rules.schedule.FeeRow` is one)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def price_fen(self) -> int: ...


def is_travel(row: FeeRowFacts) -> bool:
    return any(w in row.name for w in TRAVEL_WORDS)


def is_onsite_charge(row: FeeRowFacts) -> bool:
    return is_travel(row) or any(w in row.name for w in ONSITE_WORDS)


def per_job(row: FeeRowFacts) -> bool:
    return row.unit.strip() in PER_JOB_UNITS


def onsite_charges(
    rows: Sequence[FeeRowFacts], instrument_count: int, order_number: str = ""
) -> list[ExtraCharge]:
    """The extra charges of one job with `instrument_count` instruments, each with its code,
    on the job's (first) order `order_number`."""
    out = []
    for row in sorted(rows, key=lambda r: (not is_travel(r), r.code)):
        if not is_onsite_charge(row):
            continue
        quantity = 1 if per_job(row) else instrument_count
        if quantity < 1:
            continue
        out.append(
            ExtraCharge(
                kind="travel" if is_travel(row) else "other",
                description=row.name,
                unit_price_fen=row.price_fen,
                quantity=quantity,
                unit=row.unit,
                order_number=order_number,
                fee_code=row.code,
            )
        )
    return out
