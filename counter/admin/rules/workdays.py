"""Working days on the official Chinese calendar, for promised dates.

The official calendar (public holidays and the make-up working weekends, 调休)
comes from the `chinesecalendar` package, which covers a fixed range of years
(2004–2026 in version 1.11).  For a year it does not cover, working days fall
back to Monday–Friday, minus the holidays and plus the working days that the
administrator entered (`CalendarOverrides`), and the screen says so
(`fallback_notice`).

Precedence, for every date: an explicit administrator entry wins; otherwise
the official data for covered years; otherwise Monday–Friday.  Administrator
entries therefore also override the official data in covered years — e.g. when
the State Council changes an arrangement after the package was released, or
the institute closes for a day — because an entry someone typed on purpose is
more specific than the package.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import chinese_calendar

from counter.i18n import _

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class CalendarOverrides:
    """Days entered by the administrator: extra holidays and extra working days.

    A date may not be in both sets.
    """

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # Accept any iterable of dates (e.g. a set read from the database).
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        both = self.holidays & self.workdays
        if both:
            days = _("、").join(d.isoformat() for d in sorted(both))
            raise ValueError(_("同一天不能既是节假日又是工作日：{days}").format(days=days))


_NO_OVERRIDES = CalendarOverrides()


@functools.cache
def _official_year(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@functools.lru_cache(maxsize=8192)
def _official_workday(d: date) -> bool:
    return bool(chinese_calendar.is_workday(d))


def _as_date(d: date) -> date:
    # datetime is a subclass of date; compare and hash as a plain date.
    return d.date() if isinstance(d, datetime) else d


class WorkCalendar:
    """Decides which days are working days; see the module docstring for precedence."""

    def __init__(self, overrides: CalendarOverrides = _NO_OVERRIDES) -> None:
        self.overrides = overrides
        self._cache: dict[date, bool] = {}

    def is_official(self, year: int) -> bool:
        """Whether `chinesecalendar` has the official holidays of `year`."""
        return _official_year(year)

    def is_workday(self, d: date) -> bool:
        d = _as_date(d)
        cached = self._cache.get(d)
        if cached is not None:
            return cached
        if d in self.overrides.workdays:
            result = True
        elif d in self.overrides.holidays:
            result = False
        elif _official_year(d.year):
            result = _official_workday(d)
        else:
            result = d.weekday() < 5
        self._cache[d] = result
        return result

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (`start` itself is not counted).

        n = 0 gives `start` if it is a working day, else the next working day.
        """
        if n < 0:
            raise ValueError(_("工作日数不能为负数"))
        d = _as_date(start)
        if n == 0:
            while not self.is_workday(d):
                d += _ONE_DAY
            return d
        remaining = n
        while remaining:
            d += _ONE_DAY
            if self.is_workday(d):
                remaining -= 1
        return d

    def workdays_between(self, a: date, b: date) -> int:
        """Working days after `a` up to and including `b`; 0 if b <= a."""
        d, end = _as_date(a), _as_date(b)
        count = 0
        while d < end:
            d += _ONE_DAY
            if self.is_workday(d):
                count += 1
        return count


@dataclass(frozen=True)
class Promise:
    """A promised date, and the years on the way that are not in the official data."""

    date: date
    fallback_years: tuple[int, ...]


def promise_date(cal: WorkCalendar, received: date, working_days: int) -> Promise:
    """Promised date `working_days` working days after `received` (see `add_workdays`).

    `fallback_years` lists, in order, the years of the days examined (from the
    day after `received` — or `received` itself when `working_days` is 0 — up to
    the promised date) that `chinesecalendar` does not cover, i.e. that were
    computed on Monday–Friday plus administrator entries.
    """
    received = _as_date(received)
    promised = cal.add_workdays(received, working_days)
    first = received if working_days == 0 else received + _ONE_DAY
    years = tuple(y for y in range(first.year, promised.year + 1) if not cal.is_official(y))
    return Promise(date=promised, fallback_years=years)


def fallback_notice(years: tuple[int, ...]) -> str:
    """The sentence telling the clerk which years were not computed on official data; "" if none."""
    if not years:
        return ""
    joined = _("、").join(str(y) for y in years)
    return _("{years} 年不在官方节假日数据中，按周一至周五及管理员录入的节假日计算").format(
        years=joined
    )
