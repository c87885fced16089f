"""The plan, the notice and a month's due list as XLSX: values only, no formulas.

Text that starts with "=" stays text (a customer named "=HYPERLINK(…)" is not a
formula) and control characters a spreadsheet cannot hold are dropped, as in the
statement export.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from counter.archive.recall import CustomerDue, DueDetail
from counter.archive.rules.due import due_state_label
from counter.i18n import _
from counter.spreadsheet import append_row
from printing.recall_data import NOTICE_TITLE, NoticeData, PlanData, RecallCustomer, plan_title

DATE = "yyyy-mm-dd"
_row = partial(append_row, date_format=DATE)  # dates shown as dates


def _book(title: str) -> tuple[Any, Any]:
    from openpyxl import Workbook  # loads slowly: only when a workbook is made

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    return book, sheet


def _header(sheet: Any, headers: Sequence[tuple[str, int]]) -> None:
    from openpyxl.styles import Font, PatternFill

    _row(sheet, [h for h, _w in headers])
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for index, (_h, width) in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(row, index).column_letter].width = width
    sheet.freeze_panes = f"A{row + 1}"


def _bytes(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _customer_rows(sheet: Any, customer: RecallCustomer) -> None:
    for label, value in (
        (_("单位名称"), customer.name),
        (_("单位地址"), customer.address),
        (_("联系人"), customer.contact),
        (_("电话"), customer.phone),
        (_("首问负责部门"), customer.owner_department),
    ):
        _row(sheet, [label, value])


def plan_xlsx(data: PlanData) -> bytes:
    title = plan_title(data.year, data.month)
    book, sheet = _book(title)
    _row(sheet, [data.institute.name])
    _row(sheet, [title])
    _customer_rows(sheet, data.customer)
    _row(sheet, [_("编制日期"), data.made_on])
    _row(sheet, [])
    _header(sheet, [
        (_("器具名称"), 20), (_("型号规格"), 14), (_("出厂编号"), 14), (_("测量范围"), 16),
        (_("准确度等级"), 10), (_("检定规程"), 18), (_("检定周期（月）"), 10),
        (_("上次检定"), 12), (_("下次检定"), 12), (_("负责部门"), 12), (_("备注"), 10),
    ])  # fmt: skip
    for r in data.rows:
        _row(sheet, [
            r.instrument, r.model, r.serial, r.measuring_range, r.accuracy_class, r.regulation,
            r.period_months, r.last_verified, r.next_due, r.department, r.remark,
        ])  # fmt: skip
    return _bytes(book)


def notice_xlsx(data: NoticeData) -> bytes:
    book, sheet = _book(NOTICE_TITLE)
    _row(sheet, [data.institute.name])
    _row(sheet, [NOTICE_TITLE, data.number])
    _customer_rows(sheet, data.customer)
    _row(sheet, [_("通知日期"), data.issued_on])
    _row(sheet, [])
    _header(sheet, [
        (_("使用地点"), 24), (_("器具名称"), 20), (_("型号规格"), 14), (_("出厂编号"), 14),
        (_("强管唯一性号"), 20), (_("上次检定"), 12), (_("检定周期（月）"), 10),
        (_("下次检定日期"), 12),
    ])  # fmt: skip
    for group in data.groups:
        for r in group.rows:
            _row(sheet, [
                group.address, r.instrument, r.model, r.serial, r.regulator_number,
                r.last_verified, r.period_months, r.next_due,
            ])  # fmt: skip
    return _bytes(book)


def due_xlsx(
    customers: Sequence[CustomerDue], details: Mapping[int, DueDetail], title: str
) -> bytes:
    """The due list, one row per entry with its customer (and its `due_details`): the batch
    run's summary."""
    book, sheet = _book(_("周检到期清单"))
    _row(sheet, [title])
    _row(sheet, [])
    _header(sheet, [
        (_("单位名称"), 28), (_("联系人"), 10), (_("电话"), 14), (_("地址"), 28),
        (_("首问负责部门"), 12), (_("器具名称"), 20), (_("型号规格"), 14), (_("出厂编号"), 14),
        (_("测量范围"), 16), (_("准确度等级"), 10), (_("检定规程"), 18),
        (_("检定周期（月）"), 10), (_("上次检定"), 12), (_("下次检定"), 12),
        (_("状态"), 12), (_("检定部门"), 12), (_("强检"), 6),
    ])  # fmt: skip
    yes = _("是")
    for c in customers:
        for e in c.entries:
            d = details[e.instrument_id]
            _row(sheet, [
                c.name, c.contact_name, c.phone, c.address, c.owner_department, e.name,
                d.model, e.serial, d.measuring_range, d.accuracy_class, d.regulation,
                d.period_months, e.last_verified, e.next_due, due_state_label(e.state),
                e.department, yes if e.compulsory else "",
            ])  # fmt: skip
    return _bytes(book)
