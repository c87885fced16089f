"""Tests for counter.customers.rules.search_keys (pinyin keys for names, query normalisation)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.customers.rules.search_keys import name_keys, normalize_query, pick_choice


def test_example_from_the_counter() -> None:
    assert name_keys("聊城计量") == ("lcjl", "liaochengjiliang")


def test_latin_letters_kept_lowercased() -> None:
    initials, full = name_keys("上海ABC仪表厂")
    assert initials == "shabcybc"
    assert full == "shanghaiabcyibiaochang"


def test_digits_kept_and_punctuation_and_spaces_dropped() -> None:
    assert name_keys("第3计量 （分站）·东区") == ("d3jlfzdq", "di3jiliangfenzhandongqu")


def test_full_width_letters_and_digits_in_names() -> None:
    assert name_keys("Ｘ光机１号") == ("xgj1h", "xguangji1hao")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("重庆", ("cq", "chongqing")),  # 重 as chong in this phrase
        ("银行", ("yh", "yinhang")),  # 行 as hang
        ("绿色通道", ("lstd", "lvsetongdao")),  # ü as v
    ],
)
def test_heteronyms_use_default_phrase_reading(name: str, expected: tuple[str, str]) -> None:
    assert name_keys(name) == expected


def test_empty_and_symbols_only() -> None:
    assert name_keys("") == ("", "")
    assert name_keys(" （）—、") == ("", "")


@given(st.text(max_size=30))
def test_keys_are_lowercase_ascii_alnum(name: str) -> None:
    for key in name_keys(name):
        assert all(c.isascii() and (c.isdigit() or c.islower()) for c in key), key


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["Lo"]), max_size=20))
def test_initials_are_first_letters_of_full(name: str) -> None:
    initials, full = name_keys(name)
    assert len(initials) <= len(full)
    if initials:
        assert full.startswith(initials[0])


def test_normalize_query() -> None:
    assert normalize_query("１３８") == "138"
    assert normalize_query("  LCJL ") == "lcjl"
    assert normalize_query("\u3000ＡＢＣ仪表\u3000") == "abc仪表"
    assert normalize_query("ｌｃｊｌ") == "lcjl"


def test_normalize_query_keeps_chinese_punctuation() -> None:
    # Names are stored with full-width brackets; the query must still match them.
    assert normalize_query("计量（分站）") == "计量（分站）"


@given(st.text(alphabet="0123456789abcdefghijklmnopqrstuvwxyz", max_size=20))
def test_full_width_query_equals_half_width(text: str) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in text.upper())
    assert normalize_query(full_width) == text


def test_a_choice_is_picked_by_pinyin_initials_or_first_letters() -> None:
    services = ["检定", "校准", "检测", "修理"]
    assert pick_choice(services, "j") == 0
    assert pick_choice(services, "jz") == 1  # 校准 reads jiaozhun
    assert pick_choice(services, "jc") == 2
    assert pick_choice(services, "x") == 3
    assert pick_choice(services, "q") == -1
    assert pick_choice(["贸易结算", "安全防护", "医疗卫生", "环境监测", "其他"], "m") == 0
    assert pick_choice(["Normal", "Urgent", "Same day"], "U") == 1
