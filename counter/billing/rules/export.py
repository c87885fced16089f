"""The statement as an XLSX workbook: one sheet, numbers as numbers, no formulas.

Money cells hold yuan as exact decimals with two places ("#,##0.00"); the
"合计" row holds the total as a value (equal to the sum of the line cells),
so the file reads the same in any program, formulas evaluated or not.
"""

from __future__ import annotations

import io
from typing import Any

from counter.billing.rules.lines import total_of
from counter.billing.rules.pricing import PricedLine
from counter.billing.rules.statement import Statement
from counter.i18n import _
from counter.money import fen_to_yuan
from counter.spreadsheet import append_row

YUAN = "#,##0.00"


def _headers() -> list[tuple[str, int]]:
    """(header, column width in characters)."""
    return [
        (_("委托单号"), 14),
        (_("收件编号"), 18),
        (_("器具名称"), 22),
        (_("型号规格"), 16),
        (_("出厂编号"), 14),
        (_("服务"), 8),
        (_("收费代码"), 12),
        (_("等级/规格"), 12),
        (_("测量范围"), 14),
        (_("数量"), 6),
        (_("单位"), 6),
        (_("单价（元）"), 12),
        (_("加收（元）"), 12),
        (_("加收说明"), 30),
        (_("减免/加收（元）"), 14),
        (_("减免/加收原因"), 40),
        (_("金额（元）"), 12),
    ]


def _row(line: PricedLine) -> list[Any]:
    return [
        line.order_number,
        line.item_number,
        line.instrument,
        line.model,
        line.serial,
        line.group_label,
        line.fee_code,
        line.tier,
        line.fee_range,
        line.quantity,
        line.unit,
        fen_to_yuan(line.unit_price_fen),
        fen_to_yuan(total_of(line.addons)),
        _("；").join(a.reason for a in line.addons),
        fen_to_yuan(total_of(line.adjustments)),
        _("；").join(a.reason for a in line.adjustments),
        fen_to_yuan(line.amount_fen),
    ]


def statement_xlsx(statement: Statement) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook  # only when a statement is exported: it loads slowly
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("检定费专用清单")
    headers = _headers()
    money_cols = {12, 13, 15, 17}  # 1-based: unit price, add-ons, adjustments, amount
    append_row(sheet, [_("检定费专用清单")])
    sheet["A1"].font = Font(size=14, bold=True)
    customer = statement.customer
    for label, value in (
        (_("清单编号"), statement.number),
        (_("送检单位"), customer.name),
        (_("统一社会信用代码"), customer.credit_code),
        (_("委托单号"), _("、").join(statement.order_numbers)),
        (_("开具日期"), statement.date),
        (_("开票人"), statement.clerk),
    ):
        append_row(sheet, [label, value])
    sheet["B6"].number_format = "yyyy-mm-dd"
    append_row(sheet, [])
    append_row(sheet, [h for h, _w in headers])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for line in statement.lines:
        append_row(sheet, _row(line))
    total_row = [_("合计"), *[None] * (len(headers) - 2), fen_to_yuan(statement.total_fen)]
    append_row(sheet, total_row)
    append_row(sheet, [_("合计（大写）"), statement.total_capitals])
    append_row(sheet, [])
    for subtotal in statement.subtotals:
        append_row(
            sheet,
            [_("小计：{label}").format(label=subtotal.label), fen_to_yuan(subtotal.amount_fen)],
        )
        sheet.cell(sheet.max_row, 2).number_format = YUAN
    for row in sheet.iter_rows(
        min_row=header_row + 1, max_row=header_row + len(statement.lines) + 1
    ):
        for cell in row:
            if cell.column in money_cols:
                cell.number_format = YUAN
    for index, (_h, width) in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(header_row, index).column_letter].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
