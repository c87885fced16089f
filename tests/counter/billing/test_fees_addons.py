"""Add-on rules: the English and Chinese text forms, and what they add to a line."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.billing.rules.addons import (
    AddOnError,
    AddOnInput,
    PercentFor,
    PerExtra,
    PerUnitOver,
    addon_charges,
    format_addons,
    parse_addons,
)

STEEL_TAPE = (PerUnitOver(500, "m", Decimal(5)),)


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("", ()),
        ("+5 per metre over 5 m", STEEL_TAPE),
        ("+3 per metre over 5 m", (PerUnitOver(300, "m", Decimal(5)),)),
        ("+5 per m over 5000 mm", STEEL_TAPE),
        ("+60 per extra point", (PerExtra(6000, "point"),)),
        ("+90 per extra range", (PerExtra(9000, "range"),)),
        (
            "+50% for AC/DC use; +90 per extra range",
            (PercentFor(Decimal(50), "AC/DC use"), PerExtra(9000, "range")),
        ),
        ("+1.5 per kg over 100 kg", (PerUnitOver(150, "kg", Decimal(100)),)),
        ("超过5米每米加收5元", STEEL_TAPE),
        ("超出 5 米的部分，每米加收 5 元", STEEL_TAPE),
        ("每增加一个量程加收90元", (PerExtra(9000, "range"),)),
        ("每增加1个检定点加收60元", (PerExtra(6000, "point"),)),
        ("交直流两用加收50%", (PercentFor(Decimal(50), "交直流两用"),)),
        (
            "交直流两用加收５０％；每增加一个量程加收90元",  # full-width digits and signs
            (PercentFor(Decimal(50), "交直流两用"), PerExtra(9000, "range")),
        ),
    ],
)
def test_text_forms(text: str, rules: tuple[object, ...]) -> None:
    assert parse_addons(text) == rules


@pytest.mark.parametrize(
    "text",
    [
        "+5 per metre",
        "plus five",
        "+5 per metre over 5 kg",
        "+50% for",
        "加收",
        "+5.555 per extra point",
    ],
)
def test_unreadable_rules_are_refused_naming_the_part(text: str) -> None:
    with pytest.raises(AddOnError) as error:
        parse_addons(f"+60 per extra point; {text}")
    assert text.strip() in str(error.value)


def test_chinese_form_is_written_and_reads_back() -> None:
    rules = parse_addons("+50% for AC/DC use; +90 per extra range; +5 per metre over 5 m")
    text = format_addons(rules)
    assert text == "AC/DC use加收50%；每增加一个量程加收90元；超过5米每米加收5元"
    assert parse_addons(text) == rules


amounts = st.integers(min_value=1, max_value=10**7)
rules = st.one_of(
    st.builds(
        PerUnitOver,
        amounts,
        st.sampled_from(["m", "mm", "kg", "t"]),
        st.decimals(min_value=0, max_value=1000, places=1),
    ),
    st.builds(PerExtra, amounts, st.sampled_from(["point", "range"])),
    st.builds(
        PercentFor,
        st.decimals(min_value=0, max_value=500, places=2),
        st.sampled_from(["交直流两用", "AC/DC use", "户外使用"]),
    ),
)


@given(st.lists(rules, max_size=4))
def test_any_rules_survive_a_round_trip(generated: list[object]) -> None:
    parsed = parse_addons(format_addons(tuple(generated)))  # type: ignore[arg-type]
    assert parsed == tuple(generated)


def _fen(rules: str, price: int, quantity: int = 1, **item: object) -> int:
    charges = addon_charges(parse_addons(rules), price, quantity, AddOnInput(**item))  # type: ignore[arg-type]
    return sum(c.amount_fen for c in charges)


def test_steel_tape_of_8_m_costs_35_yuan() -> None:
    charges = addon_charges(STEEL_TAPE, 2000, 1, AddOnInput(measured=Decimal(8)))
    assert 2000 + sum(c.amount_fen for c in charges) == 3500
    assert charges[0].code == "addon_per_unit"
    assert charges[0].reason == "超过5米每米加收5元（超出3米）"


@pytest.mark.parametrize(
    ("metres", "fen"),
    [("5", 0), ("3", 0), ("5.5", 500), ("7.5", 1500), ("10", 2500), ("50", 22500)],
)
def test_a_part_of_a_metre_counts_as_a_metre(metres: str, fen: int) -> None:
    assert _fen("+5 per metre over 5 m", 2000, measured=Decimal(metres)) == fen


def test_no_length_known_no_add_on() -> None:
    assert _fen("+5 per metre over 5 m", 2000) == 0


def test_percentage_only_when_its_condition_is_ticked() -> None:
    rule = "+50% for AC/DC use; +90 per extra range"
    assert _fen(rule, 21000) == 0
    assert _fen(rule, 21000, extra_ranges=2) == 18000
    assert _fen(rule, 21000, conditions=frozenset({"ac/dc  USE"})) == 10500
    both = _fen(rule, 21000, extra_ranges=2, conditions=frozenset({"AC/DC use"}))
    assert both == 10500 + 18000  # the percentage is of the base price, not of the ranges


def test_percentage_rounds_half_up_per_instrument_then_times_quantity() -> None:
    # 12.5 % of ¥1.01 = 12.625 fen → 13 fen per instrument, three instruments
    assert _fen("+12.5% for 户外使用", 101, 3, conditions=frozenset({"户外使用"})) == 39


def test_add_ons_times_quantity_say_so() -> None:
    charges = addon_charges(STEEL_TAPE, 2000, 2, AddOnInput(measured=Decimal(8)))
    assert [(c.amount_fen, c.reason) for c in charges] == [
        (3000, "超过5米每米加收5元（超出3米）×2")
    ]


def test_extra_points() -> None:
    assert _fen("+60 per extra point", 33600, extra_points=3) == 18000
    assert _fen("每增加一个检定点加收60元", 33600, extra_ranges=3) == 0
