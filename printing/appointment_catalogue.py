"""The 《强检计量器具检定预约分类表》 and 《强检计量器具检定预约目录》 as PDF (A4 landscape).

One table per document, the header row repeated on every page, "第 x 页 共 y 页" below.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from printing.common import InstituteInfo, one_line
from printing.fonts import serif_font
from printing.pdf_doc import PT_PER_MM, Decorate, draw_fitted, markup, numbered_canvas, page_label

CLASSIFICATION_TITLE = "强检计量器具检定预约分类表"
CATALOGUE_TITLE = "强检计量器具检定预约目录"
MARGIN = 12 * PT_PER_MM
BODY = 10.0
CELL = 8.5


@dataclass(frozen=True)
class TableDocument:
    """A titled table: `weights` are the relative column widths (the first is 序号)."""

    institute: InstituteInfo
    title: str
    headers: tuple[str, ...]
    weights: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]
    made_on: datetime.date
    note: str = ""


def _decorator(data: TableDocument) -> Decorate:
    font = serif_font()

    def decorate(canvas: Any, page: int, total: int) -> None:
        width, height = canvas._pagesize
        inner = width - 2 * MARGIN
        canvas.saveState()
        draw_fitted(
            canvas, page_label(page, total), MARGIN, MARGIN * 0.6, inner, font, CELL, "right"
        )
        if page > 1:
            text = f"{data.institute.name}　{data.title}（续）"
            draw_fitted(canvas, text, MARGIN, height - MARGIN * 0.7, inner, font, CELL)
        canvas.restoreState()

    return decorate


def render_table_pdf(data: TableDocument) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + CELL * 2,
        title=data.title,
        author=data.institute.name,
        creator="计量收发台",
        invariant=1,
    )
    font = serif_font()
    body = ParagraphStyle("body", fontName=font, fontSize=BODY, leading=BODY * 1.4, wordWrap="CJK")
    cell = ParagraphStyle("cell", body, fontSize=CELL, leading=CELL * 1.25)
    big = ParagraphStyle("big", body, fontSize=15, leading=20, alignment=TA_CENTER)
    title = ParagraphStyle("title", body, fontSize=14, leading=22, alignment=TA_CENTER)
    widths = [w * doc.width / sum(data.weights) for w in data.weights]
    rows: list[list[Any]] = [list(data.headers)]
    for n, row in enumerate(data.rows, 1):
        rows.append([str(n), *(Paragraph(markup(one_line(t)), cell) for t in row)])
    if not data.rows:
        rows.append(["", "无", *[""] * (len(data.headers) - 2)])
    table = LongTable(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, CELL, CELL * 1.25),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.35, 0.35, 0.35)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ]
        )
    )
    story: list[Any] = [
        Paragraph(markup(data.institute.name), big),
        Paragraph(data.title, title),
        Paragraph(f"编制日期：{data.made_on.isoformat()}", body),
        Spacer(1, 4),
        table,
    ]
    if data.note.strip():
        story += [Spacer(1, 6), Paragraph(markup(data.note), body)]
    doc.build(story, canvasmaker=numbered_canvas(_decorator(data)))
    return buffer.getvalue()
