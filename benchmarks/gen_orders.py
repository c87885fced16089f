"""Orders, items, instruments, print jobs and audit entries over three years.

Orders are drawn in time order on working days, numbered with the product's
`counter.intake.numbering` (one sequence a year, as `new_order_number` does), and hold
1 to a few hundred items (10 on average).  Customers come back with the same
instruments; statuses follow the age of the order (old ones released, recent
ones still in the lab).  Rows come out in batches ready for `executemany`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from benchmarks.item_fields import InstrumentRow, ItemFields, Statuses
from counter.admin.audit.write import _dump
from counter.archive.rules.due import add_months
from counter.clock import CHINA_TZ
from counter.intake.catalog import TypeInfo
from counter.intake.numbering import item_number, order_number
from counter.intake.receive import MAX_ITEMS
from counter.intake.rules.lifecycle import order_status

ORDER_COLUMNS = (
    "id", "number", "customer_id", "channel", "received_at", "received_by_id", "contact_name",
    "contact_phone", "note", "item_count", "status", "promised_date", "request_token",
    "void_reason", "voided_at", "voided_by_id", "customer_name",
)  # fmt: skip
ITEM_COLUMNS = (
    "id", "number", "order_id", "seq", "instrument_id", "type_id", "department_id", "model",
    "serial", "manufacturer", "measuring_range", "accuracy_class", "service", "use",
    "compulsory", "compulsory_override_reason", "condition", "accessories", "urgency",
    "return_way", "promised_date", "status", "status_reason", "void_reason", "created_at",
    "updated_at",
)  # fmt: skip
ITEM_UNFINISHED = ("finished_on", "turnaround_days")  # left NULL (set by a passed final check)
INSTRUMENT_COLUMNS = (
    "id", "customer_id", "type_id", "serial", "model", "manufacturer", "measuring_range",
    "accuracy_class", "created_at",
    # the ledger
    "name", "category", "kind", "origin", "location", "division_code", "quantity", "use",
    "verify_mode", "regulator_number", "compulsory", "status", "status_date", "status_reason",
    "last_verified", "last_result", "last_certificate", "valid_until", "next_due", "source",
    "updated_at",
)  # fmt: skip
#: entries not verified for this long after falling due were checked and put out of use
STOPPED_AFTER = dt.timedelta(days=365)
SCRAPPED_SHARE = 0.01
PRINT_JOB_COLUMNS = (
    "kind", "order_id", "item_id", "status", "attempts", "error", "created_at", "updated_at",
)  # fmt: skip
AUDIT_COLUMNS = ("at", "user_id", "action", "entity", "entity_key", "before", "after", "reason")

CHANNELS = (("counter", 65), ("appointment", 20), ("mail", 8), ("onsite", 7))


@dataclass
class Batch:
    orders: list[tuple[object, ...]] = field(default_factory=list)
    items: list[tuple[object, ...]] = field(default_factory=list)
    print_jobs: list[tuple[object, ...]] = field(default_factory=list)
    audit: list[tuple[object, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class Customers:
    """What orders need of the customers: who comes how often, and their contact."""

    weights: Sequence[float]
    names: Sequence[str]
    contacts: Sequence[str]
    phones: Sequence[str]


def item_counts(rng: random.Random, orders: int, items: int) -> list[int]:
    """Items per order: mostly a few, sometimes hundreds, summing to exactly `items`."""
    if items < orders:
        raise ValueError("need at least one item per order")
    raw = [rng.lognormvariate(0.0, 1.1) for _ in range(orders)]
    scale = (items - orders) / sum(raw)
    counts = [min(MAX_ITEMS, 1 + int(r * scale)) for r in raw]
    left = items - sum(counts)
    while left:
        i = rng.randrange(orders)
        if left > 0 and counts[i] < MAX_ITEMS:
            counts[i] += 1
            left -= 1
        elif left < 0 and counts[i] > 1:
            counts[i] -= 1
            left += 1
    return counts


def order_times(rng: random.Random, count: int, start: dt.date, end: dt.date) -> list[dt.datetime]:
    """`count` sorted moments on weekdays between 08:30 and 17:00 Beijing time."""
    days = [
        start + dt.timedelta(days=d)
        for d in range((end - start).days + 1)
        if (start + dt.timedelta(days=d)).weekday() < 5
    ]
    moments = []
    for _ in range(count):
        day = rng.choice(days)
        seconds = 8 * 3600 + 1800 + rng.randrange(int(8.5 * 3600))
        moments.append(
            dt.datetime.combine(day, dt.time(), CHINA_TZ) + dt.timedelta(seconds=seconds)
        )
    moments.sort()
    return moments


class OrderGenerator:
    def __init__(
        self,
        rng: random.Random,
        *,
        orders: int,
        items: int,
        customers: Customers,
        types: Sequence[TypeInfo],
        clerk_ids: Sequence[int],
        start: dt.date,
        end: dt.date,
        fmt_time: Callable[[dt.datetime], str],
    ) -> None:
        self.rng = rng
        self.customers = customers
        self.clerk_ids = list(clerk_ids)
        self.fmt_time = fmt_time
        self.end = end
        self.counts = item_counts(rng, orders, items)
        self.times = order_times(rng, orders, start, end)
        self.fields = ItemFields(rng, types)
        self.statuses = Statuses(rng)
        self.sequences: dict[int, int] = {}
        self.next_instrument = 1
        self.next_item = 1
        self.pools: dict[int, list[InstrumentRow]] = {}
        # the ledger: every instrument once, with the day of its latest visit (ISO date)
        self.instruments: list[InstrumentRow] = []
        self.last_seen: list[str] = []
        cum = 0.0
        self.cum_weights = []
        for w in customers.weights:
            cum += w
            self.cum_weights.append(cum)
        self.customer_ids = range(1, len(customers.weights) + 1)
        self.channels = [c for c, _w in CHANNELS]
        self.channel_weights = [w for _c, w in CHANNELS]

    def batches(self, orders_per_batch: int) -> Iterator[Batch]:
        batch = Batch()
        for index, (received, count) in enumerate(zip(self.times, self.counts, strict=True)):
            self._order(batch, index + 1, received, count)
            if len(batch.orders) >= orders_per_batch:
                yield batch
                batch = Batch()
        if batch.orders:
            yield batch

    def _instrument(self, customer: int, at: str, day: str, used: set[int]) -> InstrumentRow:
        """One of the customer's instruments seen before, or a new one; seen on `day`."""
        pool = self.pools.setdefault(customer, [])
        if pool and self.rng.random() < 0.6:
            known = self.rng.choice(pool)
            if known[0] not in used:
                self.last_seen[known[0] - 1] = day
                return known
        type_id = self.fields.type_for(customer)
        model, manufacturer, measuring_range, accuracy = self.fields.details(type_id)
        inst: InstrumentRow = (
            self.next_instrument, customer, type_id, self.fields.serial(self.next_instrument),
            model, manufacturer, measuring_range, accuracy, at,
        )  # fmt: skip
        self.next_instrument += 1
        pool.append(inst)
        self.instruments.append(inst)
        self.last_seen.append(day)
        return inst

    def _order(self, batch: Batch, order_id: int, received: dt.datetime, count: int) -> None:
        rng = self.rng
        year = received.year
        seq = self.sequences.get(year, 0) + 1
        self.sequences[year] = seq
        channel = rng.choices(self.channels, self.channel_weights)[0]
        number = order_number(year, channel, seq)
        customer = rng.choices(self.customer_ids, cum_weights=self.cum_weights)[0]
        at = self.fmt_time(received)
        age = (self.end - received.date()).days
        plan = self.statuses.for_order(age, count)
        later = self.fmt_time(received + dt.timedelta(days=min(age, 6), hours=2)) if age else at
        used: set[int] = set()
        promised_max = ""
        first_item = self.next_item
        day = received.date().isoformat()
        for seq_in_order, status in enumerate(plan.statuses, 1):
            inst = self._instrument(customer, at, day, used)  # every item has its ledger entry
            used.add(inst[0])
            inst_id, type_id, serial = inst[0], inst[2], inst[3]
            details = (inst[4], inst[5], inst[6], inst[7])
            fields = self.fields.item(type_id, received.date())
            promised_max = max(promised_max, fields.promised)
            batch.items.append(
                (self.next_item, item_number(number, seq_in_order), order_id, seq_in_order,
                 inst_id, type_id, fields.department_id, details[0], serial, details[1],
                 details[2], details[3], fields.service, fields.use, fields.compulsory, "",
                 fields.condition, fields.accessories, fields.urgency, fields.return_way,
                 fields.promised, status, plan.reasons.get(status, ""),
                 plan.reasons.get(status, "") if status == "voided" else "",
                 at, later if status != "received" else at)
            )  # fmt: skip
            self.next_item += 1
        customers = self.customers
        clerk = rng.choice(self.clerk_ids)
        voided_at = later if plan.order_voided else None
        void_reason = plan.reasons["voided"] if plan.order_voided else ""
        batch.orders.append(
            (order_id, number, customer, channel, at, clerk, customers.contacts[customer - 1],
             customers.phones[customer - 1], "", count, str(order_status(plan.statuses)),
             promised_max, f"{rng.getrandbits(128):032x}", void_reason, voided_at,
             clerk if plan.order_voided else None, customers.names[customer - 1])
        )  # fmt: skip
        after = {
            "customer": customers.names[customer - 1],
            "items": count,
            "promised": promised_max,
        }
        batch.audit.append((at, clerk, "order.create", "order", number, "", _dump(after), ""))
        if plan.order_voided:
            batch.audit.append((later, clerk, "order.void", "order", number, "", "", void_reason))
        self._print_jobs(batch, order_id, first_item, count, at, age)

    def _print_jobs(
        self, batch: Batch, order_id: int, first_item: int, count: int, at: str, age: int
    ) -> None:
        """A label per item and a receipt; only recent jobs may still wait or have failed."""
        rng = self.rng
        for item_id in [*range(first_item, first_item + count), None]:
            kind = "label" if item_id is not None else "receipt"
            if age > 2 or rng.random() < 0.6:
                job = (kind, order_id, item_id, "printed", 1, "", at, at)
            elif rng.random() < 0.8:
                job = (kind, order_id, item_id, "pending", 0, "", at, at)
            else:
                job = (kind, order_id, item_id, "failed", 1, "连接打印机超时", at, at)
            batch.print_jobs.append(job)

    def owner_department(self, customer: int) -> int | None:
        """首问负责: the department of the type the customer brings most (None: never came)."""
        favourites = self.fields.favourites.get(customer)
        return self.fields.types[favourites[0]].department_id if favourites else None

    def _ledger_row(self, inst: InstrumentRow, seen: str, rng: random.Random) -> tuple[object, ...]:
        info = self.fields.types[inst[2]]
        use = self.fields.uses[inst[2]][0] if self.fields.uses[inst[2]] else ""
        last = dt.date.fromisoformat(seen)
        due = add_months(last, info.period_months or 12)
        status, status_date, reason = "in_use", None, ""
        if rng.random() < SCRAPPED_SHARE:
            status, status_date, reason = "scrapped", seen, "损坏报废"
        elif due < self.end - STOPPED_AFTER:
            status, status_date, reason = (
                "out_of_use",
                (due + STOPPED_AFTER).isoformat(),
                "久未送检，核实停用",
            )
        regulator = f"QG{inst[0]:012d}" if use else ""
        return (*inst, info.name, info.department, info.name, "", "", "", 1, use,
                "bring", regulator, int(bool(use)), status, status_date, reason, seen, "pass", "",
                None, due.isoformat(), "intake", inst[8])  # fmt: skip

    def ledger_rows(self, per_batch: int) -> Iterator[list[tuple[object, ...]]]:
        """Every instrument as a ledger entry: verified on its latest visit, next due one
        period later; out of use when a year overdue, a few scrapped."""
        rng = random.Random(f"{len(self.instruments)}:ledger")
        rows = []
        for inst, seen in zip(self.instruments, self.last_seen, strict=True):
            rows.append(self._ledger_row(inst, seen, rng))
            if len(rows) >= per_batch:
                yield rows
                rows = []
        if rows:
            yield rows


def sequence_rows(sequences: dict[int, int]) -> list[tuple[str, int]]:
    return [(f"order:{year}", value) for year, value in sorted(sequences.items())]
