"""Add-on rules of a fee-standard row, their text forms, and what they add to a line.

A closed set of three rules (docs/fees.md has the full grammar):

- `PerUnitOver`  base covers up to a bound; each further unit, or part of one, costs more
                 ("+5 per metre over 5 m", "超过5米每米加收5元")
- `PerExtra`     each extra measuring point or range costs more
                 ("+60 per extra point", "每增加一个量程加收90元")
- `PercentFor`   a percentage of the base when a named condition holds
                 ("+50% for AC/DC use", "交直流两用加收50%")

Several rules are separated by ";" or "；".  Amounts are yuan with at most two
decimals; `format_addons` writes the Chinese form, which parses back to the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import Literal, TypeAlias

from counter.billing.rules.lines import Adjustment
from counter.billing.rules.ranges import unit_of
from counter.i18n import _
from counter.money import fen_to_yuan, round_fen, yuan_to_fen

Extra: TypeAlias = Literal["point", "range"]


@dataclass(frozen=True)
class PerUnitOver:
    amount_fen: int  # per unit beyond the bound
    unit: str  # canonical unit symbol: "m", "mm", "kg", "t" …
    bound: Decimal  # in `unit`


@dataclass(frozen=True)
class PerExtra:
    amount_fen: int
    what: Extra


@dataclass(frozen=True)
class PercentFor:
    percent: Decimal  # of the base price
    condition: str  # as written in the fee table; the clerk ticks it on the line


AddOnRule: TypeAlias = PerUnitOver | PerExtra | PercentFor


@dataclass(frozen=True)
class AddOnInput:
    """What the rules need to know about one item."""

    measured: Decimal | None = None  # its size in the rule's unit (steel tape: length in m)
    extra_points: int = 0
    extra_ranges: int = 0
    conditions: frozenset[str] = field(default_factory=frozenset)  # conditions that hold


class AddOnError(ValueError):
    """Text that is not an add-on rule; the message says which part."""


_AMOUNT = r"[¥]?(\d+(?:\.\d{1,2})?)(?:元|yuan|cny)?"
_NUMBER = r"(\d+(?:\.\d+)?)"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unit_en", re.compile(rf"\+{_AMOUNT}per([a-zμ]+)(?:over|above|beyond){_NUMBER}([a-zμ]+)")),
    ("extra_en", re.compile(rf"\+{_AMOUNT}per(?:extra|additional)(point|range)s?")),
    ("percent_en", re.compile(rf"\+{_NUMBER}%(?:for|if|when)(.+)")),
    ("unit_zh", re.compile(rf"超(?:过|出){_NUMBER}(\D+?)(?:的部分)?,?每(\D+?)加收{_AMOUNT}")),
    (
        "extra_zh",
        re.compile(rf"每(?:增加|多)(?:一|1)?个?(量程|检定点|校准点|测量点|测试点|点)加收{_AMOUNT}"),
    ),
    ("percent_zh", re.compile(rf"(.+?)加收{_NUMBER}%")),
)
_EXTRA_WORDS: dict[str, Extra] = {"point": "point", "range": "range", "量程": "range"}


def _condition(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _per_unit(amount: str, per_word: str, bound: str, bound_word: str, part: str) -> PerUnitOver:
    per, over = unit_of(per_word), unit_of(bound_word)
    if per.dimension != over.dimension:
        raise AddOnError(_("加收规则的单位不一致：“{text}”").format(text=part))
    return PerUnitOver(yuan_to_fen(amount), per.symbol, Decimal(bound) * over.factor / per.factor)


def _parse_one(part: str) -> AddOnRule:
    compact = "".join(unicodedata.normalize("NFKC", part).split()).casefold()
    for form, pattern in _FORMS:
        match = pattern.fullmatch(compact)
        if match is None:
            continue
        g = match.groups()
        if form == "unit_en":
            return _per_unit(g[0], g[1], g[2], g[3], part)
        if form == "unit_zh":
            return _per_unit(g[3], g[2], g[0], g[1], part)
        if form in ("extra_en", "extra_zh"):
            word, amount = (g[1], g[0]) if form == "extra_en" else (g[0], g[1])
            return PerExtra(yuan_to_fen(amount), _EXTRA_WORDS.get(word, "point"))
        # percentages: the condition is kept as written (spacing tidied, case kept)
        text = unicodedata.normalize("NFKC", part)
        if form == "percent_en":
            number = g[0]
            after = text.split("%", 1)[1]
            condition = _condition(re.sub(r"(?i)^\s*(?:for|if|when)\b", "", after))
        else:
            number = g[1]
            condition = _condition(text.rsplit("加收", 1)[0])
        if not condition:
            break
        return PercentFor(Decimal(number), condition)
    raise AddOnError(_("无法识别的加收规则：“{text}”").format(text=part.strip()))


def parse_addons(text: str) -> tuple[AddOnRule, ...]:
    """All rules in `text` ("" → none); raises AddOnError naming the part it cannot read."""
    parts = [p for p in re.split(r"[;；]", text) if p.strip()]
    return tuple(_parse_one(p) for p in parts)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def unit_word(symbol: str) -> str:
    words = {"m": _("米"), "mm": _("毫米"), "cm": _("厘米"), "kg": _("千克"), "t": _("吨")}
    return words.get(symbol, symbol)


def format_addon(rule: AddOnRule) -> str:
    """The Chinese text form of a rule (parses back to the same rule)."""
    if isinstance(rule, PerUnitOver):
        unit = unit_word(rule.unit)
        return _("超过{bound}{unit}每{unit}加收{amount}元").format(
            bound=_plain(rule.bound), unit=unit, amount=_plain(fen_to_yuan(rule.amount_fen))
        )
    if isinstance(rule, PerExtra):
        what = _("量程") if rule.what == "range" else _("检定点")
        return _("每增加一个{what}加收{amount}元").format(
            what=what, amount=_plain(fen_to_yuan(rule.amount_fen))
        )
    return _("{condition}加收{percent}%").format(
        condition=rule.condition, percent=_plain(rule.percent)
    )


def format_addons(rules: tuple[AddOnRule, ...]) -> str:
    return "；".join(format_addon(r) for r in rules)


def _charge(rule: AddOnRule, unit_price_fen: int, item: AddOnInput) -> tuple[str, str, int]:
    """(code, detail, fen) for one instrument; fen 0 when the rule does not apply."""
    if isinstance(rule, PerUnitOver):
        if item.measured is None or item.measured <= rule.bound:
            return "addon_per_unit", "", 0
        units = int((item.measured - rule.bound).to_integral_value(rounding=ROUND_CEILING))
        detail = _("超出{n}{unit}").format(n=units, unit=unit_word(rule.unit))
        return "addon_per_unit", detail, units * rule.amount_fen
    if isinstance(rule, PerExtra):
        n = item.extra_ranges if rule.what == "range" else item.extra_points
        code = f"addon_extra_{rule.what}"
        return code, _("增加{n}个").format(n=n), max(n, 0) * rule.amount_fen
    wanted = _condition(rule.condition).casefold()
    holds = any(_condition(c).casefold() == wanted for c in item.conditions)
    amount = round_fen(Decimal(unit_price_fen) * rule.percent / 100) if holds else 0
    return "addon_percent", "", amount


def addon_charges(
    rules: tuple[AddOnRule, ...], unit_price_fen: int, quantity: int, item: AddOnInput
) -> tuple[Adjustment, ...]:
    """The add-ons that apply, each rounded to fen per instrument and times `quantity`.

    Percentages are of the base price only, never of other add-ons.
    """
    charges = []
    for rule in rules:
        code, detail, fen = _charge(rule, unit_price_fen, item)
        if fen <= 0:
            continue
        reason = format_addon(rule) + (_("（{detail}）").format(detail=detail) if detail else "")
        if quantity != 1:
            reason += _("×{n}").format(n=quantity)
        charges.append(Adjustment(code, reason, fen * quantity))
    return tuple(charges)
