"""A ledger spreadsheet's rows read into entries: headings, cells, duplicates (pure).

The heading row is the first of the first ten rows with a 器具名称 cell; columns
are recognised by their e-CQS heading (or a common variant) and the rest are
ignored.  Each row's instrument type is the catalogue type named exactly in
目录器具名称, else in 器具名称, else in 种别, else in 项别.  Every cell is checked
and every fault becomes a `RowError` naming the row and the column; the same type
and serial on two rows is an error naming both.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from counter.archive.rules.ledger_columns import (
    ECQS_COLUMNS,
    EXTRA_COLUMNS,
    RESULTS,
    STATUSES,
    USE_BY_NAME,
    VERIFY_MODES,
    is_division_code,
)
from counter.archive.rules.ledger_form import (
    MAX_QUANTITY,
    USE_CODES,
    VERIFY_MODE_CODES,
    column_label,
    division_message,
    quantity_message,
    use_message,
)
from counter.i18n import _
from counter.spreadsheet import ILLEGAL

HEADER_SEARCH_ROWS = 10
#: headings other spreadsheets use for the same columns
ALIASES: dict[str, str] = {
    "计量器具名称": "name",
    "规格型号": "model",
    "型号": "model",
    "出厂号": "serial",
    "器具编号": "serial",
    "制造厂": "manufacturer",
    "制造单位": "manufacturer",
    "生产厂商": "manufacturer",
    "安装地点": "location",
    "使用地点": "location",
    "安装使用地点": "location",
    "行政区划代码": "division_code",
    "检定方式": "verify_mode",
    "强管唯一号": "regulator_number",
}
TEXT = (
    "name",
    "category",
    "kind",
    "model",
    "measuring_range",
    "accuracy_class",
    "serial",
    "manufacturer",
    "origin",
    "location",
    "regulator_number",
    "last_certificate",
    "status_reason",
)
DATES = ("last_verified", "valid_until", "status_date")
_RESULT_CODES = frozenset(RESULTS.values())
_STATUS_CODES = frozenset(STATUSES.values())
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00)?)?")


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet shows it; 0: the file as a whole
    column: str  # the heading; "" for the row as a whole
    message: str


def row_error_text(error: RowError) -> str:
    if error.row <= 0:
        return error.message
    if error.column:
        return _("第 {row} 行 列 {column}：{message}").format(
            row=error.row, column=error.column, message=error.message
        )
    return _("第 {row} 行：{message}").format(row=error.row, message=error.message)


@dataclass(frozen=True)
class LedgerRow:
    row: int
    type_id: int
    serial: str
    values: Mapping[str, object]  # field → parsed value, for the columns the file has


@dataclass(frozen=True)
class ParsedTable:
    rows: tuple[LedgerRow, ...]
    errors: tuple[RowError, ...]
    columns: frozenset[str]  # the ledger fields the file has a column for


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("*", "").casefold()


_FIELDS = {_key(h): f for h, f in (*ECQS_COLUMNS, *EXTRA_COLUMNS)} | {
    _key(h): f for h, f in ALIASES.items()
}


def parse_date(text: str) -> dt.date | None:
    """2024-01-31, 2024/1/31, 2024.1.31, 2024年1月31日, 20240131; ValueError otherwise."""
    if not text:
        return None
    if len(text) == 8 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    return dt.date(*(int(g) for g in match.groups()))


def _header(table: Sequence[tuple[int, list[str]]]) -> tuple[int, dict[int, str], list[RowError]]:
    for index, (number, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        keys = [_key(c) for c in cells]
        if _key("器具名称") not in keys:
            continue
        columns: dict[int, str] = {}
        errors = []
        seen: dict[str, int] = {}
        for position, key in enumerate(keys):
            field = _FIELDS.get(key)
            if field is None:
                continue
            if field in seen:
                message = _("与第 {n} 列重复").format(n=seen[field] + 1)
                errors.append(RowError(number, cells[position], message))
            seen[field] = position
            columns[position] = field
        return index, columns, errors
    message = _("找不到表头：前 {n} 行中没有“器具名称”列").format(n=HEADER_SEARCH_ROWS)
    return -1, {}, [RowError(0, "", message)]


def _cell(field: str, text: str, limits: Mapping[str, int]) -> object:
    """The parsed value; ValueError with the message when the cell is wrong."""
    if ILLEGAL.search(text):
        raise ValueError(_("含有不可见的控制字符"))
    limit = limits.get(field)
    if limit is not None and len(text) > limit:
        raise ValueError(_("内容过长（最多 {n} 个字符）").format(n=limit))
    if field in TEXT or field in ("type_name", "next_due"):
        return text
    if field == "division_code":
        if text and not is_division_code(text):
            raise ValueError(division_message(text))
        return text
    if field == "quantity":
        if not text:
            return 1
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_QUANTITY:
            raise ValueError(quantity_message())
        return int(text)
    if field == "use":
        code = USE_BY_NAME.get(text, text if text in USE_CODES else None)
        if code is None:
            raise ValueError(use_message(text))
        return code
    if field == "verify_mode":
        code = VERIFY_MODES.get(text, text if text in VERIFY_MODE_CODES else None)
        if code is None:
            raise ValueError(_("送检方式应为“送检”或“现场检定”"))
        return code
    if field == "last_result":
        if text not in RESULTS and text not in _RESULT_CODES:
            raise ValueError(_("检定结论应为“合格”或“不合格”，或留空"))
        return RESULTS.get(text, text)
    if field == "status":
        if text not in STATUSES and text not in _STATUS_CODES:
            raise ValueError(_("状态应为“在用”“停用”或“报废”"))
        return STATUSES.get(text, text)
    try:
        return parse_date(text)
    except ValueError:
        raise ValueError(_("“{text}”不是日期，应写作 2024-01-31").format(text=text)) from None


def _type_of(
    values: Mapping[str, object], types: Mapping[str, int]
) -> tuple[int | None, RowError | None]:
    named = str(values.get("type_name", ""))
    if named:
        found = types.get(named)
        message = _("“{name}”不在器具目录中").format(name=named)
        return found, None if found else RowError(0, column_label("type_name"), message)
    for field in ("name", "kind", "category"):
        found = types.get(str(values.get(field, "")))
        if found is not None:
            return found, None
    message = _("“{name}”不在器具目录中，种别和项别也没有对应目录中的器具").format(
        name=values.get("name", "")
    )
    return None, RowError(0, column_label("name"), message)


def _row(
    number: int,
    cells: list[str],
    columns: Mapping[int, str],
    types: Mapping[str, int],
    limits: Mapping[str, int],
) -> tuple[LedgerRow | None, list[RowError]]:
    values: dict[str, object] = {}
    errors: list[RowError] = []
    for position, field in columns.items():
        text = cells[position].strip() if position < len(cells) else ""
        try:
            values[field] = _cell(field, text, limits)
        except ValueError as error:
            errors.append(RowError(number, column_label(field), str(error)))
    verified, valid = values.get("last_verified"), values.get("valid_until")
    if isinstance(verified, dt.date) and isinstance(valid, dt.date) and valid < verified:
        message = _("有效期不能早于最近检定日期")
        errors.append(RowError(number, column_label("valid_until"), message))
    if values.get("status", "in_use") != "in_use" and not values.get("status_reason"):
        message = _("停用或报废须写明原因")
        errors.append(RowError(number, column_label("status_reason"), message))
    type_id, wrong = _type_of(values, types)
    if wrong is not None:
        errors.append(RowError(number, wrong.column, wrong.message))
    values.pop("next_due", None)  # always computed again
    if errors or type_id is None:
        return None, errors
    return LedgerRow(number, type_id, str(values.get("serial", "")), values), []


def parse_ledger_rows(
    table: Sequence[tuple[int, list[str]]],
    types: Mapping[str, int],
    limits: Mapping[str, int],
) -> ParsedTable:
    """`table`: non-empty rows with their numbers; `types`: catalogue name → type id;
    `limits`: field → the longest text the database keeps."""
    start, columns, errors = _header(table)
    if start < 0:
        return ParsedTable((), tuple(errors), frozenset())
    rows: list[LedgerRow] = []
    first: dict[tuple[int, str], int] = {}
    for number, cells in table[start + 1 :]:
        row, problems = _row(number, cells, columns, types, limits)
        errors.extend(problems)
        if row is None:
            continue
        key = (row.type_id, row.serial)
        if key in first:
            message = _("与第 {first} 行是同一器具（同一器具名称和出厂编号“{serial}”）").format(
                first=first[key], serial=row.serial
            )
            errors.append(RowError(number, column_label("serial"), message))
            continue
        first[key] = number
        rows.append(row)
    if not rows and not errors:
        errors.append(RowError(0, "", _("文件中没有台账数据行")))
    return ParsedTable(tuple(rows), tuple(errors), frozenset(columns.values()))
