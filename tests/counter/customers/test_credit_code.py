"""Tests for counter.customers.rules.credit_code (GB 32100-2015 unified social credit code)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter import i18n
from counter.customers.rules.credit_code import ALPHABET, check_character, validate_customer_code

VALID = ("91310110666007217T", "91310115591693856A")

first17 = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("zh")


@pytest.mark.parametrize("code", VALID)
def test_known_valid_codes(code: str) -> None:
    result = validate_customer_code(code)
    assert result.ok
    assert result.kind == "credit_code"
    assert result.normalized == code
    assert result.message == ""
    assert check_character(code[:17]) == code[17]


def test_check_character_hand_computed() -> None:
    # Σ value×weight for "91310110666007217" is 966; 966 mod 31 = 5; 31 - 5 = 26 → "T".
    assert check_character("91310110666007217") == "T"
    # All zeros: sum 0 → 31 → 0.
    assert check_character("0" * 17) == "0"
    # "1" followed by zeros: sum 1 → 31 - 1 = 30 → "Y" (value 30).
    assert check_character("1" + "0" * 16) == "Y"
    # Only the last position (weight 28), value 1: 31 - 28 = 3.
    assert check_character("0" * 16 + "1") == "3"


@given(
    code=st.sampled_from(VALID),
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from(ALPHABET),
)
def test_any_single_character_change_is_rejected(
    code: str, position: int, replacement: str
) -> None:
    if code[position] == replacement:
        replacement = ALPHABET[(ALPHABET.index(replacement) + 1) % len(ALPHABET)]
    changed = code[:position] + replacement + code[position + 1 :]
    result = validate_customer_code(changed)
    assert not result.ok
    assert result.kind == "credit_code"
    assert result.message


def test_every_single_character_change_is_rejected_exhaustively() -> None:
    for code in VALID:
        for position in range(18):
            for replacement in ALPHABET:
                if replacement == code[position]:
                    continue
                changed = code[:position] + replacement + code[position + 1 :]
                assert not validate_customer_code(changed).ok, changed


@given(first17)
def test_generated_codes_validate(body: str) -> None:
    code = body + check_character(body)
    result = validate_customer_code(code)
    assert result.ok, result.message
    assert result.kind == "credit_code"
    assert result.normalized == code


@given(first17)
def test_wrong_check_character_message_names_expected(body: str) -> None:
    expected = check_character(body)
    wrong = ALPHABET[(ALPHABET.index(expected) + 1) % len(ALPHABET)]
    result = validate_customer_code(body + wrong)
    assert not result.ok
    assert f"“{expected}”" in result.message
    assert "校验位" in result.message


def test_unknown_department_code_is_not_rejected() -> None:
    # "Y" is not an assigned registration-department code, "0" not a type code.
    body = "Y0310110666007217"
    assert validate_customer_code(body + check_character(body)).ok


def test_lowercase_and_spaces_are_normalised() -> None:
    result = validate_customer_code("  9131 0110 6660 0721 7t ")
    assert result.ok
    assert result.normalized == "91310110666007217T"


def test_full_width_input_is_normalised() -> None:
    result = validate_customer_code("９１３１０１１０６６６００７２１７Ｔ")
    assert result.ok
    assert result.normalized == "91310110666007217T"


@pytest.mark.parametrize("char", ["I", "O", "Z", "S", "V"])
def test_excluded_letters_are_named(char: str) -> None:
    code = "9131011066600721" + char + "T"
    result = validate_customer_code(code)
    assert not result.ok
    assert f"“{char}”" in result.message
    assert "第 17 位" in result.message


def test_excluded_letter_lowercase_is_named_uppercased() -> None:
    result = validate_customer_code("91310110666007217o")
    assert not result.ok
    assert "“O”" in result.message
    assert "第 18 位" in result.message


def test_non_latin_character_is_named() -> None:
    result = validate_customer_code("91310110666007217号")
    assert not result.ok
    assert "“号”" in result.message


def test_empty_means_no_code() -> None:
    for raw in ("", "   ", "\u3000"):
        result = validate_customer_code(raw)
        assert result.ok
        assert result.kind == "none"
        assert result.normalized == ""


def test_legacy_registration_number() -> None:
    result = validate_customer_code("310115000123456")
    assert result.ok
    assert result.kind == "legacy_registration"
    assert result.normalized == "310115000123456"


def test_legacy_registration_number_must_be_digits() -> None:
    result = validate_customer_code("31011500012345A")
    assert not result.ok
    assert result.kind == "legacy_registration"
    assert "15" in result.message


@pytest.mark.parametrize("length", [1, 14, 16, 17, 19, 20])
def test_other_lengths_rejected(length: int) -> None:
    raw = ("91310110666007217T" * 2)[:length]
    result = validate_customer_code(raw)
    assert not result.ok
    assert str(length) in result.message
    assert "18" in result.message


@pytest.mark.parametrize("bad", ["123", "9131011066600721", "9131011066600721I"])
def test_check_character_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        check_character(bad)


@pytest.mark.usefixtures("english")
def test_messages_are_translated() -> None:
    assert "check character" in validate_customer_code("91310110666007217A").message
    assert "“I”" in validate_customer_code("9131011066600721IT").message
    assert "not allowed" in validate_customer_code("9131011066600721IT").message
    assert "16" in validate_customer_code("9131011066600721").message
    assert "digits" in validate_customer_code("31011500012345A").message
