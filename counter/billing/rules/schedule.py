"""The fee standard (收费标准): rows by code and tier, imported from CSV/XLSX, versioned.

A row is code | instrument name | tier (accuracy class / spec) | measuring range
| unit | price | add-on rules.  The same name may have several rows (tiers);
code + tier + range is unique within a version.

Import is all or nothing: `import_schedule` returns either rows and no errors,
or errors (row by row) and no rows.  A version is in force from its
`effective_from` until the day before the next version starts (or until its
own `effective_to`); a statement uses the version in force on the order's date.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

from counter.billing.rules.addons import AddOnError, AddOnRule, format_addons, parse_addons
from counter.billing.rules.ranges import normalise
from counter.billing.rules.schedule_io import (
    HEADERS,
    REQUIRED,
    TableError,
    header_label,
    read_table,
)
from counter.errors import ValidationError
from counter.i18n import _
from counter.money import format_yuan, yuan_to_fen


@dataclass(frozen=True)
class FeeRow:
    code: str
    name: str
    tier: str
    measuring_range: str
    unit: str
    price_fen: int
    addons: tuple[AddOnRule, ...]
    effective_from: dt.date
    source: str = ""

    def describe(self) -> str:
        """One line for the clerk's tier list: "C001 量块 三/四等 ≤100 mm ¥50.00/块"."""
        parts = [self.code, self.name, self.tier, self.measuring_range]
        text = " ".join(p for p in parts if p) + f" {format_yuan(self.price_fen)}"
        text += f"/{self.unit}" if self.unit else ""
        return text + (f" {format_addons(self.addons)}" if self.addons else "")


@dataclass(frozen=True)
class RowError:
    row_number: int  # as the spreadsheet shows it; 1 = header row; 0 = the file itself
    column: str  # the column's header as written in the file (or its standard name)
    message: str


@dataclass(frozen=True)
class ScheduleImport:
    rows: tuple[FeeRow, ...]  # empty whenever there are errors: nothing is half-imported
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def _columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    aliases = {normalise(a).casefold(): key for key, names in HEADERS.items() for a in names}
    found: dict[str, int] = {}
    errors: list[RowError] = []
    for index, text in enumerate(header):
        key = aliases.get(normalise(text).casefold())
        if key is None:
            continue
        if key in found:
            message = _("列“{name}”重复").format(name=header_label(key))
            errors.append(RowError(1, text, message))
        found[key] = index
    for key in REQUIRED:
        if key not in found:
            message = _("缺少列“{name}”").format(name=header_label(key))
            errors.append(RowError(1, header_label(key), message))
    return found, errors


def _price(text: str) -> int | str:
    """Fen, or the reason the text is not a price."""
    if not text:
        return _("收费标准不能为空")
    try:
        fen = yuan_to_fen(text)
    except ValueError:
        return _("收费标准“{value}”不是有效金额（元，最多两位小数）").format(value=text)
    return _("收费标准不能为负数：{value}").format(value=text) if fen < 0 else fen


def _row(
    number: int, cells: list[str], cols: dict[str, int], header: list[str], on: dt.date
) -> FeeRow | list[RowError]:
    def cell(key: str) -> str:
        index = cols.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def where(key: str) -> str:
        return header[cols[key]] if key in cols else header_label(key)

    errors = []
    addons: tuple[AddOnRule, ...] = ()
    for key, message in (("code", _("收费代码不能为空")), ("name", _("器具名称不能为空"))):
        if not cell(key):
            errors.append(RowError(number, where(key), message))
    price = _price(cell("price"))
    if isinstance(price, str):
        errors.append(RowError(number, where("price"), price))
    try:
        addons = parse_addons(cell("add_on"))
    except AddOnError as error:
        errors.append(RowError(number, where("add_on"), str(error)))
    if errors or isinstance(price, str):
        return errors
    return FeeRow(
        code=cell("code"),
        name=cell("name"),
        tier=cell("tier"),
        measuring_range=cell("range"),
        unit=cell("unit"),
        price_fen=price,
        addons=addons,
        effective_from=on,
        source=cell("source"),
    )


