"""Unified social credit code (统一社会信用代码, GB 32100-2015).

An 18-character code: registration department (1), organisation type (1),
administrative division (6), organisation code (9) and a check character (1),
written with the 31 characters of `ALPHABET` (no I, O, Z, S, V).  The check
character is computed from the first 17 with weights 3^(i-1) mod 31.

Customers may instead hold a legacy 15-digit business registration number
(工商注册号), or no code at all (individuals, small shops).  Unknown
department or type codes are *not* rejected: only the character set and the
check character are validated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from counter.customers.rules.search_keys import to_half_width
from counter.i18n import _

ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE: Final = {c: i for i, c in enumerate(ALPHABET)}

CREDIT_CODE_LENGTH: Final = 18
LEGACY_LENGTH: Final = 15

KIND_CREDIT_CODE: Final = "credit_code"
KIND_LEGACY: Final = "legacy_registration"
KIND_NONE: Final = "none"


@dataclass(frozen=True)
class CodeCheck:
    """Outcome of `validate_customer_code`.

    `kind` is "credit_code", "legacy_registration" or "none" (what the input
    looks like, even when it is not ok); `normalized` is the input without
    spaces, upper-cased; `message` is empty when `ok`.
    """

    ok: bool
    kind: str
    normalized: str
    message: str


def _bad_character(code: str) -> tuple[int, str] | None:
    """(1-based position, character) of the first character outside ALPHABET."""
    for position, char in enumerate(code, start=1):
        if char not in _VALUE:
            return position, char
    return None


def _bad_character_message(position: int, char: str) -> str:
    return _(
        "第 {position} 位字符“{char}”不允许出现在统一社会信用代码中（不使用 I、O、Z、S、V）"
    ).format(position=position, char=char)


def check_character(first17: str) -> str:
    """The check character (18th) for the first 17 characters of a code.

    Raises ValueError if `first17` is not 17 characters of `ALPHABET`.
    """
    if len(first17) != CREDIT_CODE_LENGTH - 1:
        raise ValueError(
            _("计算校验位需要统一社会信用代码的前 17 位，当前为 {length} 位").format(
                length=len(first17)
            )
        )
    bad = _bad_character(first17)
    if bad is not None:
        raise ValueError(_bad_character_message(*bad))
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize_code(raw: str) -> str:
    """Remove all whitespace, make full-width letters/digits half-width, upper-case."""
    return "".join(to_half_width(raw).split()).upper()


def validate_customer_code(raw: str) -> CodeCheck:
    """Validate what the clerk typed in the customer's code field.

    - empty → ok, kind "none" (individuals may have no code);
    - 18 characters → unified social credit code: character set and check
      character are verified (department/type codes are not);
    - 15 characters → legacy business registration number: digits only;
    - any other length → not ok.
    """
    code = normalize_code(raw)
    if not code:
        return CodeCheck(ok=True, kind=KIND_NONE, normalized=code, message="")
    if len(code) == CREDIT_CODE_LENGTH:
        bad = _bad_character(code)
        if bad is not None:
            return CodeCheck(False, KIND_CREDIT_CODE, code, _bad_character_message(*bad))
        expected = check_character(code[:-1])
        if code[-1] != expected:
            message = _(
                "统一社会信用代码校验位错误：第 18 位应为“{expected}”，实为“{actual}”"
            ).format(expected=expected, actual=code[-1])
            return CodeCheck(False, KIND_CREDIT_CODE, code, message)
        return CodeCheck(True, KIND_CREDIT_CODE, code, "")
    if len(code) == LEGACY_LENGTH:
        if not (code.isascii() and code.isdigit()):
            return CodeCheck(False, KIND_LEGACY, code, _("15 位旧工商注册号只能由数字组成"))
        return CodeCheck(True, KIND_LEGACY, code, "")
    message = _("统一社会信用代码应为 18 位（旧工商注册号为 15 位），当前为 {length} 位").format(
        length=len(code)
    )
    return CodeCheck(False, KIND_NONE, code, message)
