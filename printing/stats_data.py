"""What a printed statistics report holds: every cell already a string (frozen, no domain)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatsPrintTable:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    right: frozenset[int] = frozenset()  # columns of numbers, aligned right


@dataclass(frozen=True)
class StatsPrint:
    institute: str
    title: str
    filters: str
    made_on: str
    tables: tuple[StatsPrintTable, ...]
