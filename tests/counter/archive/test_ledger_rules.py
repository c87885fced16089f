"""The ledger's pure rules: the form's checks, the next due date after a result, the cells."""

from __future__ import annotations

import datetime as dt

import pytest

from counter.archive.rules.ledger_form import (
    EntryForm,
    due_after,
    field_problems,
    form_problems,
    is_compulsory_use,
)
from counter.archive.rules.ledger_table import parse_date, parse_ledger_rows

D = dt.date


def test_a_clean_form_has_no_problems_and_each_rule_names_its_field() -> None:
    assert (
        field_problems(EntryForm(1, division_code="110101", quantity=100_000, use="medical")) == []
    )
    wrong = EntryForm(1, division_code="000000", quantity=-1, use="x", verify_mode="",
                      last_verified=D(2026, 5, 1), valid_until=D(2026, 4, 30))  # fmt: skip
    assert [f for f, _m in field_problems(wrong)] == [
        "division_code", "quantity", "use", "verify_mode", "valid_until",
    ]  # fmt: skip
    assert form_problems(wrong)[0].startswith("“行政区划”：")


@pytest.mark.parametrize(
    ("verified", "result", "period", "valid", "expected"),
    [
        (D(2024, 2, 29), "pass", 12, None, D(2025, 2, 28)),  # a leap day a year on
        (D(2026, 1, 31), "pass", 1, None, D(2026, 2, 28)),  # a month end
        (D(2026, 1, 31), "", 6, D(2026, 3, 31), D(2026, 4, 1)),  # valid-until wins
        (D(2026, 1, 31), "fail", 12, D(2027, 1, 30), D(2026, 1, 31)),  # failed: due at once
        (None, "", 12, None, None),
        (D(2026, 1, 31), "pass", None, None, None),
    ],
)
def test_the_next_due_date(
    verified: dt.date | None, result: str, period: int | None, valid: dt.date | None,
    expected: dt.date | None,
) -> None:  # fmt: skip
    assert due_after(verified, result, period, valid) == expected


def test_compulsory_follows_the_catalogue_uses() -> None:
    assert is_compulsory_use("贸易结算|安全防护", "safety")
    assert not is_compulsory_use("贸易结算", "medical")
    assert not is_compulsory_use("贸易结算", "")
    assert not is_compulsory_use("贸易结算", "nonsense")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", D(2026, 3, 1)),
        ("2026/3/1", D(2026, 3, 1)),
        ("2026.03.01", D(2026, 3, 1)),
        ("2026年3月1日", D(2026, 3, 1)),
        ("20260301", D(2026, 3, 1)),
        ("2026-03-01T00:00:00", D(2026, 3, 1)),
        ("", None),
    ],
)
def test_dates_as_spreadsheets_write_them(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "01/03/2026", "next year", "2026-03-01T10:00:00"])
def test_a_wrong_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_a_heading_twice_and_unknown_headings() -> None:
    table = [(1, ["序号", "器具名称", "出厂编号", "出厂号"]), (2, ["1", "钢卷尺", "A", "B"])]
    parsed = parse_ledger_rows(table, {"钢卷尺": 7}, {})
    assert [e.message for e in parsed.errors] == ["与第 3 列重复"]
    table = [(1, ["序号", "器具名称"]), (2, ["1", "钢卷尺"])]
    parsed = parse_ledger_rows(table, {"钢卷尺": 7}, {})
    assert parsed.errors == () and parsed.rows[0].type_id == 7 and parsed.rows[0].serial == ""
    assert parsed.columns == frozenset({"name"})
