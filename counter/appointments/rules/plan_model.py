"""What the automatic appointment plan is given and what it gives back: plain frozen data.

The plan input holds the half-day slots of each department with the capacity still
free in them (closures are slots left out or at zero; existing bookings already taken
off), the customers due in the period with their instruments from the ledger, the
sector rules and each customer's wishes.  The result places *visits*: one customer's
items of one department (of one wave, when the sector splits its items into waves),
each with an explanation a clerk reads, and lists what could not be placed and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from counter.i18n import _

HALVES = ("am", "pm")


def half_name(half: str) -> str:
    """上午 / 下午 in the user's language."""
    return {"am": _("上午"), "pm": _("下午")}[half]


@dataclass(frozen=True, order=True)
class SlotKey:
    """A department's half-day: the unit of capacity and of an appointment."""

    department: str
    day: dt.date
    half: str  # "am" or "pm"

    def label(self) -> str:
        return f"{self.day.isoformat()} {half_name(self.half)}"


@dataclass(frozen=True)
class Slot:
    key: SlotKey
    capacity: int  # items (台件) still free
    #: limits per instrument type code, where the department caps a type in a half-day
    by_type: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class DueItem:
    ledger_id: int
    type_code: str
    department: str
    due: dt.date
    quantity: int = 1  # a ledger entry may stand for several identical instruments


@dataclass(frozen=True)
class SectorRule:
    """How a sector's customers are planned.

    `deadlines`: (month, day) dates the items must be verified by (grain stations: 04-30
    and 09-30, before the purchase seasons); an item's rule date is the last of them on
    or before its due date.  `spread`: the sector's customers are spread evenly over the
    period (optical shops), each near a target day of its own.  `waves`: the period is cut
    into this many equal parts and a customer's items due in a part come together at its
    start, one wave per part (a chemical plant's alarms in four quarterly waves).
    """

    sector: str
    deadlines: tuple[tuple[int, int], ...] = ()
    spread: bool = False
    waves: int = 1


@dataclass(frozen=True)
class Demand:
    customer_id: int
    name: str
    items: tuple[DueItem, ...]
    sector: str = ""
    preferred_weekdays: frozenset[int] = frozenset()  # 0 = Monday
    blocked: frozenset[dt.date] = frozenset()
    #: slots the clerk pinned: one per department, or per visit of it in (wave, part)
    #: order when the department's items come in several visits
    fixed: tuple[SlotKey, ...] = ()
    preferred_half: str = ""  # "am", "pm" or "" (either)


@dataclass(frozen=True)
class PlanInput:
    start: dt.date
    end: dt.date
    slots: tuple[Slot, ...]
    demands: tuple[Demand, ...]
    rules: tuple[SectorRule, ...] = ()
    #: a visit is planned at most this many days before its deadline unless that is full
    lead_days: int = 60


@dataclass(frozen=True)
class Visit:
    """One trip to the counter: a customer's items of one department (and wave, part)."""

    index: int
    customer_id: int
    name: str
    department: str
    ledger_ids: tuple[int, ...]
    types: tuple[tuple[str, int], ...]  # (type code, count), sorted
    size: int  # items (台件): the ledger entries' quantities added up
    due: dt.date  # the earliest due date of its items
    deadline: dt.date  # min(due, the sector's rule date)
    rule_date: dt.date | None  # the sector rule's date when it is the deadline
    earliest: dt.date
    target: dt.date | None  # spread sectors: the day this customer is aimed at
    preferred: frozenset[int]
    blocked: frozenset[dt.date]
    preferred_half: str
    fixed: SlotKey | None
    wave: int = 1
    waves: int = 1
    part: int = 1  # a visit too big for any slot is split into parts
    parts: int = 1
    dues: tuple[dt.date, ...] = field(default=(), compare=False)  # one per item (台件)

    @property
    def key(self) -> tuple[int, str, int, int]:
        return (self.customer_id, self.department, self.wave, self.part)

    def late_items(self, day: dt.date) -> int:
        return sum(1 for due in self.dues if day > due)


UNPLACED_REASONS = ("no_slots", "blocked", "too_big", "no_capacity", "fixed_full")


def unplaced_reason(reason: str) -> str:
    """Why a visit could not be placed, in the user's language."""
    return {
        "no_slots": _("该科室在计划期内没有可预约的时段"),
        "blocked": _("客户屏蔽了该科室所有可预约的日期"),
        "too_big": _("器具数量或类型超出任何一个时段的容量"),
        "no_capacity": _("计划期内所有合适的时段都已约满"),
        "fixed_full": _("固定的时段容量不足或不可预约"),
    }[reason]


@dataclass(frozen=True)
class Explanation:
    due: dt.date
    rule_date: dt.date | None
    capacity_left: int
    late_days: int = 0
    preferred: bool | None = None  # None: the customer named no weekday
    fixed: bool = False
    wave: tuple[int, int] = (1, 1)
    part: tuple[int, int] = (1, 1)
    early: bool = False  # placed before its window because the window was full

    def text(self) -> str:
        """E.g. "到期 2027-03-14，行业规则：04-30 前，剩余容量 6" in the current language."""
        parts = [_("到期 {due}").format(due=self.due.isoformat())]
        if self.rule_date is not None:
            parts.append(_("行业规则：{date} 前").format(date=self.rule_date.strftime("%m-%d")))
        if self.wave[1] > 1:
            parts.append(_("第 {n}/{of} 批").format(n=self.wave[0], of=self.wave[1]))
        if self.part[1] > 1:
            parts.append(_("分 {of} 次送检之 {n}").format(n=self.part[0], of=self.part[1]))
        if self.fixed:
            parts.append(_("已固定"))
        if self.late_days > 0:
            parts.append(_("容量不足，晚于期限 {days} 天").format(days=self.late_days))
        elif self.early:
            parts.append(_("期限前的时段已满，提前安排"))
        if self.preferred is True:
            parts.append(_("客户希望的星期"))
        elif self.preferred is False:
            parts.append(_("客户希望的星期已满"))
        parts.append(_("剩余容量 {n}").format(n=self.capacity_left))
        return _("，").join(parts)


@dataclass(frozen=True)
class Placement:
    visit: Visit
    slot: SlotKey
    explanation: Explanation

    @property
    def late_items(self) -> int:
        return self.visit.late_items(self.slot.day)


@dataclass(frozen=True)
class Unplaced:
    visit: Visit
    reason: str  # a key of UNPLACED_REASONS

    def text(self) -> str:
        return unplaced_reason(self.reason)


@dataclass(frozen=True)
class Figures:
    visits: int
    items: int
    placed_items: int
    unplaced_items: int
    late_items: int
    peak_to_mean_load: float  # the fullest slot's share of capacity over the mean share
    split_customers: int  # customers that come more than once to a department
    preferred_missed: int  # visits not on a weekday their customer asked for


@dataclass(frozen=True)
class Plan:
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    figures: Figures
    solver: str  # "cpsat", "greedy" or "first_come"
    note: str = ""  # why the solver fell back, or its status
