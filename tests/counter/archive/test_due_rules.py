"""Due dates across period lengths, month ends and leap years; where an entry stands."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.archive.rules.due import (
    DueState,
    LedgerStatus,
    RecallRule,
    add_months,
    due_state,
    month_window,
    next_due,
)
from counter.archive.rules.ledger_columns import is_division_code

D = dt.date


@pytest.mark.parametrize(
    ("last", "months", "expected"),
    [
        (D(2025, 3, 15), 12, D(2026, 3, 15)),
        (D(2025, 3, 15), 6, D(2025, 9, 15)),
        (D(2025, 3, 15), 24, D(2027, 3, 15)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # a short month keeps the month's end
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # from a leap day
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # across the year end
    ],
)
def test_next_due_is_last_verification_plus_period(
    last: dt.date, months: int, expected: dt.date
) -> None:
    assert next_due(last, months, None) == expected


def test_the_certificates_valid_until_wins_over_the_period() -> None:
    # valid until is the last valid day: due the day after
    assert next_due(D(2025, 3, 15), 12, D(2025, 9, 14)) == D(2025, 9, 15)
    assert next_due(None, None, D(2026, 12, 31)) == D(2027, 1, 1)


def test_no_period_and_no_valid_until_says_nothing() -> None:
    assert next_due(D(2025, 3, 15), None, None) is None
    assert next_due(D(2025, 3, 15), 0, None) is None
    assert next_due(None, 12, None) is None


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2200, 12, 31)), st.integers(1, 120))
def test_add_months_lands_in_the_right_month_never_later_day(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day <= day.day


def test_due_states() -> None:
    rule = RecallRule(lead_days=30, grace_days=15, escalate_after_days=60)
    today = D(2026, 6, 1)
    assert due_state(today, D(2026, 8, 1), rule=rule) is DueState.NOT_DUE
    assert due_state(today, D(2026, 7, 1), rule=rule) is DueState.DUE_SOON
    assert due_state(today, D(2026, 6, 1), rule=rule) is DueState.OVERDUE
    assert due_state(today, D(2026, 4, 15), rule=rule) is DueState.OVERDUE
    assert due_state(today, D(2026, 3, 1), rule=rule) is DueState.ESCALATED
    assert due_state(today, None, compulsory=True, verified=False) is DueState.NEVER_VERIFIED
    assert due_state(today, None) is DueState.UNKNOWN
    out = LedgerStatus.OUT_OF_USE
    assert due_state(today, D(2020, 1, 1), status=out) is DueState.RESTING


def test_a_rule_must_make_sense() -> None:
    assert RecallRule().problems() == []
    assert RecallRule(lead_days=-1).problems()
    assert RecallRule(grace_days=30, escalate_after_days=10).problems()


def test_month_window() -> None:
    assert month_window(2028, 2) == (D(2028, 2, 1), D(2028, 2, 29))
    assert month_window(2026, 12) == (D(2026, 12, 1), D(2026, 12, 31))


def test_division_codes() -> None:
    assert is_division_code("371502")
    assert not is_division_code("37150")
    assert not is_division_code("991502")
    assert not is_division_code("３７１５０２")
