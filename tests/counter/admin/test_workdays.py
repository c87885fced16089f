"""Tests for counter.admin.rules.workdays, with real dates of the official 2026 calendar.

The 2026 arrangement as shipped in chinesecalendar 1.11 (State Council notice
for 2026), used as expected values below:

- Spring Festival: 2026-02-15 (Sun) … 2026-02-23 (Mon) off;
  make-up working Saturdays 2026-02-14 and 2026-02-28.
- Mid-Autumn Festival: 2026-09-25 (Fri) … 2026-09-27 (Sun) off.
- National Day: 2026-10-01 (Thu) … 2026-10-07 (Wed) off;
  make-up working days Sunday 2026-09-20 and Saturday 2026-10-10.
- Other make-up working weekends in 2026: Sunday 2026-01-04, Saturday 2026-05-09.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter import i18n
from counter.admin.rules.workdays import (
    CalendarOverrides,
    Promise,
    WorkCalendar,
    fallback_notice,
    promise_date,
)

MAKE_UP_WORKDAYS_2026 = (
    date(2026, 1, 4),  # Sunday
    date(2026, 2, 14),  # Saturday
    date(2026, 2, 28),  # Saturday
    date(2026, 5, 9),  # Saturday
    date(2026, 9, 20),  # Sunday
    date(2026, 10, 10),  # Saturday
)

NATIONAL_DAY_2026 = tuple(date(2026, 10, d) for d in range(1, 8))

CAL = WorkCalendar()


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("zh")


def test_make_up_workdays_2026_match_the_package() -> None:
    """Documents the make-up weekends; fails if the package data changes."""
    weekend_workdays = tuple(
        d
        for d in chinese_calendar.get_workdays(
            date(2026, 1, 1), date(2026, 12, 31), include_weekends=True
        )
        if d.weekday() >= 5
    )
    assert weekend_workdays == MAKE_UP_WORKDAYS_2026


@pytest.mark.parametrize("d", MAKE_UP_WORKDAYS_2026)
def test_make_up_weekend_days_are_workdays(d: date) -> None:
    assert d.weekday() >= 5
    assert CAL.is_workday(d)


@pytest.mark.parametrize("d", NATIONAL_DAY_2026)
def test_national_day_2026_is_off(d: date) -> None:
    assert not CAL.is_workday(d)


def test_ordinary_days_around_national_day_2026() -> None:
    assert CAL.is_workday(date(2026, 9, 30))
    assert CAL.is_workday(date(2026, 10, 8))
    assert not CAL.is_workday(date(2026, 9, 25))  # Mid-Autumn, a Friday
    assert not CAL.is_workday(date(2026, 10, 11))  # ordinary Sunday
    assert not CAL.is_workday(date(2026, 9, 19))  # ordinary Saturday


def test_add_workdays_across_national_day_2026() -> None:
    start = date(2026, 9, 30)
    assert CAL.add_workdays(start, 1) == date(2026, 10, 8)
    assert CAL.add_workdays(start, 2) == date(2026, 10, 9)
    assert CAL.add_workdays(start, 3) == date(2026, 10, 10)  # make-up Saturday
    assert CAL.add_workdays(start, 4) == date(2026, 10, 12)
    assert CAL.add_workdays(start, 5) == date(2026, 10, 13)


def test_add_workdays_across_spring_festival_2026() -> None:
    assert CAL.add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)  # make-up Saturday
    assert CAL.add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)
    # 11, 12, 13, 14(Sat), 24, 25, 26, 27, 28(Sat), 3-02
    assert CAL.add_workdays(date(2026, 2, 10), 10) == date(2026, 3, 2)
    assert CAL.add_workdays(date(2026, 2, 15), 0) == date(2026, 2, 24)


def test_make_up_sunday_counts() -> None:
    assert CAL.add_workdays(date(2026, 9, 19), 1) == date(2026, 9, 20)
    assert CAL.add_workdays(date(2026, 1, 3), 1) == date(2026, 1, 4)
    assert CAL.workdays_between(date(2026, 9, 18), date(2026, 9, 21)) == 2  # Sun 20 + Mon 21


def test_add_zero_workdays() -> None:
    assert CAL.add_workdays(date(2026, 10, 1), 0) == date(2026, 10, 8)
    assert CAL.add_workdays(date(2026, 10, 8), 0) == date(2026, 10, 8)
    assert CAL.add_workdays(date(2026, 9, 20), 0) == date(2026, 9, 20)


def test_negative_workdays_rejected() -> None:
    with pytest.raises(ValueError):
        CAL.add_workdays(date(2026, 10, 8), -1)


def test_datetime_is_treated_as_its_date() -> None:
    assert CAL.add_workdays(datetime(2026, 9, 30, 16, 45), 1) == date(2026, 10, 8)
    assert type(CAL.add_workdays(datetime(2026, 9, 30, 16, 45), 1)) is date
    assert CAL.is_workday(datetime(2026, 9, 20, 9, 0))


def test_is_official() -> None:
    assert CAL.is_official(2004)
    assert CAL.is_official(2026)
    assert not CAL.is_official(2003)
    assert not CAL.is_official(2027)


def test_2027_falls_back_to_monday_to_friday() -> None:
    # 2027-01-01 is a Friday (New Year's Day, but not in the package data).
    assert CAL.is_workday(date(2027, 1, 1))
    assert not CAL.is_workday(date(2027, 1, 2))
    assert not CAL.is_workday(date(2027, 1, 3))
    assert CAL.add_workdays(date(2027, 1, 1), 1) == date(2027, 1, 4)
    assert CAL.add_workdays(date(2027, 1, 1), 5) == date(2027, 1, 8)


def test_2027_admin_holiday_is_skipped_and_admin_workday_counts() -> None:
    cal = WorkCalendar(
        CalendarOverrides(
            holidays=frozenset({date(2027, 1, 1)}),
            workdays=frozenset({date(2027, 2, 20)}),  # a Saturday
        )
    )
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert date(2027, 2, 20).weekday() == 5
    assert cal.is_workday(date(2027, 2, 20))
    assert cal.add_workdays(date(2027, 2, 19), 1) == date(2027, 2, 20)
    assert cal.workdays_between(date(2027, 2, 19), date(2027, 2, 22)) == 2


def test_admin_entries_override_official_data() -> None:
    cal = WorkCalendar(
        CalendarOverrides(
            holidays=frozenset({date(2026, 10, 8)}),
            workdays=frozenset({date(2026, 10, 3)}),
        )
    )
    assert not cal.is_workday(date(2026, 10, 8))
    assert cal.is_workday(date(2026, 10, 3))
    # Days without an entry still follow the official data.
    assert not cal.is_workday(date(2026, 10, 2))
    assert cal.is_workday(date(2026, 10, 10))
    assert cal.add_workdays(date(2026, 9, 30), 2) == date(2026, 10, 9)


def test_overrides_accept_plain_sets_and_reject_contradictions() -> None:
    overrides = CalendarOverrides(holidays={date(2027, 1, 1)})  # type: ignore[arg-type]
    assert isinstance(overrides.holidays, frozenset)
    with pytest.raises(ValueError, match="2027-01-01"):
        CalendarOverrides(
            holidays=frozenset({date(2027, 1, 1)}), workdays=frozenset({date(2027, 1, 1)})
        )


def test_workdays_between_examples() -> None:
    assert CAL.workdays_between(date(2026, 9, 30), date(2026, 10, 12)) == 4
    assert CAL.workdays_between(date(2026, 10, 12), date(2026, 9, 30)) == 0
    assert CAL.workdays_between(date(2026, 10, 8), date(2026, 10, 8)) == 0
    assert CAL.workdays_between(date(2026, 10, 7), date(2026, 10, 8)) == 1


def test_promise_date_within_official_data() -> None:
    assert promise_date(CAL, date(2026, 9, 30), 5) == Promise(date(2026, 10, 13), ())


def test_promise_date_reports_fallback_years() -> None:
    # 12-29, 12-30, 12-31, 2027-01-01 (Fri, fallback), 2027-01-04
    assert promise_date(CAL, date(2026, 12, 28), 5) == Promise(date(2027, 1, 4), (2027,))
    assert promise_date(CAL, date(2027, 12, 28), 5) == Promise(date(2028, 1, 4), (2027, 2028))
    assert promise_date(CAL, date(2026, 12, 31), 0) == Promise(date(2026, 12, 31), ())
    # Only days after the receipt are examined: 2027-12-31 → all in 2028.
    assert promise_date(CAL, date(2027, 12, 31), 1) == Promise(date(2028, 1, 3), (2028,))


def test_promise_date_uses_admin_holidays() -> None:
    cal = WorkCalendar(CalendarOverrides(holidays=frozenset({date(2027, 1, 1)})))
    assert promise_date(cal, date(2026, 12, 28), 5) == Promise(date(2027, 1, 5), (2027,))


def test_fallback_notice() -> None:
    assert fallback_notice(()) == ""
    assert (
        fallback_notice((2027,))
        == "2027 年不在官方节假日数据中，按周一至周五及管理员录入的节假日计算"
    )
    assert fallback_notice((2027, 2028)).startswith("2027、2028 年不在官方节假日数据中")


@pytest.mark.usefixtures("english")
def test_fallback_notice_english() -> None:
    text = fallback_notice((2027, 2028))
    assert "2027, 2028" in text
    assert "Monday" in text


covered_days = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31))
any_days = st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31))
overrides = st.builds(
    lambda h, w: CalendarOverrides(holidays=frozenset(h), workdays=frozenset(w - h)),
    st.sets(any_days, max_size=20),
    st.sets(any_days, max_size=20),
)


@given(covered_days)
def test_matches_package_in_covered_years(d: date) -> None:
    assert CAL.is_workday(d) == chinese_calendar.is_workday(d)


@given(st.dates(min_value=date(2027, 1, 1), max_value=date(2099, 12, 31)))
def test_uncovered_years_are_monday_to_friday(d: date) -> None:
    assert CAL.is_workday(d) == (d.weekday() < 5)


@settings(max_examples=300)
@given(overrides, any_days, st.integers(min_value=1, max_value=60))
def test_workdays_between_inverts_add_workdays(ov: CalendarOverrides, d: date, n: int) -> None:
    cal = WorkCalendar(ov)
    end = cal.add_workdays(d, n)
    assert end > d
    assert cal.is_workday(end)
    assert cal.workdays_between(d, end) == n
    # The day before the result is still short of n working days.
    assert cal.workdays_between(d, end - timedelta(days=1)) == n - 1


@given(overrides, any_days, st.integers(min_value=1, max_value=40))
def test_add_workdays_is_increasing(ov: CalendarOverrides, d: date, n: int) -> None:
    cal = WorkCalendar(ov)
    assert cal.add_workdays(d, n) < cal.add_workdays(d, n + 1)
    # n = 0 is the first working day on or after d, so at most the n = 1 result.
    zero = cal.add_workdays(d, 0)
    assert d <= zero <= cal.add_workdays(d, 1)
    assert cal.is_workday(zero)
    assert zero == d or cal.workdays_between(d, zero) == 1


@given(overrides, any_days)
def test_admin_entries_always_win(ov: CalendarOverrides, d: date) -> None:
    cal = WorkCalendar(ov)
    if d in ov.workdays:
        assert cal.is_workday(d)
    elif d in ov.holidays:
        assert not cal.is_workday(d)
    else:
        assert cal.is_workday(d) == WorkCalendar().is_workday(d)


@given(any_days, st.integers(min_value=0, max_value=40))
def test_promise_fallback_years_are_exactly_the_uncovered_years_examined(d: date, n: int) -> None:
    promise = promise_date(CAL, d, n)
    assert promise.date == CAL.add_workdays(d, n)
    first = d if n == 0 else d + timedelta(days=1)
    examined_years = {first.year, promise.date.year}
    assert set(promise.fallback_years) == {
        y for y in range(min(examined_years), max(examined_years) + 1) if y > 2026
    }
    assert list(promise.fallback_years) == sorted(promise.fallback_years)
