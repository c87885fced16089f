"""Which fee row prices an instrument: by name, then accuracy class, then measuring range.

`propose_row` picks the tier the clerk would pick; `tiers_for` lists every row
of the same name so the clerk can choose another.  Rules, in order:

1. Rows whose instrument name equals the item's (after NFKC, spaces and case ignored).
2. If the item has an accuracy class and some rows' tier matches it, only those:
   "三/四等" matches "三等", "4等", "四等"; "0.1级" matches "0.1"; "J2/J6" matches "J6";
   "2″及以下" / "2″以上" compare numbers (以下/以上 exclusive, 及以下/及以上 inclusive).
3. If the item's measuring range has an upper limit ("0-2000mm" → 2000 mm) and some
   rows' ranges contain it, the one with the smallest upper bound ("≤100 mm" before
   "100–500 mm" for 100 mm; "1000–3000 mm" for 3000 mm).
4. Otherwise the first remaining row in schedule order.  (A 10 m steel tape gets the
   "≤5 m" row; its add-on prices the metres beyond.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from counter.billing.rules.addons import PerUnitOver
from counter.billing.rules.ranges import normalise, parse_span, unit_of, upper_limit
from counter.billing.rules.schedule import FeeRow

_ARABIC = str.maketrans("一二三四五六七八九十", "123456789X")  # X: 十 never used alone


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return normalise(name).casefold()


def _class_tokens(text: str) -> frozenset[str]:
    """ "三/四等" → {"3等", "4等"}; "0.1级" → {"0.1"}; "J2/J6" → {"j2", "j6"}."""
    parts = [p for p in re.split(r"[/、,;]", normalise(text).casefold()) if p]
    suffix = "等" if parts and parts[-1].endswith("等") else ""
    tokens = set()
    for part in parts:
        part = part.translate(_ARABIC).removesuffix("级")
        if suffix and not part.endswith(suffix):
            part += suffix
        tokens.add(part)
    return frozenset(tokens)


@lru_cache(maxsize=4096)
def class_matches(tier: str, accuracy_class: str) -> bool:
    """Whether the item's accuracy class falls in the row's tier."""
    if not tier.strip() or not accuracy_class.strip():
        return False
    if re.search(r"(以下|以上)$", normalise(tier)):
        span, item = parse_span(tier), upper_limit(accuracy_class)
        return span is not None and item is not None and span.contains(item[1])
    return bool(_class_tokens(tier) & _class_tokens(accuracy_class))


@dataclass(frozen=True)
class FeeIndex:
    """Rows grouped by instrument name, built once per schedule version."""

    by_name: Mapping[str, tuple[FeeRow, ...]]

    @classmethod
    def of(cls, rows: Sequence[FeeRow]) -> FeeIndex:
        groups: dict[str, list[FeeRow]] = {}
        for row in rows:
            groups.setdefault(_key(row.name), []).append(row)
        return cls({k: tuple(v) for k, v in groups.items()})


def tiers_for(rows: Sequence[FeeRow] | FeeIndex, instrument_name: str) -> tuple[FeeRow, ...]:
    """Every row for this instrument name, in schedule order."""
    if isinstance(rows, FeeIndex):
        return rows.by_name.get(_key(instrument_name), ())
    key = _key(instrument_name)
    return tuple(r for r in rows if _key(r.name) == key)


def _by_range(rows: tuple[FeeRow, ...], measuring_range: str) -> FeeRow | None:
    item = upper_limit(measuring_range)
    if item is None:
        return None
    dimension, value = item
    best: tuple[Decimal | None, FeeRow] | None = None
    for row in rows:
        span = parse_span(row.measuring_range)
        if span is None or span.dimension != dimension or not span.contains(value):
            continue
        if best is None or (span.high is not None and (best[0] is None or span.high < best[0])):
            best = (span.high, row)
    return best[1] if best else None


def propose_row(
    rows: Sequence[FeeRow] | FeeIndex,
    instrument_name: str,
    accuracy_class: str = "",
    measuring_range: str = "",
) -> FeeRow | None:
    """The fee row for an item, or None when the schedule has no row of that name."""
    candidates = tiers_for(rows, instrument_name)
    if not candidates:
        return None
    by_class = tuple(r for r in candidates if class_matches(r.tier, accuracy_class))
    narrowed = by_class or candidates
    return _by_range(narrowed, measuring_range) or narrowed[0]


def measured_for(row: FeeRow, measuring_range: str) -> Decimal | None:
    """The item's size in the unit of the row's per-unit add-on ("0-8m" → 8 for per metre)."""
    rule = next((a for a in row.addons if isinstance(a, PerUnitOver)), None)
    item = upper_limit(measuring_range)
    if rule is None or item is None:
        return None
    unit = unit_of(rule.unit)
    if unit.dimension != item[0]:
        return None
    return item[1] / unit.factor
