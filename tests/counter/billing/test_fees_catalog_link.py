"""Proposing the fee row (tier) for an instrument from the starter fee standard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from counter.billing.rules.catalog_link import (
    FeeIndex,
    class_matches,
    measured_for,
    propose_row,
    tiers_for,
)
from counter.billing.rules.ranges import parse_span, upper_limit
from counter.billing.rules.schedule import FeeRow, starter_schedule

ROWS = starter_schedule(dt.date(2026, 1, 1)).rows


@pytest.mark.parametrize(
    ("text", "dimension", "value"),
    [
        ("0-2000mm", "length", "2000"),
        ("0～150 mm", "length", "150"),
        ("(0~25)mm", "length", "25"),
        ("5m", "length", "5000"),
        ("0-1.6 MPa", "pressure", "1600000"),
        ("≤5 m", "length", "5000"),
        ("±30 μm", "length", "0.03"),
        (">5 t", "mass", "5000000"),
    ],
)
def test_upper_limit_of_a_measuring_range(text: str, dimension: str, value: str) -> None:
    assert upper_limit(text) == (dimension, Decimal(value))


def test_ranges_without_numbers() -> None:
    assert upper_limit("") is None
    assert parse_span("基本量程") is None


def test_span_bounds() -> None:
    at_most = parse_span("≤100 mm")
    assert (
        at_most is not None
        and at_most.contains(Decimal(100))
        and not at_most.contains(Decimal(101))
    )
    above = parse_span(">5 t")
    assert above is not None and not above.contains(Decimal(5_000_000))
    below = parse_span("3 m以下")
    assert below is not None and not below.contains(Decimal(3000))


@pytest.mark.parametrize(
    ("name", "accuracy", "measuring_range", "code", "tier", "fee_range"),
    [
        ("量块", "三等", "0-100mm", "C001", "三/四等", "≤100 mm"),
        ("量块", "4等", "0~300 mm", "C001", "三/四等", "100–500 mm"),
        ("量块", "四等", "100 mm", "C001", "三/四等", "≤100 mm"),  # bound belongs to the lower tier
        ("量块", "五等", "50mm", "C001", "五/六等", "≤100 mm"),
        ("量块", "", "", "C001", "三/四等", "≤100 mm"),  # nothing known: the first row
        ("内径千分尺", "", "1000-3000mm", "ZJ-NJQFC", "", "1000–3000 mm"),
        ("内径千分尺", "", "50～1000 mm", "ZJ-NJQFC", "", "50–1000 mm"),
        ("高度卡尺", "", "0-2000mm", "BJ-GDKC", "", "0–2000 mm"),
        ("高度卡尺", "", "0～150 mm", "BJ-GDKC", "", "0–300 mm"),
        ("指针式千（百）分表", "", "0-5mm", "AH-ZZBFB", "", "3–10 mm"),
        ("全站仪", "2″", "", "AH-QZY", "2″及以下", ""),
        ("全站仪", "5″", "", "AH-QZY", "2″以上", ""),
        ("光学水准仪", "DS1", "", "AH-SZY", "DS1", ""),
        ("电子吊钩秤", "", "10t", "HB-DZDGC", "", ">5 t"),
        ("直流电流表", "0.1级", "", "D-DLB", "0.1级", "基本量程"),
    ],
)
def test_proposed_tier(
    name: str, accuracy: str, measuring_range: str, code: str, tier: str, fee_range: str
) -> None:
    for rows in (ROWS, FeeIndex.of(ROWS)):
        row = propose_row(rows, name, accuracy, measuring_range)
        assert row is not None
        assert (row.code, row.tier, row.measuring_range) == (code, tier, fee_range)


def test_a_long_steel_tape_keeps_its_row_and_the_add_on_measures_it() -> None:
    row = propose_row(ROWS, "钢卷尺", "", "0-8m")
    assert row is not None and row.measuring_range == "≤5 m"
    assert measured_for(row, "0-8m") == Decimal(8)
    assert measured_for(row, "0～7500 mm") == Decimal("7.5")
    assert measured_for(row, "") is None


def test_unknown_instrument() -> None:
    assert propose_row(ROWS, "不存在的器具") is None
    assert tiers_for(ROWS, "不存在的器具") == ()


def test_the_clerk_sees_every_tier_in_schedule_order() -> None:
    tiers = tiers_for(ROWS, " 量块 ")
    assert [(r.code, r.tier, r.measuring_range) for r in tiers] == [
        ("C001", "三/四等", "≤100 mm"),
        ("C001", "三/四等", "100–500 mm"),
        ("C001", "三/四等", "500–1000 mm"),
        ("C001", "五/六等", "≤100 mm"),
        ("BJ-LK", "2等", ""),
    ]
    assert tiers_for(FeeIndex.of(ROWS), "量块") == tiers


@pytest.mark.parametrize(
    ("tier", "accuracy", "match"),
    [
        ("三/四等", "3等", True),
        ("三/四等", "四等", True),
        ("三/四等", "五等", False),
        ("J2/J6", "j6", True),
        ("0.1级", "0.1", True),
        ("0.1级", "1级", False),
        ("", "0.1级", False),
        ("2″及以下", "1″", True),
        ("2″以上", "2″", False),
    ],
)
def test_accuracy_class_matching(tier: str, accuracy: str, match: bool) -> None:
    assert class_matches(tier, accuracy) is match


def test_fee_row_describes_itself_for_the_tier_list() -> None:
    row = FeeRow("ZJ-GJC", "钢卷尺", "", "≤5 m", "把", 2000, (), dt.date(2026, 1, 1))
    assert row.describe() == "ZJ-GJC 钢卷尺 ≤5 m ¥20.00/把"
