"""Valid-until, accuracy classes, certificate numbers: the values the rules stand on."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.certificates.rules import (
    DEFAULT_NUMBER_PATTERN,
    Verdict,
    base_number,
    check_number_format,
    compose_conclusion,
    propose_valid_until,
    reissue_number,
)
from counter.certificates.rules.values import class_rank, magnitude, norm_regulation, number

D = dt.date


@pytest.mark.parametrize(
    ("performed", "months", "expected"),
    [
        (D(2026, 11, 24), 12, D(2027, 11, 23)),
        (D(2026, 11, 25), 6, D(2027, 5, 24)),
        (D(2026, 1, 1), 12, D(2026, 12, 31)),
        (D(2026, 3, 1), 12, D(2027, 2, 28)),
        (D(2027, 3, 1), 12, D(2028, 2, 29)),  # leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # 31 Feb does not exist: end of February
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 14)),
        (D(2026, 5, 31), 72, D(2032, 5, 30)),
    ],
)
def test_valid_until_is_performed_plus_period_minus_a_day(
    performed: dt.date, months: int, expected: dt.date
) -> None:
    assert propose_valid_until(performed, months) == expected


@given(st.dates(D(2000, 1, 1), D(2090, 12, 31)), st.integers(1, 120))
def test_valid_until_lies_inside_the_period(performed: dt.date, months: int) -> None:
    until = propose_valid_until(performed, months)
    assert until >= performed
    # one period later at the earliest the instrument is due again
    index = performed.year * 12 + performed.month - 1 + months
    assert (until.year * 12 + until.month - 1) in (index - 1, index)
    assert propose_valid_until(performed, months + 1) > until


def test_period_must_be_positive() -> None:
    with pytest.raises(ValueError):
        propose_valid_until(D(2026, 1, 1), 0)


@pytest.mark.parametrize(
    ("better", "worse"),
    [("Ⅰ", "Ⅱ"), ("II", "Ⅲ"), ("Ⅲ级", "IIII"), ("0.5", "1.0"), ("1.6级", "2.5"), ("E2", "F1"),
     ("F2", "M1"), ("M1", "M2")],
)  # fmt: skip
def test_class_rank_orders_classes(better: str, worse: str) -> None:
    a, b = class_rank(better), class_rank(worse)
    assert a is not None and b is not None and a[0] == b[0] and a[1] < b[1]


@pytest.mark.parametrize("text", ["", "A", "±0.5 kPa", "优"])
def test_class_rank_unknown(text: str) -> None:
    assert class_rank(text) is None


def test_class_rank_reads_accuracy_wording() -> None:
    assert class_rank("准确度等级 1.6级") == class_rank("1.6") == ("number", 1.6)


@pytest.mark.parametrize(
    ("text", "value"),
    [("+0.5", 0.5), ("±1.0 g", 1.0), ("−0.3 %", 0.3), ("0.10%", 0.1), ("2", 2.0), ("≤0.5", None),
     ("±(0.5+0.01L)", None), ("U=0.2 g", None), ("", None)],
)  # fmt: skip
def test_magnitude(text: str, value: float | None) -> None:
    assert magnitude(text) == value


@pytest.mark.parametrize(("text", "value"), [("20.5", 20.5), ("−3", -3.0), ("55 %RH", 55.0)])
def test_number(text: str, value: float) -> None:
    assert number(text) == value


def test_regulation_codes_compare_loosely() -> None:
    forms = (
        "JJG 539-2016",
        "JJG539-2016",
        "JJG 539—2016《数字指示秤》",
        "ＪＪＧ 539-2016",
        "jjg 539-2016",
    )
    assert {norm_regulation(f) for f in forms} == {"JJG539-2016"}
    assert norm_regulation("QB/T 2443-2011") == "QB/T2443-2011"


@pytest.mark.parametrize(
    ("text", "ok"),
    [("20261000123001", True), ("202610001230001", True), ("20261000123001-001", True),
     ("20261000123001-1", False), ("2026500012300", False), ("JL2026-0001", False), ("", False),
     ("20261000123001 ", False)],
)  # fmt: skip
def test_default_number_format(text: str, ok: bool) -> None:
    assert check_number_format(text) is ok
    assert check_number_format(text, DEFAULT_NUMBER_PATTERN) is ok


def test_institute_pattern_is_configurable() -> None:
    pattern = r"JL\d{4}-\d{5}(-\d{3})?"
    assert check_number_format("JL2026-00017", pattern)
    assert not check_number_format("20261000123001", pattern)


def test_reissue_numbers() -> None:
    assert base_number("20261000123001-002") == "20261000123001"
    assert base_number("20261000123001") == "20261000123001"
    used = frozenset({"20261000123001", "20261000123001-001"})
    assert reissue_number("20261000123001", used) == "20261000123001-002"
    assert reissue_number("20261000123001-001", used) == "20261000123001-002"


def test_compose_conclusion() -> None:
    assert compose_conclusion(Verdict.PASS, "Ⅲ") == "Ⅲ级合格"
    assert compose_conclusion(Verdict.PASS) == "合格"
    assert compose_conclusion(Verdict.FAIL, "Ⅲ") == "不合格"
    assert compose_conclusion(Verdict.NONE) == ""
