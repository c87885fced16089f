"""The receipt's item table: one row per instrument, header repeated on every page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, TableStyle

from printing.common import one_line
from printing.fonts import serif_font
from printing.pdf_doc import markup

if TYPE_CHECKING:
    from printing.receipt_data import ReceiptItem

HEADERS = (
    "序号",
    "收件编号",
    "器具名称",
    "型号规格",
    "出厂编号",
    "服务",
    "科室",
    "约定日期",
    "加急",
)
#: Columns that take the width their longest value needs (up to a share of the frame);
#: the remaining width is split among the free-text columns by these weights.
FITTED = {0: 0.06, 1: 0.22, 4: 0.18, 5: 0.1, 6: 0.12, 7: 0.15, 8: 0.07}
SHARED = {2: 0.6, 3: 0.4}
PADDING = 2.0


def _cell(text: str, width: float, style: ParagraphStyle) -> str | Paragraph:
    """A plain string when it fits on one line (fast), else a wrapping Paragraph."""
    text = one_line(text)
    if stringWidth(text, style.fontName, style.fontSize) <= width - 2 * PADDING:
        return text
    return Paragraph(markup(text), style)


def _column_widths(
    items: Sequence[ReceiptItem], width: float, font: str, size: float
) -> list[float]:
    values: dict[int, list[str]] = {
        0: [str(len(items))],
        1: [item.item_number for item in items],
        4: [item.serial for item in items],
        5: [item.service for item in items],
        6: [item.department for item in items],
        7: ["0000-00-00"],
        8: ["加急"],
    }
    widths = [0.0] * len(HEADERS)
    for col, share in FITTED.items():
        texts = [HEADERS[col], *(one_line(v) for v in values[col])]
        need = max(stringWidth(t, font, size) for t in texts) + 2 * PADDING + 0.5
        widths[col] = min(need, width * share)
    rest = width - sum(widths)
    for col, share in SHARED.items():
        widths[col] = rest * share
    return widths


def _name_cell(
    item: ReceiptItem, width: float, style: ParagraphStyle, note_style: ParagraphStyle
) -> Any:
    if not item.quantity_note.strip():
        return _cell(item.instrument_name, width, style)
    return [
        Paragraph(markup(one_line(item.instrument_name)), style),
        Paragraph(markup(one_line(item.quantity_note)), note_style),
    ]


def items_table(items: Sequence[ReceiptItem], width: float, font_size: float) -> LongTable:
    """Build the table; an empty order still shows the header and a "无" row."""
    font = serif_font()
    style = ParagraphStyle(
        "cell", fontName=font, fontSize=font_size, leading=font_size * 1.25, wordWrap="CJK"
    )
    note_style = ParagraphStyle(
        "note",
        style,
        fontSize=font_size * 0.85,
        leading=font_size * 1.1,
        textColor=colors.Color(0.25, 0.25, 0.25),
    )
    widths = _column_widths(items, width, font, font_size)
    rows: list[list[Any]] = [list(HEADERS)]
    for index, item in enumerate(items, start=1):
        rows.append(
            [
                str(index),
                _cell(item.item_number, widths[1], style),
                _name_cell(item, widths[2], style, note_style),
                _cell(item.model, widths[3], style),
                _cell(item.serial, widths[4], style),
                _cell(item.service, widths[5], style),
                _cell(item.department, widths[6], style),
                item.promised_date.isoformat(),
                "加急" if item.urgent else "",
            ]
        )
    if not items:
        rows.append(["", "无", "", "", "", "", "", "", ""])
    table = LongTable(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, font_size, font_size * 1.25),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.35, 0.35, 0.35)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("ALIGN", (-1, 0), (-1, -1), "CENTER"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.0),
            ]
        )
    )
    return table
