"""SQL pieces that differ between SQLite and PostgreSQL, and the working-day table.

Dates at the counter are Beijing dates; timestamps are stored in UTC.  Day numbers
are days since 1970-01-01, so a working-day mapping is a plain integer join.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    String,
    bindparam,
    case,
    cast,
    column,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
    values,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import CTE

from counter.admin.calendar import load_calendar
from counter.clock import CHINA_TZ
from counter.statistics.rules.filters import StatFilter
from db.models import UTCDateTime

EPOCH = dt.date(1970, 1, 1)
_JULIAN_EPOCH = 2440587.5


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def bounds(f: StatFilter) -> tuple[dt.datetime, dt.datetime]:
    """The period as UTC-comparable moments: [start 00:00 CST, day after end 00:00 CST)."""
    start = dt.datetime.combine(f.start, dt.time(), CHINA_TZ)
    end = dt.datetime.combine(f.end + dt.timedelta(days=1), dt.time(), CHINA_TZ)
    return start, end


def local_day(session: Session, moment: Any) -> ColumnElement[int]:
    """The Beijing day number of a stored UTC timestamp."""
    if is_sqlite(session):
        return cast(func.julianday(moment, "+8 hours") - _JULIAN_EPOCH, Integer)
    return _pg_days(cast(_pg_beijing(moment), Date))


def date_day(session: Session, day: Any) -> ColumnElement[int]:
    """The day number of a DATE column."""
    if is_sqlite(session):
        return cast(func.julianday(day) - _JULIAN_EPOCH, Integer)
    return _pg_days(day)


def _pg_beijing(moment: Any) -> ColumnElement[Any]:
    return func.timezone("UTC", moment) + literal_column("interval '8 hours'")


def _pg_days(day: Any) -> ColumnElement[int]:
    return type_coerce(day - literal_column("date '1970-01-01'"), Integer)


def _months(f: StatFilter) -> list[tuple[str, dt.datetime, dt.datetime]]:
    lo_all, hi_all = bounds(f)
    rows, first = [], f.start.replace(day=1)
    while first <= f.end:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        lo = max(lo_all, dt.datetime.combine(first, dt.time(), CHINA_TZ))
        hi = min(hi_all, dt.datetime.combine(following, dt.time(), CHINA_TZ))
        rows.append((first.strftime("%Y-%m"), lo, hi))
        first = following
    return rows


def month_of(f: StatFilter, moment: Any) -> ColumnElement[str]:
    """'YYYY-MM' (Beijing) of a timestamp inside the period, by comparing it with the months'
    UTC bounds — no date function per row, the same on SQLite and PostgreSQL."""
    months = _months(f)
    whens = [(moment < bindparam(None, hi, UTCDateTime()), key) for key, _lo, hi in months[:-1]]
    last = months[-1][0]
    return case(*whens, else_=last) if whens else literal(last)


def month_table(f: StatFilter) -> CTE:
    """CTE months(key, lo, hi): each calendar month of the period, clipped to it, as
    UTC-comparable moments — so a month is an index range, not a function of each row."""
    rows = _months(f)
    table = values(
        column("key", String), column("lo", UTCDateTime()), column("hi", UTCDateTime()),
        name="months",
    )  # fmt: skip
    return table.data(rows).cte("months")


def day_month_of(f: StatFilter, day: Any) -> ColumnElement[str]:
    """'YYYY-MM' of a DATE column inside the period, by comparing it with the months' first
    days (no date function per row, the same on SQLite and PostgreSQL)."""
    rows, first = [], f.start.replace(day=1)
    while first <= f.end:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        rows.append((first.strftime("%Y-%m"), following))
        first = following
    whens = [(day < bindparam(None, hi, Date()), key) for key, hi in rows[:-1]]
    return case(*whens, else_=rows[-1][0]) if whens else literal(rows[-1][0])


def month_days(f: StatFilter) -> CTE:
    """CTE month_days(key, lo, hi): each calendar month of the period, clipped to it, as
    counter dates [lo, hi) — for date columns such as `Item.finished_on`."""
    rows, first = [], f.start.replace(day=1)
    while first <= f.end:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        lo = max(f.start, first)
        hi = min(f.end + dt.timedelta(days=1), following)
        rows.append((first.strftime("%Y-%m"), lo, hi))
        first = following
    table = values(
        column("key", String), column("lo", Date()), column("hi", Date()), name="month_days"
    )
    return table.data(rows).cte("month_days")


def calendar_exceptions(session: Session, first: dt.date, last: dt.date) -> CTE:
    """CTE ex(d, adj): the days in [first, last] where the calendar departs from Monday–Friday:
    -1 for a weekday off (a holiday), +1 for a weekend day worked (调休)."""
    cal = load_calendar(session)
    rows, day = [], first
    while day <= last:
        weekday = day.weekday() < 5
        if cal.is_workday(day) != weekday:
            rows.append((day_number(day), -1 if weekday else 1))
        day += dt.timedelta(days=1)
    rows = rows or [(-1, 0)]  # an empty VALUES list is not SQL
    table = values(column("d", Integer), column("adj", Integer), name="ex", literal_binds=True)
    return table.data(rows).cte("ex")


# weekdays among the first r days of a week that starts on a Thursday (1970-01-01 was one)
_WEEKDAYS_BEFORE = (0, 1, 2, 2, 2, 3, 4)


def workday_number(day: ColumnElement[int], ex: CTE) -> ColumnElement[int]:
    """Working days from 1970-01-01 up to and including day number `day` (plus a constant):
    n(b) - n(a) is the working days after a up to and including b, as
    `WorkCalendar.workdays_between` counts them, for a and b within the `ex` table's range."""
    after = day + 1
    part = case(*((after % 7 == r, n) for r, n in enumerate(_WEEKDAYS_BEFORE)), else_=0)
    adjust = select(func.coalesce(func.sum(ex.c.adj), 0)).where(ex.c.d <= day).scalar_subquery()
    return type_coerce(5 * (after // 7) + part + adjust, Integer)
