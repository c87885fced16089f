"""Half-day slots as plain rules: halves, statuses and their moves, a slot's capacity
after closures, and the slip number's shape.  No session, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from counter.i18n import _

HALVES = ("am", "pm")
SOURCES = ("phone", "file", "due", "plan", "counter")
STATUSES = ("booked", "cancelled", "no_show", "arrived")
#: status -> the statuses it may move to (only a booked appointment moves)
MOVES: dict[str, frozenset[str]] = {
    "booked": frozenset({"cancelled", "no_show", "arrived"}),
    "cancelled": frozenset(),
    "no_show": frozenset(),
    "arrived": frozenset(),
}
#: statuses whose items still hold their place in the slot
HOLDING = frozenset({"booked", "arrived"})
#: an appointment slip: "YY" + year + 6-digit sequence (YY2026000123), as intake's code shapes
SLIP_RE = re.compile(r"^YY(\d{4})(\d{6,7})$")


def half_label(half: str) -> str:
    return {"am": _("上午"), "pm": _("下午"), "day": _("全天")}.get(half, half)


def weekday_label(day: dt.date) -> str:
    return (_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日"))[
        day.weekday()
    ]


def status_label(status: str) -> str:
    labels = {
        "booked": _("已预约"),
        "cancelled": _("已取消"),
        "no_show": _("未到"),
        "arrived": _("已到"),
    }
    return labels.get(status, status)


def source_label(source: str) -> str:
    labels = {
        "phone": _("电话预约"),
        "file": _("客户档案"),
        "due": _("周检提醒"),
        "plan": _("自动排期"),
        "counter": _("窗口"),
    }
    return labels.get(source, source)


def slip_number(year: int, seq: int) -> str:
    return f"YY{year:04d}{seq:06d}"


def is_slip_number(text: str) -> bool:
    return SLIP_RE.match(text.strip().upper()) is not None


def slot_text(day: dt.date, half: str) -> str:
    """ "2026-11-24 上午"."""
    return f"{day.isoformat()} {half_label(half)}"


def move_problem(current: str, new: str) -> str | None:
    """Why an appointment in `current` cannot become `new`; None when it can."""
    if new in MOVES.get(current, frozenset()):
        return None
    return _("预约{current}，不能改为{new}").format(
        current=status_label(current), new=status_label(new)
    )


@dataclass(frozen=True)
class Closure:
    """A closed (items None) or reduced half or whole day of one department or of all (None)."""

    department_id: int | None
    day: dt.date
    half: str  # "am" | "pm" | "day"
    items: int | None
    reason: str

    def covers(self, department_id: int, day: dt.date, half: str) -> bool:
        return (
            self.day == day
            and self.half in (half, "day")
            and self.department_id in (None, department_id)
        )


@dataclass(frozen=True)
class SlotLimit:
    """What one slot may take: in all (`items`), per type (`per_type`), and why it is lower."""

    items: int
    per_type: Mapping[int, int]
    closed_reason: str = ""  # non-empty: the slot is closed
    reduced_reason: str = ""


def slot_limit(
    department_id: int,
    day: dt.date,
    half: str,
    base: Mapping[int, int],
    closures: Iterable[Closure],
) -> SlotLimit:
    """The slot's capacity from the department's half-day capacity `base` (type_key 0 = in
    all, else per type id) lowered by the closures that cover it (the lowest wins)."""
    items = base.get(0, 0)
    per_type = {k: v for k, v in base.items() if k}
    reduced = ""
    for closure in closures:
        if not closure.covers(department_id, day, half):
            continue
        if closure.items is None:
            return SlotLimit(0, per_type, closed_reason=closure.reason or _("停止预约"))
        if closure.items < items:
            items, reduced = closure.items, closure.reason or _("减少预约量")
    return SlotLimit(items, per_type, reduced_reason=reduced)


@dataclass(frozen=True)
class SlotFree:
    """One slot of a department: its capacity, what is booked, what is left, and why."""

    department_id: int
    day: dt.date
    half: str
    capacity: int
    booked: int
    workday: bool
    closed_reason: str = ""
    reduced_reason: str = ""

    @property
    def free(self) -> int:
        if not self.workday or self.closed_reason:
            return 0
        return max(0, self.capacity - self.booked)

    @property
    def text(self) -> str:
        return slot_text(self.day, self.half)


def days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    """start..end inclusive."""
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(days=1)
