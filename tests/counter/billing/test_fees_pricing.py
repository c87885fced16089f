"""Pricing one line: each policy, and the fixed order in which they apply."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.billing.rules.addons import AddOnInput, PerUnitOver
from counter.billing.rules.lines import Adjustment
from counter.billing.rules.policy import CampaignExemption, FeePolicy, LateStep, UrgentStep
from counter.billing.rules.pricing import (
    CustomerTerms,
    ExtraCharge,
    FeeLineInput,
    PricedLine,
    price_extra,
    price_line,
    price_lines,
    priced_line,
    with_row,
)
from counter.billing.rules.schedule import FeeRow

DAY = dt.date(2026, 11, 23)
POLICY = FeePolicy()
PLAIN = CustomerTerms()
SMALL = CustomerTerms(size="small")
COMPULSORY_REASON = "强制检定免收费用（财税〔2017〕20号）"


def line(price: int = 10000, **changes: Any) -> FeeLineInput:
    base = FeeLineInput(
        item_number="20261000123-001",
        instrument="一般压力表",
        service="calibration",
        fee_code="C-999",
        unit_price_fen=price,
        date=DAY,
        order_number="20261000123",
    )
    return dataclasses.replace(base, **changes)


def steps(priced: PricedLine) -> list[tuple[str, int]]:
    return [(a.code, a.amount_fen) for a in priced.adjustments]


def test_plain_line_is_unit_price_times_quantity() -> None:
    priced = price_line(line(2000, quantity=3), PLAIN, POLICY)
    assert (priced.base_fen, priced.amount_fen, priced.adjustments) == (6000, 6000, ())
    assert priced.group == "calibration" and priced.group_label == "校准"


def test_steel_tape_8_m_is_35_yuan() -> None:
    tape = line(
        2000,
        instrument="钢卷尺",
        fee_code="ZJ-GJC",
        addons=(PerUnitOver(500, "m", Decimal(5)),),
        addon_input=AddOnInput(measured=Decimal(8)),
    )
    priced = price_line(tape, PLAIN, POLICY)
    assert (priced.base_fen, priced.standard_fen, priced.amount_fen) == (2000, 3500, 3500)
    assert priced.addons[0].reason == "超过5米每米加收5元（超出3米）"


# --- step 2: exemptions --------------------------------------------------------------------


def test_compulsory_verification_is_free_and_says_why() -> None:
    priced = price_line(line(service="verification", compulsory=True), SMALL, POLICY)
    assert priced.amount_fen == 0
    assert [(a.code, a.reason, a.amount_fen) for a in priced.adjustments] == [
        ("compulsory_free", COMPULSORY_REASON, -10000)
    ]


def test_compulsory_verification_before_april_2017_was_charged() -> None:
    old = line(service="verification", compulsory=True, date=dt.date(2017, 3, 31))
    assert price_line(old, PLAIN, POLICY).amount_fen == 10000
    on_day = dataclasses.replace(old, date=dt.date(2017, 4, 1))
    assert price_line(on_day, PLAIN, POLICY).amount_fen == 0


def test_compulsory_plus_urgent_is_free() -> None:
    urgent = line(service="verification", compulsory=True, turnaround_hours=8)
    priced = price_line(urgent, PLAIN, POLICY)
    assert priced.amount_fen == 0 and steps(priced) == [("compulsory_free", -10000)]


def test_calibration_of_a_compulsory_instrument_is_charged_without_urgent_surcharge() -> None:
    priced = price_line(line(compulsory=True, turnaround_hours=24), PLAIN, POLICY)
    assert priced.amount_fen == 10000 and steps(priced) == []


def test_a_free_line_with_nothing_to_charge_still_prints_its_reason() -> None:
    priced = price_line(line(0, service="verification", compulsory=True), PLAIN, POLICY)
    assert priced.amount_fen == 0 and steps(priced) == [("compulsory_free", 0)]


CAMPAIGN = CampaignExemption(
    frozenset({"红外体温计"}),
    dt.date(2026, 2, 1),
    dt.date(2026, 3, 31),
    "疫情防控期间体温计免费检定",
)


@pytest.mark.parametrize(
    ("day", "free"),
    [
        (dt.date(2026, 1, 31), False),
        (dt.date(2026, 2, 1), True),
        (dt.date(2026, 3, 31), True),
        (dt.date(2026, 4, 1), False),
    ],
)
def test_campaign_window_includes_both_ends(day: dt.date, free: bool) -> None:
    policy = FeePolicy(campaigns=(CAMPAIGN,))
    priced = price_line(line(instrument="红外体温计", date=day, turnaround_hours=24), PLAIN, policy)
    if free:
        assert priced.amount_fen == 0
        assert [(a.code, a.reason) for a in priced.adjustments] == [
            ("campaign", "疫情防控期间体温计免费检定")
        ]
    else:
        assert steps(priced) == [("urgent", 10000)]


def test_campaign_covers_only_its_instruments() -> None:
    policy = FeePolicy(campaigns=(CAMPAIGN,))
    assert price_line(line(date=dt.date(2026, 2, 10)), PLAIN, policy).amount_fen == 10000


def test_reverification_after_own_repair_is_free_unless_the_policy_says_otherwise() -> None:
    again = line(service="verification", reverification_after_own_repair=True)
    priced = price_line(again, SMALL, POLICY)
    assert priced.amount_fen == 0
    assert [(a.code, a.reason) for a in priced.adjustments] == [
        ("own_repair_reverification", "本所修理后复检，免收费用")
    ]
    charged = FeePolicy(own_repair_reverification_free=False)
    assert price_line(again, PLAIN, charged).amount_fen == 10000


def test_only_the_first_exemption_is_recorded() -> None:
    policy = FeePolicy(campaigns=(CAMPAIGN,))
    both = line(
        instrument="红外体温计",
        service="verification",
        compulsory=True,
        date=dt.date(2026, 2, 10),
        reverification_after_own_repair=True,
    )
    assert steps(price_line(both, PLAIN, policy)) == [("compulsory_free", -10000)]


# --- step 3: urgent surcharge --------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "fen", "reason"),
    [
        (96, None, None),
        (72, 3000, "加急（72 小时内出具）加收 30%"),
        (48, 3000, "加急（72 小时内出具）加收 30%"),
        (24, 10000, "加急（24 小时内出具）加收 100%"),
        (8, 15000, "加急（8 小时内出具）加收 150%"),
        (2, 15000, "加急（8 小时内出具）加收 150%"),
    ],
)
def test_urgent_surcharge_by_promised_hours(
    hours: int, fen: int | None, reason: str | None
) -> None:
    priced = price_line(line(turnaround_hours=hours), PLAIN, POLICY)
    expected = [] if fen is None else [("urgent", reason, fen)]
    assert [(a.code, a.reason, a.amount_fen) for a in priced.adjustments] == expected


def test_no_urgent_surcharge_when_the_promise_was_missed() -> None:
    for missed in (
        line(turnaround_hours=24, promise_missed=True),
        line(turnaround_hours=24, working_days_late=1),
    ):
        priced = price_line(missed, PLAIN, POLICY)
        assert priced.adjustments[0].code == "urgent_missed"
        assert priced.adjustments[0].amount_fen == 0
        assert priced.adjustments[0].reason == "加急未按承诺时限完成，不收加急费"
        assert all(a.amount_fen <= 0 for a in priced.adjustments)


# --- step 4: enterprise reductions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "code"),
    [
        (CustomerTerms(size="small"), "small_micro"),
        (CustomerTerms(size="micro"), "small_micro"),
        (CustomerTerms(size="medium"), None),
        (CustomerTerms(newly_opened=True), "newly_opened"),
        (CustomerTerms(opened_on=dt.date(2025, 11, 24)), "newly_opened"),
        (
            CustomerTerms(opened_on=dt.date(2025, 11, 23)),
            None,
        ),  # 12 months ago today: no longer new
        (CustomerTerms(size="small", newly_opened=True), "small_micro"),  # one reduction only
    ],
)
def test_enterprise_reductions(terms: CustomerTerms, code: str | None) -> None:
    priced = price_line(line(), terms, POLICY)
    assert steps(priced) == ([] if code is None else [(code, -5000)])


def test_the_larger_reduction_wins() -> None:
    policy = FeePolicy(small_micro_percent=Decimal(30), newly_opened_percent=Decimal(50))
    priced = price_line(line(), CustomerTerms(size="micro", newly_opened=True), policy)
    assert [(a.code, a.reason, a.amount_fen) for a in priced.adjustments] == [
        ("newly_opened", "新开办企业减收 50%", -5000)
    ]


def test_reductions_do_not_touch_extra_charges() -> None:
    parts = ExtraCharge("parts", "袖带", 4500, quantity=2, unit="条", item_number="20261000123-001")
    priced = price_extra(parts)
    assert (priced.group, priced.amount_fen, priced.adjustments) == ("parts", 9000, ())
    assert priced.group_label == "配件费" and priced.instrument == "袖带"
    assert price_lines([parts], SMALL, POLICY) == (priced,)
    unnamed = price_extra(ExtraCharge("travel", "  ", 2000))
    assert unnamed.instrument == "交通费"  # named by its kind when it has no description
    assert (unnamed.model, unnamed.serial, unnamed.tier, unnamed.fee_range) == ("", "", "", "")


def test_a_priced_line_sums_its_money_unless_given_the_amount_it_was_issued_with() -> None:
    addon, cut = Adjustment("addon", "加点", 500), Adjustment("late", "逾期", -300)
    made = priced_line(line(), "calibration", 10000, (addon,), (cut,))
    assert (made.item_number, made.fee_code, made.standard_fen, made.amount_fen) == (
        "20261000123-001", "C-999", 10500, 10200,
    )  # fmt: skip
    assert priced_line(line(), "calibration", 10000, (addon,), (cut,), 9999).amount_fen == 9999


# --- step 5: late-delivery waiver -----------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "fen"), [(0, None), (1, -3000), (15, -3000), (16, -5000), (25, -5000), (40, -5000)]
)
def test_late_delivery_waiver(days: int, fen: int | None) -> None:
    priced = price_line(line(working_days_late=days), PLAIN, POLICY)
    assert steps(priced) == ([] if fen is None else [("late", fen)])
    if fen is not None:
        assert priced.adjustments[0].reason == f"逾期 {days} 个工作日，减收 {-fen // 100}%"


# --- the order of application ----------------------------------------------------------------


def test_no_surcharge_computed_after_a_discount() -> None:
    # surcharge 30 % of the standard ¥100 (not of ¥50 after the reduction), reduction
    # 50 % of the standard ¥100 (not of ¥130 with the surcharge): ¥100 + 30 − 50 = ¥80
    priced = price_line(line(turnaround_hours=72), SMALL, POLICY)
    assert steps(priced) == [("urgent", 3000), ("small_micro", -5000)]
    assert priced.amount_fen == 8000


def test_urgent_small_enterprise_and_late_together() -> None:
    # late: the urgent promise was missed (no surcharge), half fee, then 30 % of what is left
    priced = price_line(line(turnaround_hours=24, working_days_late=3), SMALL, POLICY)
    assert steps(priced) == [("urgent_missed", 0), ("small_micro", -5000), ("late", -1500)]
    assert priced.amount_fen == 3500


def test_late_waiver_applies_to_the_amount_after_reductions_and_add_ons() -> None:
    tape = line(
        2000,
        addons=(PerUnitOver(500, "m", Decimal(5)),),
        addon_input=AddOnInput(measured=Decimal(8)),
        working_days_late=20,
    )
    priced = price_line(tape, CustomerTerms(newly_opened=True), POLICY)
    assert steps(priced) == [("newly_opened", -1750), ("late", -875)]
    assert priced.amount_fen == 875


def test_each_adjustment_rounds_half_up_on_its_own() -> None:
    # ¥33.33: 30 % = 999.9 fen → 1000; 50 % = 1666.5 fen → 1667
    priced = price_line(line(3333, turnaround_hours=72), SMALL, POLICY)
    assert steps(priced) == [("urgent", 1000), ("small_micro", -1667)]
    assert priced.amount_fen == 3333 + 1000 - 1667
    late = price_line(line(3333, working_days_late=2), SMALL, POLICY)
    assert steps(late) == [("small_micro", -1667), ("late", -500)]  # 30 % of 1666 = 499.8


@given(
    price=st.integers(min_value=0, max_value=10**8),
    quantity=st.integers(min_value=1, max_value=50),
    metres=st.none() | st.decimals(min_value=0, max_value=100, places=1),
    hours=st.none() | st.integers(min_value=1, max_value=200),
    missed=st.booleans(),
    late=st.integers(min_value=0, max_value=40),
    compulsory=st.booleans(),
    size=st.sampled_from(["", "large", "medium", "small", "micro"]),
    new=st.booleans(),
)
def test_every_line_adds_up_and_never_goes_negative(
    price: int,
    quantity: int,
    metres: Decimal | None,
    hours: int | None,
    missed: bool,
    late: int,
    compulsory: bool,
    size: Any,
    new: bool,
) -> None:
    item = line(
        price,
        service="verification",
        quantity=quantity,
        addons=(PerUnitOver(500, "m", Decimal(5)),),
        addon_input=AddOnInput(measured=metres),
        turnaround_hours=hours,
        promise_missed=missed,
        working_days_late=late,
        compulsory=compulsory,
    )
    priced = price_line(item, CustomerTerms(size=size, newly_opened=new), POLICY)
    parts = priced.base_fen + sum(a.amount_fen for a in (*priced.addons, *priced.adjustments))
    assert priced.amount_fen == parts
    # at most +150 %, each step rounded half up on its own: ceil(2.5 × standard)
    assert 0 <= priced.amount_fen <= -(-priced.standard_fen * 5 // 2)
    codes = [a.code for a in priced.adjustments]
    assert codes == sorted(
        codes,
        key=[
            "compulsory_free",
            "urgent",
            "urgent_missed",
            "small_micro",
            "newly_opened",
            "late",
        ].index,
    )
    if compulsory:
        assert priced.amount_fen == 0


def test_price_lines_keeps_the_order_given() -> None:
    items: list[FeeLineInput | ExtraCharge] = [
        line(1000),
        ExtraCharge("travel", "上门交通费", 8000),
        line(2000, item_number="x-2"),
    ]
    priced = price_lines(items, PLAIN, POLICY)
    assert [p.amount_fen for p in priced] == [1000, 8000, 2000]
    assert [p.group for p in priced] == ["calibration", "travel", "calibration"]


def test_the_clerk_picks_another_tier() -> None:
    row = FeeRow("C001", "量块", "三/四等", "100–500 mm", "块", 10000, (), DAY)
    changed = with_row(line(5000, quantity=2), row)
    priced = price_line(changed, PLAIN, POLICY)
    assert (priced.fee_code, priced.tier, priced.fee_range, priced.unit) == (
        "C001",
        "三/四等",
        "100–500 mm",
        "块",
    )
    assert priced.amount_fen == 20000


@pytest.mark.parametrize(
    "changes",
    [{"quantity": 0}, {"unit_price_fen": -1}, {"working_days_late": -1}, {"turnaround_hours": 0}],
)
def test_impossible_lines_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        line(**changes)
    with pytest.raises(ValueError):
        ExtraCharge("other", "x", -1)


def test_custom_steps() -> None:
    policy = FeePolicy(
        urgent_steps=(UrgentStep(48, Decimal("20.5")),), late_steps=(LateStep(26, Decimal(100)),)
    )
    assert steps(price_line(line(3333, turnaround_hours=48), PLAIN, policy)) == [("urgent", 683)]
    assert price_line(line(working_days_late=26), PLAIN, policy).amount_fen == 0
    assert steps(price_line(line(working_days_late=25), PLAIN, policy)) == []
