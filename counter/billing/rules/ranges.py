"""Measuring ranges and units, as written in fee tables and on instruments.

Fee rows: "≤100 mm", "100–500 mm", "0–300 mm", ">5 t", "±30 μm", "3 m以下".
Items:    "0-2000mm", "0～150 mm", "(0~25)mm", "5m", "0-1.6 MPa".

Values are converted to a base unit per dimension (length in mm, mass in g,
pressure in Pa), so "≤5 m" and "0-2000mm" compare.  A unit this module does
not know is its own dimension: "10 points" compares only with points.  Text
without a number ("basic range", "") parses to None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache


@dataclass(frozen=True)
class Unit:
    symbol: str  # canonical: "m", "mm", "kg", "t" …
    dimension: str  # "length", "mass", "pressure", or the unit itself
    factor: Decimal  # base units per one of this unit


def _table() -> dict[str, Unit]:
    entries = (
        ("length", "μm", "0.001", ("μm", "um", "微米")),
        ("length", "mm", "1", ("mm", "millimetre", "millimeter", "毫米")),
        ("length", "cm", "10", ("cm", "厘米")),
        ("length", "m", "1000", ("m", "metre", "metres", "meter", "meters", "米")),
        ("length", "km", "1000000", ("km", "千米", "公里")),
        ("mass", "mg", "0.001", ("mg", "毫克")),
        ("mass", "g", "1", ("g", "克")),
        ("mass", "kg", "1000", ("kg", "kilogram", "千克", "公斤")),
        ("mass", "t", "1000000", ("t", "tonne", "tonnes", "ton", "吨")),
        ("pressure", "Pa", "1", ("pa", "帕")),
        ("pressure", "kPa", "1000", ("kpa", "千帕")),
        ("pressure", "MPa", "1000000", ("mpa", "兆帕")),
    )
    table: dict[str, Unit] = {}
    for dimension, symbol, factor, words in entries:
        for word in words:
            table[word.casefold()] = Unit(symbol, dimension, Decimal(factor))
    return table


_UNITS = _table()


def unit_of(word: str) -> Unit:
    """The unit for a word ("米", "metre", "mm"); unknown words are their own dimension."""
    key = normalise(word).casefold()
    known = _UNITS.get(key)
    return known if known is not None else Unit(key, key, Decimal(1))


def normalise(text: str) -> str:
    """NFKC (full-width → ASCII, "～" → "~", "µ" → "μ") without any whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Span:
    """An interval in base units; None = unbounded on that side."""

    dimension: str
    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        return not (
            self.high is not None and (value > self.high or (self.high_open and value == self.high))
        )

    @property
    def upper(self) -> Decimal | None:
        """The largest value in the span, or its lower bound when it is open upwards."""
        return self.high if self.high is not None else self.low


_NUM = r"-?\d+(?:\.\d+)?"
_UNIT = r"[^\d\s.,;:()<>=≤≥~±-]*"
_DASH = r"(?:-|–|—|~|至|到)"
_BETWEEN = re.compile(rf"({_NUM})({_UNIT}){_DASH}({_NUM})({_UNIT})")
_PLUS_MINUS = re.compile(rf"±({_NUM})({_UNIT})")
_PREFIXED = re.compile(rf"(<=|≤|<|>=|≥|>|不大于|不超过|小于|不小于|大于)({_NUM})({_UNIT})")
_SUFFIXED = re.compile(rf"({_NUM})({_UNIT}?)(及以下|以下|以内|及以上|以上)")
_SINGLE = re.compile(rf"({_NUM})({_UNIT})")

_PREFIX_BOUND = {
    "<=": ("high", False),
    "≤": ("high", False),
    "不大于": ("high", False),
    "不超过": ("high", False),
    "<": ("high", True),
    "小于": ("high", True),
    ">=": ("low", False),
    "≥": ("low", False),
    "不小于": ("low", False),
    ">": ("low", True),
    "大于": ("low", True),
}
_SUFFIX_BOUND = {
    "及以下": ("high", False),
    "以内": ("high", False),
    "以下": ("high", True),
    "及以上": ("low", False),
    "以上": ("low", True),
}


def _one_sided(number: str, unit_word: str, bound: tuple[str, bool]) -> Span:
    unit = unit_of(unit_word)
    value = Decimal(number) * unit.factor
    side, is_open = bound
    if side == "high":
        return Span(unit.dimension, None, value, high_open=is_open)
    return Span(unit.dimension, value, None, low_open=is_open)


@lru_cache(maxsize=4096)
def parse_span(text: str) -> Span | None:
    """The interval a range text names, or None when it has no number."""
    s = normalise(text).replace("(", "").replace(")", "")
    if match := _BETWEEN.fullmatch(s):
        low, low_unit, high, high_unit = match.groups()
        unit = unit_of(high_unit or low_unit)
        lower = unit_of(low_unit) if low_unit else unit
        if lower.dimension != unit.dimension:
            return None
        return Span(unit.dimension, Decimal(low) * lower.factor, Decimal(high) * unit.factor)
    if match := _PLUS_MINUS.fullmatch(s):
        unit = unit_of(match.group(2))
        value = Decimal(match.group(1)) * unit.factor
        return Span(unit.dimension, -value, value)
    if match := _PREFIXED.fullmatch(s):
        return _one_sided(match.group(2), match.group(3), _PREFIX_BOUND[match.group(1)])
    if match := _SUFFIXED.fullmatch(s):
        return _one_sided(match.group(1), match.group(2), _SUFFIX_BOUND[match.group(3)])
    if match := _SINGLE.fullmatch(s):
        unit = unit_of(match.group(2))
        return Span(unit.dimension, None, Decimal(match.group(1)) * unit.factor)
    return None


def upper_limit(text: str) -> tuple[str, Decimal] | None:
    """(dimension, value in base units) of the top of an item's measuring range.

    "0-2000mm" → ("length", 2000); "5m" → ("length", 5000); "" → None.
    """
    span = parse_span(text)
    if span is None or span.upper is None:
        return None
    return span.dimension, span.upper
