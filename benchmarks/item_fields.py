"""The details of one item and the statuses of one order, drawn quickly.

Called two million times in a full build, so choices are precomputed where
possible and each draw is a handful of `random` calls.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import names
from counter.intake.catalog import TypeInfo
from counter.intake.rules.lifecycle import ItemStatus

# instrument = (id, customer_id, type_id, serial, model, manufacturer, range, class, created_at)
InstrumentRow = tuple[int, int, int, str, str, str, str, str, str]
Details = tuple[str, str, str, str]

# how common each catalogue type is at the counter (by name; others weigh 2)
TYPE_WEIGHTS = {
    "电子计价秤": 30, "数字指示秤": 12, "一般压力表": 25, "燃油加油机": 10, "血压计和血压表": 10,
    "砝码": 8, "可燃气体检测报警器": 8, "出租汽车计价器": 5, "电子汽车衡(地磅)": 4,
    "冷水水表": 6, "焦度计": 3, "验光仪": 3, "无创自动测量血压计": 4,
}  # fmt: skip
RANGES = {
    "衡器": (("(0~30)kg", "III"), ("(0~15)kg", "III"), ("(0~150)kg", "III"), ("(0~60)t", "III")),
    "长度": (("(0~150)mm", "0.02mm"), ("(0~5)m", "II级"), ("(0~25)mm", "0.01mm")),
    "医疗": (("(0~300)mmHg", "±0.5kPa"), ("(-20~+20)m⁻¹", "")),
    "温度": (("(0~1.6)MPa", "1.6级"), ("(0~2.5)MPa", "2.5级"), ("(0~100)℃", "")),
    "化学": (("(0~100)%LEL", ""), ("DN15", "2级"), ("G2.5", "1.5级")),
    "电磁": (("220V 5(60)A", "2级"), ("(0~500)MΩ", "10级")),
}
CONDITIONS = ("外观完好",) * 8 + ("外观有划痕", "铅封缺失")
ACCESSORIES = ("",) * 7 + ("电源线", "说明书", "砝码一套")
SERVICES = (("verification", 75), ("calibration", 18), ("testing", 5), ("repair", 2))
URGENCY_DAYS = {"normal": 7, "urgent": 3, "same_day": 0}
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class ItemDraw:
    department_id: int
    service: str
    use: str
    compulsory: int
    condition: str
    accessories: str
    urgency: str
    return_way: str
    promised: str  # ISO date, as SQLAlchemy stores a Date on SQLite


@dataclass(frozen=True)
class OrderPlan:
    statuses: list[str]
    reasons: dict[str, str]
    order_voided: bool


class ItemFields:
    def __init__(self, rng: random.Random, types: Sequence[TypeInfo]) -> None:
        self.rng = rng
        self.types = {t.id: t for t in types}
        self.type_ids = [t.id for t in types]
        self.type_weights = [TYPE_WEIGHTS.get(t.name, 2) for t in types]
        self.favourites: dict[int, list[int]] = {}
        self.uses = {t.id: sorted(u.value for u in t.compulsory_uses) for t in types}
        self.models = {
            t.id: [
                f"{rng.choice('ABCDJKTXY')}{rng.choice('CSWPL')}-{rng.randrange(1, 300)}"
                for _ in range(5)
            ]
            for t in types
        }
        self.services = [s for s, _w in SERVICES]
        self.service_weights = [w for _s, w in SERVICES]
        self.dates: dict[tuple[dt.date, int], str] = {}

    def type_for(self, customer: int) -> int:
        rng = self.rng
        favourites = self.favourites.get(customer)
        if favourites is None:
            favourites = rng.choices(self.type_ids, self.type_weights, k=2)
            self.favourites[customer] = favourites
        if rng.random() < 0.7:
            return rng.choice(favourites)
        return rng.choices(self.type_ids, self.type_weights)[0]

    def serial(self, instrument_id: int) -> str:
        """Unique per instrument: a bijection of the id onto 8 base-36 digits."""
        value = instrument_id * 2654435761 % 36**8
        digits = []
        for _ in range(8):
            value, rest = divmod(value, 36)
            digits.append(_BASE36[rest])
        return "".join(digits)

    def details(self, type_id: int) -> Details:
        rng = self.rng
        measuring_range, accuracy = rng.choice(RANGES[self.types[type_id].department])
        return (rng.choice(self.models[type_id]), rng.choice(names.MANUFACTURERS),
                measuring_range, accuracy)  # fmt: skip

    def item(self, type_id: int, received: dt.date) -> ItemDraw:
        rng = self.rng
        service = rng.choices(self.services, self.service_weights)[0]
        uses = self.uses[type_id]
        use = uses[0] if uses and rng.random() < 0.85 else ""
        roll = rng.random()
        urgency = "normal" if roll < 0.9 else "urgent" if roll < 0.98 else "same_day"
        days = 14 if service == "repair" and urgency == "normal" else URGENCY_DAYS[urgency]
        promised = self.dates.get((received, days))
        if promised is None:
            promised = (received + dt.timedelta(days=days)).isoformat()
            self.dates[(received, days)] = promised
        return ItemDraw(
            self.types[type_id].department_id,
            service,
            use,
            int(service == "verification" and use != ""),
            rng.choice(CONDITIONS),
            rng.choice(ACCESSORIES),
            urgency,
            "pickup" if rng.random() < 0.9 else "mail",
            promised,
        )


S = ItemStatus
# (status, weight) by the order's age in days: old orders are done, new ones in progress
_BY_AGE: tuple[tuple[int, tuple[tuple[str, int], ...]], ...] = (
    (3, ((S.RECEIVED, 60), (S.IN_LAB, 35), (S.ON_HOLD, 3), (S.RETURNED_UNPROCESSED, 2))),
    (10, ((S.RECEIVED, 10), (S.IN_LAB, 45), (S.CERT_DRAFTED, 25), (S.CHECKED, 15), (S.ON_HOLD, 5))),
    (40, ((S.IN_LAB, 5), (S.CERT_DRAFTED, 10), (S.CHECKED, 30), (S.RELEASED, 50), (S.ON_HOLD, 3),
          (S.RETURNED_UNPROCESSED, 2))),
    (10**6, ((S.RELEASED, 95), (S.CHECKED, 2), (S.RETURNED_UNPROCESSED, 2), (S.ON_HOLD, 1))),
)  # fmt: skip


class Statuses:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tables = [
            (limit, [str(s) for s, _w in table], [w for _s, w in table]) for limit, table in _BY_AGE
        ]

    def for_order(self, age: int, count: int) -> OrderPlan:
        rng = self.rng
        reasons = {k: rng.choice(v) for k, v in names.STATUS_REASONS.items()}
        if rng.random() < 0.01:
            return OrderPlan(["voided"] * count, reasons, True)
        _limit, states, weights = next(t for t in self.tables if age < t[0])
        main = rng.choices(states, weights)[0]
        statuses = [main] * count
        for i in range(count):  # a few items of an order go their own way
            roll = rng.random()
            if roll < 0.08:
                statuses[i] = rng.choices(states, weights)[0]
            elif roll < 0.085:
                statuses[i] = "voided"
        return OrderPlan(statuses, reasons, False)
