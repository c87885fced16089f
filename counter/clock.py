"""Time at the counter: timezone-aware, China Standard Time for dates.

Code that needs "now" takes a `Clock`, so tests can fix it.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(CHINA_TZ)


class FixedClock:
    """A clock that stands still until moved; for tests and benchmarks."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.at = at

    def now(self) -> dt.datetime:
        return self.at

    def advance(self, delta: dt.timedelta) -> None:
        self.at = self.at + delta


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date at the counter (Beijing time) of an aware moment."""
    return moment.astimezone(CHINA_TZ).date()
