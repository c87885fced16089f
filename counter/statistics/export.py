"""A report as XLSX (one sheet per table, values only) and as the frozen data the PDF
printer takes.  Money is written in yuan with two decimals, shares as percentages; every
other number exactly as computed."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from sqlalchemy.orm import Session

from counter.admin.settings import load_settings
from counter.i18n import _
from counter.money import format_yuan
from counter.spreadsheet import append_row
from counter.statistics.rules.filters import StatFilter
from counter.statistics.rules.shaping import Cell, Report, Table
from printing.stats_data import StatsPrint, StatsPrintTable
from printing.stats_pdf import render_stats_pdf

MONEY = "#,##0.00"
RATE = "0.00%"


def cell_value(table: Table, column: int, value: Cell) -> Cell:
    """The value as the spreadsheet holds it (money in yuan)."""
    if column in table.money and isinstance(value, int):
        return value / 100
    return value


def filter_text(f: StatFilter) -> str:
    parts = [_("统计期间：{start} 至 {end}").format(start=f.start, end=f.end)]
    if f.department_ids:
        parts.append(_("科室编号：{ids}").format(ids=",".join(map(str, f.department_ids))))
    for label, value in ((_("行业"), f.sector), (_("地区代码"), f.division_prefix),
                         (_("服务"), f.service)):  # fmt: skip
        if value:
            parts.append(f"{label}：{value}")
    if f.customer_id is not None:
        parts.append(_("客户编号：{id}").format(id=f.customer_id))
    return "；".join(parts)


def report_xlsx(report: Report, f: StatFilter) -> bytes:
    from openpyxl import Workbook  # loads slowly: only when a workbook is made

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    used: set[str] = set()
    for table in report.tables:
        sheet = book.create_sheet(_sheet_name(table.title, used))
        append_row(sheet, [report.title, table.title])
        append_row(sheet, [filter_text(f)])
        append_row(sheet, list(table.columns))
        for row in table.rows:
            append_row(sheet, [cell_value(table, k, v) for k, v in enumerate(row)])
            _formats(sheet, table)
        if table.note:
            append_row(sheet, [table.note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _formats(sheet: Any, table: Table) -> None:
    for k, cell in enumerate(sheet[sheet.max_row]):
        if k in table.money:
            cell.number_format = MONEY
        elif k in table.rates:
            cell.number_format = RATE


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28]
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:26]}_{n}"
    used.add(name)
    return name


def _text(table: Table, column: int, value: Cell) -> str:
    if value is None:
        return "—"
    if column in table.money and isinstance(value, int):
        return format_yuan(value)
    if column in table.rates and isinstance(value, float):
        return f"{value * 100:.2f}%"
    return str(value)


def print_data(report: Report, f: StatFilter, institute: str, made_on: str) -> StatsPrint:
    """The report as the PDF printer takes it: every cell already a string."""
    tables = tuple(
        StatsPrintTable(
            t.title,
            t.columns,
            tuple(tuple(_text(t, k, v) for k, v in enumerate(row)) for row in t.rows),
            t.note,
            frozenset(
                k
                for k in range(len(t.columns))
                if any(isinstance(r[k], int | float) for r in t.rows)
            ),
        )
        for t in report.tables
    )
    return StatsPrint(institute, report.title, filter_text(f), made_on, tables)


def report_pdf(session: Session, report: Report, f: StatFilter, today: dt.date) -> bytes:
    """The report printed (A4 landscape) under the institute's name."""
    name = load_settings(session).institute_name
    return render_stats_pdf(print_data(report, f, name, today.isoformat()))
