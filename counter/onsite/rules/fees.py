"""On-site charges from the fee standard (pure): travel (交通费) and on-site surcharges.

The fee standard says how each is charged: a row whose unit is a trip or a day
(次 / 趟 / 车次 / 天 / 人次) is charged once per job, any other unit (台 / 台件 /
件 / 只 …) once per instrument on the job.  Rows are recognised by name: 交通费 is
travel; 现场 / 上门 / 外检 name an on-site surcharge.

Compulsory verification is free (财税〔2017〕20号): the fee for verifying an
instrument under compulsory control is no longer charged, and travel and on-site
surcharges are part of that verification's cost, so they are not charged for it
either.  Per instrument, only the charged instruments (not compulsory-free) pay the
surcharge; a per-job charge (the trip) is due when at least one instrument on the
job is charged — the crew travels for that work anyway — and waived when every one is
free.  A waived charge is still listed, at ¥0 with the reason, as the statement lists
every free line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from counter.billing.rules.lines import ChargeKind
from counter.billing.rules.pricing import ExtraCharge
from counter.i18n import _

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


def waived_text(name: str) -> str:
    return _("{name}（强制检定免收，财税〔2017〕20号）").format(name=name)


def onsite_charges(
    rows: Sequence[FeeRowFacts],
    instrument_count: int,
    order_number: str = "",
    free_count: int = 0,
) -> list[ExtraCharge]:
    """The extra charges of one job with `instrument_count` instruments, each with its code,
    on the job's (first) order `order_number`; `free_count` of them are compulsory
    verification, free of charge (see the module's rule)."""
    free = max(0, min(free_count, instrument_count))
    charged = instrument_count - free
    out = []
    for row in sorted(rows, key=lambda r: (not is_travel(r), r.code)):
        if not is_onsite_charge(row):
            continue
        kind: ChargeKind = "travel" if is_travel(row) else "other"
        if per_job(row):
            parts = [(1, charged > 0 or free == 0)]  # a trip is a trip, even found empty
        else:
            parts = [(n, paid) for n, paid in ((charged, True), (free, False)) if n > 0]
        for quantity, paid in parts:
            out.append(
                ExtraCharge(
                    kind=kind,
                    description=row.name if paid else waived_text(row.name),
                    unit_price_fen=row.price_fen if paid else 0,
                    quantity=quantity,
                    unit=row.unit,
                    order_number=order_number,
                    fee_code=row.code,
                )
            )
    return out
