"""Pure shaping (percentiles, rates, year over year) and the working-day arithmetic the
database does, checked day by day against `WorkCalendar` (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Integer, column, select, values

from counter.admin.calendar import load_calendar, set_day
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import (
    change,
    cumulate,
    median,
    merge_cells,
    merge_years,
    percentile,
    rate,
)
from counter.statistics.sqlbits import calendar_exceptions, day_number, workday_number
from tests.conftest import Counter


def test_percentiles_from_a_histogram() -> None:
    hist = [(4, 1), (1, 1), (2, 2), (3, 1)]
    assert median(hist) == 2 and percentile(hist, 0.9) == 4 and percentile(hist, 1) == 4
    assert percentile([(7, 10)], 0.1) == 7
    assert median([]) is None and median([(3, 0)]) is None
    with pytest.raises(ValueError):
        percentile(hist, 0)


def test_rates_changes_and_merges() -> None:
    assert rate(1, 8) == 0.125 and rate(1, 0) is None
    assert change(6, 1) == 5.0 and change(3, 0) is None and change(0, 4) == -1.0
    assert merge_years([("a", 2), ("b", 1)], [("b", 2), ("c", 5)], keys=1) == [
        ("a", 2, 0, None), ("b", 1, 2, -0.5), ("c", 0, 5, -1.0)
    ]  # fmt: skip
    merged = merge_cells({("y", "01"): (1, 1)}, {("x", "02"): (2, 2, 2)}, {"x": 0, "y": 1}, (2, 3))
    assert merged == [("x", "02", 0, 0, 2, 2, 2), ("y", "01", 1, 1, 0, 0, 0)]
    assert cumulate([1, 2, 3]) == [1, 3, 6]


def test_previous_year_of_a_leap_day() -> None:
    f = StatFilter(dt.date(2028, 2, 1), dt.date(2028, 2, 29), sector="化工")
    assert f.previous_year() == StatFilter(dt.date(2027, 2, 1), dt.date(2027, 2, 28), sector="化工")


def test_working_days_in_sql_agree_with_the_calendar(counter: Counter) -> None:
    c = counter
    with c.db.action() as s:  # the administrator closes one Monday and opens one Sunday
        set_day(s, c.admin, c.clock, dt.date(2026, 3, 16), "holiday", "停电")
        set_day(s, c.admin, c.clock, dt.date(2026, 3, 22), "workday", "加班")
    first, last = dt.date(2025, 12, 20), dt.date(2026, 10, 20)
    days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    with c.db.action() as s:
        cal = load_calendar(s)
        ex = calendar_exceptions(s, first, last)
        table = values(column("d", Integer), name="days", literal_binds=True)
        days_cte = table.data([(day_number(d),) for d in days]).cte("days")
        rows = s.execute(select(days_cte.c.d, workday_number(days_cte.c.d, ex)))
        numbers = {int(d): int(n) for d, n in rows}
    base = numbers[day_number(first)]
    for d in days:
        assert numbers[day_number(d)] - base == cal.workdays_between(first, d), d