def row_key(row: FeeRow) -> tuple[str, str, str]:
    """code + tier + measuring range, as compared for duplicates."""
    return (normalise(row.code).casefold(), normalise(row.tier), normalise(row.measuring_range))


def import_schedule(data: bytes, filename: str, effective_from: dt.date) -> ScheduleImport:
    """Read a fee standard from CSV or XLSX bytes; every problem is reported with its row."""
    try:
        table = read_table(data, filename)
    except TableError as error:
        return ScheduleImport((), (RowError(0, "", str(error)),))
    if not table:
        return ScheduleImport((), (RowError(0, "", _("文件中没有数据")),))
    (header_number, header), body = table[0], table[1:]
    cols, errors = _columns(header)
    if errors:
        return ScheduleImport((), tuple(errors))
    rows: list[FeeRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, cells in body:
        result = _row(number, cells, cols, header, effective_from)
        if isinstance(result, list):
            errors += result
            continue
        first = seen.setdefault(row_key(result), number)
        if first != number:
            message = _("与第 {row} 行重复（收费代码、等级/规格、测量范围都相同）").format(
                row=first
            )
            errors.append(RowError(number, header[cols["code"]], message))
        rows.append(result)
    if not rows and not errors:
        errors.append(RowError(header_number, "", _("文件中没有收费项目")))
    return ScheduleImport((), tuple(errors)) if errors else ScheduleImport(tuple(rows), ())


def starter_schedule(effective_from: dt.date) -> ScheduleImport:
    """The project's starter fee standard (counter/data/fee_schedule.csv)."""
    data = files("counter.data").joinpath("fee_schedule.csv").read_bytes()
    return import_schedule(data, "fee_schedule.csv", effective_from)


@dataclass(frozen=True)
class ScheduleVersion:
    effective_from: dt.date
    rows: tuple[FeeRow, ...]
    effective_to: dt.date | None = None  # last day; None = until the next version starts
    title: str = ""  # the fee standard's document, e.g. "粤价〔2012〕90号"

    def in_force(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


def version_in_force(
    versions: Sequence[ScheduleVersion], on_date: dt.date
) -> ScheduleVersion | None:
    """The version a statement for an order of `on_date` uses (the latest that started)."""
    started = [v for v in versions if v.in_force(on_date)]
    return max(started, key=lambda v: v.effective_from, default=None)


def version_problems(versions: Sequence[ScheduleVersion]) -> list[str]:
    """Why these versions cannot stand together; [] when they can."""
    problems = []
    ordered = sorted(versions, key=lambda v: v.effective_from)
    for version in ordered:
        day = version.effective_from.isoformat()
        if version.effective_to is not None and version.effective_to < version.effective_from:
            problems.append(_("{day} 起的收费标准截止日期早于生效日期").format(day=day))
        if not version.rows:
            problems.append(_("{day} 起的收费标准没有收费项目").format(day=day))
        if any(r.effective_from != version.effective_from for r in version.rows):
            problems.append(_("{day} 起的收费标准中有生效日期不同的收费项目").format(day=day))
    for earlier, later in itertools.pairwise(ordered):
        day = later.effective_from.isoformat()
        if earlier.effective_from == later.effective_from:
            problems.append(_("已有 {day} 生效的收费标准，生效日期不能重复").format(day=day))
        elif earlier.effective_to is not None and earlier.effective_to >= later.effective_from:
            problems.append(
                _("{first} 起的收费标准到 {end} 截止，与 {day} 起的收费标准重叠").format(
                    first=earlier.effective_from.isoformat(),
                    end=earlier.effective_to.isoformat(),
                    day=day,
                )
            )
    return problems


def check_versions(versions: Sequence[ScheduleVersion]) -> None:
    """Refuse versions that overlap or share an effective date (ValidationError)."""
    problems = version_problems(versions)
    if problems:
        raise ValidationError(problems)
