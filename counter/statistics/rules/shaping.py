"""Pure shaping of figures the database computed: percentiles from a histogram, rates,
year over year, and the `Table` every report is made of."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Cell = int | float | str | None


@dataclass(frozen=True)
class Table:
    """One block of a report: a title, column headings, rows of plain values.

    `money` lists the columns that hold integer fen (shown as yuan), `rates` the
    columns that hold a share between 0 and 1 (shown as a percentage).
    """

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    money: frozenset[int] = frozenset()
    rates: frozenset[int] = frozenset()
    note: str = ""

    def column(self, name: str) -> list[Cell]:
        k = self.columns.index(name)
        return [r[k] for r in self.rows]


@dataclass(frozen=True)
class Report:
    kind: str
    title: str
    tables: tuple[Table, ...]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def rate(part: int, whole: int) -> float | None:
    """part / whole, rounded to 4 places; None when there is nothing to divide by."""
    if whole <= 0:
        return None
    return round(part / whole, 4)


def percentile(histogram: Sequence[tuple[int, int]], q: float) -> int | None:
    """The nearest-rank q-th percentile (0 < q <= 1) of values given as (value, count)."""
    if not 0 < q <= 1:
        raise ValueError("q must be in (0, 1]")
    ordered = sorted((v, c) for v, c in histogram if c > 0)
    total = sum(c for _v, c in ordered)
    if total == 0:
        return None
    rank = max(1, -(-int(q * total * 1_000_000) // 1_000_000))  # ceil without float drift
    seen = 0
    for value, count in ordered:
        seen += count
        if seen >= rank:
            return value
    return ordered[-1][0]


def median(histogram: Sequence[tuple[int, int]]) -> int | None:
    return percentile(histogram, 0.5)


def change(this: int, last: int) -> float | None:
    """Year over year: (this - last) / last; None when last year had nothing."""
    if last == 0:
        return None
    return round((this - last) / last, 4)


def merge_years(
    this: Sequence[tuple[Any, ...]], last: Sequence[tuple[Any, ...]], keys: int
) -> list[tuple[Any, ...]]:
    """Rows keyed by their first `keys` values with one number each → key…, this, last, change."""
    now = {tuple(r[:keys]): int(r[keys]) for r in this}
    before = {tuple(r[:keys]): int(r[keys]) for r in last}
    out = []
    for key in sorted(set(now) | set(before), key=lambda k: tuple(str(x) for x in k)):
        a, b = now.get(key, 0), before.get(key, 0)
        out.append((*key, a, b, change(a, b)))
    return out


def cumulate(counts: Sequence[int]) -> list[int]:
    out, total = [], 0
    for c in counts:
        total += c
        out.append(total)
    return out


def merge_cells(
    first: Mapping[tuple[str, str], tuple[int, ...]],
    second: Mapping[tuple[str, str], tuple[int, ...]],
    order: Mapping[str, int],
    widths: tuple[int, int],
) -> list[tuple[Any, ...]]:
    """Rows keyed (name, month) from two queries side by side (`widths` values each), zeros
    where one has none; ordered by `order` of the name, then month."""
    width_a, width_b = widths
    keys = sorted(set(first) | set(second), key=lambda k: (order.get(k[0], len(order)), k))
    out = []
    for key in keys:
        a = first.get(key) or (0,) * width_a
        b = second.get(key) or (0,) * width_b
        out.append((*key, *a, *b))
    return out
