"""Tests for counter.money (integer fen, Chinese capitals, rounding)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter.money import (
    MAX_CAPITALS_FEN,
    chinese_capitals,
    fen_to_yuan,
    format_yuan,
    round_fen,
    yuan_to_fen,
)

# ---------------------------------------------------------------------------
# An independent reader of Chinese capitals, used for round trips.

_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL_UNIT = {"拾": 10, "佰": 100, "仟": 1000}


def parse_capitals(text: str) -> int:
    """Read an amount in Chinese capitals back into fen (strictly)."""
    sign = 1
    if text.startswith("负"):
        sign, text = -1, text[1:]
    assert text, "empty amount"
    if text == "零元整":
        return 0
    whole_part, sep, rest = text.partition("元")
    if not sep:
        whole_part, rest = "", text
    yi_total = 0  # everything already multiplied by 10**8
    wan_total = 0  # everything of the current 亿 group already multiplied by 10**4
    section = 0
    digit: int | None = None
    for ch in whole_part:
        if ch in _DIGIT:
            assert digit is None, f"two digits in a row in {text}"
            digit = _DIGIT[ch]
            if digit == 0:
                digit = None
        elif ch in _SMALL_UNIT:
            assert digit is not None, f"unit without digit in {text}"
            section += digit * _SMALL_UNIT[ch]
            digit = None
        elif ch == "万":
            wan_total = (section + (digit or 0)) * 10**4
            section, digit = 0, None
        elif ch == "亿":
            yi_total = (wan_total + section + (digit or 0)) * 10**8
            wan_total, section, digit = 0, 0, None
        else:
            raise AssertionError(f"unexpected {ch!r} in {text}")
    yuan = yi_total + wan_total + section + (digit or 0)
    if sep:
        assert yuan > 0, f"元 without an amount in {text}"
    cents = 0
    if rest.startswith("零"):
        rest = rest[1:]
    if rest.endswith("整"):
        rest = rest[:-1]
        assert not rest.endswith("分"), f"整 after 分 in {text}"
    else:
        assert rest.endswith("分"), f"no 整 and no 分 in {text}"
    for value_char, unit_char in zip(rest[::2], rest[1::2], strict=True):
        cents += _DIGIT[value_char] * {"角": 10, "分": 1}[unit_char]
    return sign * (yuan * 100 + cents)


def test_parser_reads_known_amounts() -> None:
    assert parse_capitals("壹万亿零壹仟元整") == 1_000_000_001_000 * 100
    assert (
        parse_capitals("玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")
        == MAX_CAPITALS_FEN
    )
    assert parse_capitals("负伍分") == -5


# ---------------------------------------------------------------------------
# Chinese capitals


@pytest.mark.parametrize(
    ("fen", "expected"),
    [
        (123050, "壹仟贰佰叁拾元伍角整"),
        (0, "零元整"),
        (100505, "壹仟零伍元零伍分"),
        (1_000_000_000, "壹仟万元整"),
        (10_000_000_000, "壹亿元整"),
        (5, "伍分"),
        (50, "伍角整"),
        (55, "伍角伍分"),
        (100, "壹元整"),
        (1000, "壹拾元整"),
        (1500, "壹拾伍元整"),
        (10_001_000, "壹拾万零壹拾元整"),
        (100_000_001, "壹佰万元零壹分"),
        (-500, "负伍元整"),
        (-5, "负伍分"),
        # Examples from 《正确填写票据和结算凭证的基本规定》
        (140950, "壹仟肆佰零玖元伍角整"),
        (600714, "陆仟零柒元壹角肆分"),
        (168032, "壹仟陆佰捌拾元叁角贰分"),
        (10_700_053, "壹拾万柒仟元伍角叁分"),
        (1_640_902, "壹万陆仟肆佰零玖元零贰分"),
        (32504, "叁佰贰拾伍元零肆分"),
        # Zeros across sections
        (10_000_100_000, "壹亿零壹仟元整"),
        (10_500_000_000, "壹亿零伍佰万元整"),
        (107_000_000_000, "壹拾亿柒仟万元整"),
        (100_000_000_000_000, "壹万亿元整"),
        (100_010_000_000_000, "壹万零壹亿元整"),
        (1_001_000_000, "壹仟零壹万元整"),
        (1_000_100_000, "壹仟万壹仟元整"),
        (100_000, "壹仟元整"),
        (100_005, "壹仟元零伍分"),
        (MAX_CAPITALS_FEN, "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_capitals_examples(fen: int, expected: str) -> None:
    assert chinese_capitals(fen) == expected


def test_capitals_range() -> None:
    chinese_capitals(-MAX_CAPITALS_FEN)
    with pytest.raises(ValueError):
        chinese_capitals(MAX_CAPITALS_FEN + 1)
    with pytest.raises(ValueError):
        chinese_capitals(-MAX_CAPITALS_FEN - 1)
    with pytest.raises(TypeError):
        chinese_capitals(Decimal(5))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        chinese_capitals(True)


def expected_zero_count(fen: int) -> int:
    """How many 零 the module's documented rule writes (amount ≠ 0).

    Digit index k counts from 分 (k=0), 角 (1), 元 (2), 拾 (3) … 万 (6) … 亿 (10).
    Every maximal run of zero digits with a non-zero digit on both sides gives
    one 零, except a run whose lowest digit is 元 (k=2: 角 follows), a run whose
    lowest digit is 万 (k=6) and whose highest digit is below 千万 (k≤8), and a
    run whose lowest digit is 亿 (k=10).
    """
    digits = [int(c) for c in reversed(str(abs(fen)))]
    count = 0
    k = 0
    while k < len(digits):
        if digits[k] != 0:
            k += 1
            continue
        lo = k
        while k < len(digits) and digits[k] == 0:
            k += 1
        hi = k - 1
        if lo == 0 or k == len(digits):
            continue  # not between two non-zero digits
        if lo == 2 or (lo == 6 and hi <= 8) or lo == 10:
            continue
        count += 1
    return count


amounts = st.integers(min_value=-MAX_CAPITALS_FEN, max_value=MAX_CAPITALS_FEN)
# Amounts with many zero digits exercise the 零 rules far better than uniform integers.
sparse_amounts = st.lists(st.sampled_from("0000000123456789"), min_size=1, max_size=15).map(
    lambda ds: int("".join(ds))
)
any_amount = st.one_of(amounts, sparse_amounts, sparse_amounts.map(lambda n: -n))


@settings(max_examples=2000)
@given(any_amount)
def test_capitals_round_trip(fen: int) -> None:
    assert parse_capitals(chinese_capitals(fen)) == fen


@settings(max_examples=2000)
@given(any_amount)
def test_capitals_structure(fen: int) -> None:
    text = chinese_capitals(fen)
    body = text.removeprefix("负")
    assert text.startswith("负") == (fen < 0)
    assert "零零" not in text
    if fen == 0:
        assert text == "零元整"
        return
    assert not body.startswith("零")
    assert not body.endswith("零")
    # 整 exactly when there is no 分 digit; never after 分.
    assert text.endswith("整") == (fen % 10 == 0)
    assert text.endswith("分") == (fen % 10 != 0)
    # 元 exactly when there is at least one whole yuan.
    assert ("元" in text) == (abs(fen) >= 100)
    assert ("角" in text) == (abs(fen) // 10 % 10 != 0)
    assert text.count("零") == expected_zero_count(fen)
    # 拾 is always preceded by a digit (壹拾, never a bare 拾).
    for i, ch in enumerate(body):
        if ch in "拾佰仟":
            assert i > 0 and body[i - 1] in "壹贰叁肆伍陆柒捌玖"


# ---------------------------------------------------------------------------
# Parsing and formatting


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("12.5", 1250),
        ("12.50", 1250),
        ("12.500", 1250),
        ("0.01", 1),
        (".5", 50),
        ("12.", 1200),
        ("-3", -300),
        ("-0.05", -5),
        ("+7", 700),
        (" 1230.50 ", 123050),
        ("1,230.50", 123050),
        ("¥1,230.50", 123050),
        ("-¥5.00", -500),
        (Decimal("12.50"), 1250),
        (Decimal("1E+3"), 100000),
        (Decimal("-0.10"), -10),
        (12, 1200),
        (-12, -1200),
        ("9999999999999.99", MAX_CAPITALS_FEN),
    ],
)
def test_yuan_to_fen(value: str | Decimal | int, fen: int) -> None:
    assert yuan_to_fen(value) == fen


@pytest.mark.parametrize(
    "value",
    [
        "12.345",
        "0.001",
        "",
        "abc",
        "1,23.00",
        "12,3456",
        "1e3",
        "NaN",
        "--1",
        "1.2.3",
        Decimal("0.005"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("1E+100"),
    ],
)
def test_yuan_to_fen_rejects(value: str | Decimal) -> None:
    with pytest.raises(ValueError):
        yuan_to_fen(value)


@pytest.mark.parametrize("value", [12.5, 1.0, True, None, [1]])
def test_yuan_to_fen_rejects_floats_and_others(value: object) -> None:
    with pytest.raises(TypeError):
        yuan_to_fen(value)  # type: ignore[arg-type]


def test_large_decimal_is_exact() -> None:
    # 30 significant digits: more than the default Decimal context precision (28).
    assert yuan_to_fen(Decimal("1234567890123456789012345678.91")) == 123456789012345678901234567891
    assert fen_to_yuan(123456789012345678901234567891) == Decimal("1234567890123456789012345678.91")


def test_fen_to_yuan() -> None:
    assert fen_to_yuan(1250) == Decimal("12.50")
    assert str(fen_to_yuan(1250)) == "12.50"
    assert str(fen_to_yuan(-5)) == "-0.05"
    assert str(fen_to_yuan(0)) == "0.00"


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (123050, "¥1,230.50"),
        (-500, "-¥5.00"),
        (0, "¥0.00"),
        (5, "¥0.05"),
        (-5, "-¥0.05"),
        (100_000_000, "¥1,000,000.00"),
    ],
)
def test_format_yuan(fen: int, text: str) -> None:
    assert format_yuan(fen) == text


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_conversions_round_trip(fen: int) -> None:
    assert yuan_to_fen(fen_to_yuan(fen)) == fen
    assert yuan_to_fen(str(fen_to_yuan(fen))) == fen
    assert yuan_to_fen(format_yuan(fen)) == fen


# ---------------------------------------------------------------------------
# Rounding


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        (Decimal("1234.5"), 1235),
        (Decimal("1234.49"), 1234),
        (Decimal("1234.51"), 1235),
        (Decimal("0.5"), 1),
        (Decimal("2.5"), 3),  # not banker's rounding
        (Decimal("-0.5"), -1),
        (Decimal("-1234.5"), -1235),
        (Decimal("-1234.4"), -1234),
        (Decimal("1500") * Decimal("0.3"), 450),
        (Decimal("1E+30"), 10**30),
        (7, 7),
    ],
)
def test_round_fen(value: Decimal | int, fen: int) -> None:
    assert round_fen(value) == fen


def test_round_fen_rejects() -> None:
    with pytest.raises(TypeError):
        round_fen(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        round_fen(Decimal("NaN"))


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=9))
def test_round_fen_half_up_property(whole: int, tenth: int) -> None:
    value = Decimal(whole) + Decimal(tenth) / 10 * (1 if whole >= 0 else -1)
    expected_magnitude = abs(whole) + (1 if tenth >= 5 else 0)
    assert round_fen(value) == (expected_magnitude if whole >= 0 else -expected_magnitude)
