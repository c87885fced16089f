"""Reading values the way a supervisor compares them: dates, classes, numbers, names.

All patterns are compiled once at import; the functions are called thousands of times
per second by the defect check.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "―": "-", "‐": "-"})
_REG_CODE = re.compile(r"^([A-Z/]+\s*[\d.]+(?:\.\d+)?\s*-\s*\d{4})")
_UNIT_TAIL = r"\s*(?:%|[^\d\s()（）+×*]*)$"
_SIGNED = re.compile(r"^(?:[±+\-−])?\s*(\d+(?:\.\d+)?)" + _UNIT_TAIL)
_NUMBER = re.compile(r"^([+\-−]?)\s*(\d+(?:\.\d+)?)" + _UNIT_TAIL)
_CLASS_NOISE = re.compile(r"(准确度等级|准确度|等级|级|CLASS|CL\.?)")
#: Default certificate number: order number (year, channel digit, 6–7 digit sequence)
#: + 3-digit sequence; a reissue adds "-NNN".  The named group "order" is compared with
#: the item's order number.
#: before the JD series: order number + 3 digits (the shape of an item number)
OLD_NUMBER_PATTERN = r"(?P<order>\d{4}[1-4]\d{6,7})(?P<seq>\d{3})(?:-(?P<reissue>\d{3}))?"
#: JD + year + 6 digits (`counter.intake.numbering`), and the numbers given before it
DEFAULT_NUMBER_PATTERN = r"JD\d{4}\d{6}(?:-\d{3})?|" + OLD_NUMBER_PATTERN
_ROMAN = {"I": 1, "II": 2, "III": 3, "IIII": 4, "IV": 4}
_WEIGHT_CLASSES = ("E1", "E2", "F1", "F2", "M1", "M12", "M2", "M23", "M3")


def norm_text(text: str) -> str:
    """Compare form of a name or serial: NFKC (full-width → half-width), no whitespace."""
    if text.isascii():
        return _SPACE.sub("", text)
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def same_text(a: str, b: str) -> bool:
    """Equal as a supervisor reads them (`norm_text`); identical strings short-cut."""
    return a == b or norm_text(a) == norm_text(b)


@lru_cache(maxsize=4096)
def norm_regulation(text: str) -> str:
    """ "JJG 539—2016《数字指示秤》" → "JJG539-2016" (the code part, compare form)."""
    head = text.split("《", 1)[0]
    head = unicodedata.normalize("NFKC", head).translate(_DASHES).upper()
    m = _REG_CODE.match(head.strip())
    return _SPACE.sub("", m.group(1) if m else head)


def add_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) that lies `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


_VALID_UNTIL: dict[tuple[dt.date, int], dt.date] = {}  # a batch repeats few days and periods


def propose_valid_until(performed: dt.date, period_months: int) -> dt.date:
    """Valid-until = performed + period months − 1 day.

    "Performed + N months" is the same day N months later; when that day does not exist
    (31 January + 1 month) the period ends on the last day of that month.
    """
    day = _VALID_UNTIL.get((performed, period_months))
    if day is not None:
        return day
    if period_months < 1:
        raise ValueError("the period must be at least one month")
    year, month = add_months(performed, period_months)
    last = calendar.monthrange(year, month)[1]
    if performed.day > last:
        day = dt.date(year, month, last)
    else:
        day = dt.date(year, month, performed.day) - dt.timedelta(days=1)
    if len(_VALID_UNTIL) > 10_000:
        _VALID_UNTIL.clear()
    _VALID_UNTIL[(performed, period_months)] = day
    return day


_RANKS: dict[str, tuple[str, float] | None] = {}  # a batch names few classes: read each once


def class_rank(text: str) -> tuple[str, float] | None:
    """A comparable rank for an accuracy class; smaller is better.

    Numeric classes (0.5, 1.6, 2.5 …), Roman classes of weighing instruments (Ⅰ … Ⅳ) and
    OIML weight classes (E1 … M3) are understood; anything else gives None.
    """
    rank = _RANKS.get(text, _UNREAD)
    if rank is _UNREAD:
        if len(_RANKS) > 10_000:
            _RANKS.clear()
        rank = _RANKS[text] = _class_rank(text)
    return rank


_UNREAD = ("", -1.0)


def _class_rank(text: str) -> tuple[str, float] | None:
    t = unicodedata.normalize("NFKC", text).upper()
    t = _SPACE.sub("", _CLASS_NOISE.sub("", t))
    if not t:
        return None
    if t in _ROMAN:
        return "roman", float(_ROMAN[t])
    if t in _WEIGHT_CLASSES:
        return "weight", float(_WEIGHT_CLASSES.index(t))
    try:
        return "number", float(t)
    except ValueError:
        return None


_MAGNITUDES: dict[str, float | None] = {}  # results repeat few values: read each once


def magnitude(text: str) -> float | None:
    """|value| of a simple signed value such as "+0.5", "±1.0 g", "−0.3 %"; else None."""
    value = _MAGNITUDES.get(text, -1.0)
    if value != -1.0:  # a magnitude is never negative: -1 means "not read yet"
        return value
    m = _SIGNED.match(text.strip())
    value = float(m.group(1)) if m else None
    if len(_MAGNITUDES) > 10_000:
        _MAGNITUDES.clear()
    _MAGNITUDES[text] = value
    return value


def number(text: str) -> float | None:
    """A simple number with optional sign and unit ("20.5", "55 %RH", "−3"); else None."""
    m = _NUMBER.match(text.strip())
    if m is None:
        return None
    value = float(m.group(2))
    return -value if m.group(1) in ("-", "−") else value


def norm_unit(unit: str) -> str:
    """ "℃" and "°C" compare equal; case and spaces ignored."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", unit)).lower()


@lru_cache(maxsize=64)
def compile_number_pattern(pattern: str) -> re.Pattern[str]:
    """A certificate-number pattern compiled once (matched against the whole number)."""
    return re.compile(pattern)


def check_number_format(
    number: str, pattern: str | re.Pattern[str] = DEFAULT_NUMBER_PATTERN
) -> bool:
    """Whether `number` matches the institute's certificate-number convention.

    `pattern` is a regular expression for the whole number (default
    `DEFAULT_NUMBER_PATTERN`: JD + year + 6 digits, or — numbered before that series —
    order number + 3-digit sequence; reissues suffixed -NNN).
    """
    compiled = compile_number_pattern(pattern) if isinstance(pattern, str) else pattern
    return compiled.fullmatch(number) is not None


def base_number(number: str) -> str:
    """The number without a reissue suffix: "20261000123001-002" → "20261000123001"."""
    head, sep, tail = number.rpartition("-")
    return head if sep and len(tail) == 3 and tail.isdigit() else number


def reissue_number(original: str, used: set[str] | frozenset[str]) -> str:
    """The next free reissue number for `original`: base + "-001", "-002", …"""
    base = base_number(original)
    for n in range(1, 1000):
        candidate = f"{base}-{n:03d}"
        if candidate not in used:
            return candidate
    raise ValueError(f"no reissue number left for {base}")
