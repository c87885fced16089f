"""Money as integer fen (分): parsing, display, Chinese capitals, rounding.

Amounts are kept as `int` fen everywhere; `Decimal` is used only at the edges
(parsing, percentages).  Floats are refused: 0.1 yuan is not representable.

Chinese capitals (财务大写) follow 中国人民银行《支付结算办法》附件一
《正确填写票据和结算凭证的基本规定》:

- 整 after 元 when there is no 角 or 分, and after 角 when there is no 分
  (the rule makes it optional after 角; this module always writes it, as in
  "伍角整"); never after 分.
- A zero (or a run of zeros) between non-zero digits is written as one 零
  (¥1,409.50 → 壹仟肆佰零玖元伍角整; ¥6,007.14 → 陆仟零柒元壹角肆分).
- Where the rule leaves the 零 optional — zeros ending at the 万 or 元 digit
  followed by a non-zero 千 or 角 digit — this module omits it
  (¥1,680.32 → 壹仟陆佰捌拾元叁角贰分; ¥107,000.53 → 壹拾万柒仟元伍角叁分).
  Likewise for zeros ending at the 亿 digit before a non-zero 千万 digit.
  Zeros that span a whole 万 section before a non-zero digit keep their 零
  (¥100,001,000 → 壹亿零壹仟元整).
- 角 zero and 分 non-zero: 零 after 元 (¥325.04 → 叁佰贰拾伍元零肆分).
- A leading 1 in the tens is written 壹拾 (¥10 → 壹拾元整).
- Less than one yuan: no 元 (¥0.05 → 伍分); zero is 零元整; negative amounts
  are prefixed 负.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from counter.i18n import _

MAX_CAPITALS_FEN: Final = 999_999_999_999_999  # ¥9,999,999,999,999.99

_DIGITS: Final = "零壹贰叁肆伍陆柒捌玖"
_SECTION_UNITS: Final = ("仟", "佰", "拾", "")

# Optional sign, optional ¥/￥, then digits with or without correct thousands
# grouping, optional fraction.  Matches what `format_yuan` prints.
_AMOUNT_RE: Final = re.compile(r"([+-]?)[¥￥]?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)")

# Guard against "1E999999999" making an enormous int.
_MAX_DIGITS: Final = 40


def _decimal_to_fen(value: Decimal, shown: object) -> int:
    if not value.is_finite():
        raise ValueError(_("金额必须是有限数值：{value}").format(value=shown))
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    if len(digits) + exponent > _MAX_DIGITS:
        raise ValueError(_("金额超出范围：{value}").format(value=shown))
    magnitude = int("".join(map(str, digits)))
    shift = exponent + 2  # yuan → fen
    if shift >= 0:
        multiplier: int = 10**shift
        fen = magnitude * multiplier
    else:
        divisor: int = 10**-shift
        fen, rest = divmod(magnitude, divisor)
        if rest:
            raise ValueError(_("金额最多精确到分（两位小数）：{value}").format(value=shown))
    return -fen if sign else fen


def yuan_to_fen(value: str | Decimal | int) -> int:
    """Exact conversion of an amount in yuan to fen.

    Accepts "12.5", "-3", "1,230.50", "¥1,230.50", Decimal("12.50") or an int
    number of yuan.  More than two decimals are refused unless they are zeros
    ("1.230" is fine, "1.235" is not).  Floats (and bools) raise TypeError.
    """
    if isinstance(value, bool) or not isinstance(value, (str, Decimal, int)):
        raise TypeError(
            _("金额只能是字符串、Decimal 或整数，不能是 {type}").format(type=type(value).__name__)
        )
    if isinstance(value, int):
        return value * 100
    if isinstance(value, str):
        text = value.strip()
        match = _AMOUNT_RE.fullmatch(text)
        if match is None:
            raise ValueError(_("金额格式错误：{value}").format(value=value))
        sign, number = match.groups()
        return _decimal_to_fen(Decimal(sign + number.replace(",", "")), value)
    return _decimal_to_fen(value, value)


def fen_to_yuan(fen: int) -> Decimal:
    """Exact yuan amount with two decimals: 1250 → Decimal("12.50")."""
    digits = tuple(int(c) for c in str(abs(fen)))
    return Decimal((1 if fen < 0 else 0, digits, -2))


def format_yuan(fen: int) -> str:
    """ "¥1,230.50"; negative amounts "-¥5.00"."""
    yuan, cents = divmod(abs(fen), 100)
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{yuan:,}.{cents:02d}"


def _section(n: int) -> str:
    """1 ≤ n ≤ 9999 in capitals: one 零 per run of inner zeros, none at the end."""
    out: list[str] = []
    pending_zero = False
    for digit, unit in zip(f"{n:04d}", _SECTION_UNITS, strict=True):
        d = int(digit)
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[d] + unit)
    return "".join(out)


def _integer(n: int) -> str:
    """1 ≤ n < 10**16 yuan in capitals, without 元."""
    for base, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= base:
            high, rest = divmod(n, base)
            text = _integer(high) + unit
            if rest:
                # 零 when the digit right below the unit (千万 / 千) is zero.
                if rest < base // 10:
                    text += "零"
                text += _integer(rest)
            return text
    return _section(n)


def chinese_capitals(fen: int) -> str:
    """The amount in Chinese financial capitals, as written on invoices.

    1_230_50 → "壹仟贰佰叁拾元伍角整"; 0 → "零元整"; -500 → "负伍元整".
    Supports |fen| ≤ 999,999,999,999,999 (¥9,999,999,999,999.99).
    """
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(_("大写金额需要整数分"))
    if abs(fen) > MAX_CAPITALS_FEN:
        raise ValueError(_("金额超出大写金额支持的范围（最大 9,999,999,999,999.99 元）"))
    if fen == 0:
        return "零元整"
    yuan, small = divmod(abs(fen), 100)
    jiao, fen_digit = divmod(small, 10)
    text = "负" if fen < 0 else ""
    if yuan:
        text += _integer(yuan) + "元"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif fen_digit and yuan:
        text += "零"
    if fen_digit:
        text += _DIGITS[fen_digit] + "分"
    else:
        text += "整"
    return text


def round_fen(value: Decimal | int) -> int:
    """Round an amount in fen to whole fen, half away from zero (四舍五入).

    Decimal("1234.5") → 1235, Decimal("1234.49") → 1234, Decimal("-0.5") → -1.
    This is the rounding rule for percentages (reductions, surcharges).
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(
            _("取整只接受 Decimal 或整数，不能是 {type}").format(type=type(value).__name__)
        )
    if isinstance(value, int):
        return value
    if not value.is_finite():
        raise ValueError(_("金额必须是有限数值：{value}").format(value=value))
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))
