"""A statistics report as PDF (A4 landscape): the institute, the title, the filter, then
each table with its header repeated on every page it spans; "第 x 页 共 y 页" below.
Text goes through the shipped (or chosen) font's glyph check like every printout."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from printing.common import one_line
from printing.fonts import serif_font
from printing.pdf_doc import PT_PER_MM, draw_fitted, markup, numbered_canvas, page_label
from printing.stats_data import StatsPrint, StatsPrintTable

MARGIN = 12 * PT_PER_MM
BODY, TABLE = 9.5, 8.0
PAD = 2.0


def _styles() -> dict[str, ParagraphStyle]:
    font = serif_font()
    body = ParagraphStyle("body", fontName=font, fontSize=BODY, leading=BODY * 1.4, wordWrap="CJK")
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontSize=14, leading=22, alignment=TA_CENTER),
        "head": ParagraphStyle("head", body, fontSize=11, leading=16),
        "cell": ParagraphStyle("cell", body, fontSize=TABLE, leading=TABLE * 1.25),
    }


def _cell(text: str, width: float, style: ParagraphStyle) -> Any:
    text = one_line(text)
    if stringWidth(text, style.fontName, style.fontSize) <= width - 2 * PAD:
        return text
    return Paragraph(markup(text), style)


def _table(t: StatsPrintTable, width: float, cell: ParagraphStyle) -> LongTable:
    widths = [width / len(t.columns)] * len(t.columns)
    body: list[list[Any]] = [[_cell(c, w, cell) for c, w in zip(t.columns, widths, strict=True)]]
    for row in t.rows:
        body.append([_cell(v, w, cell) for v, w in zip(row, widths, strict=True)])
    if not t.rows:
        body.append(["无", *[""] * (len(t.columns) - 1)])
    table = LongTable(body, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), cell.fontName, TABLE, TABLE * 1.25),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.35, 0.35, 0.35)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        *(("ALIGN", (k, 1), (k, -1), "RIGHT") for k in sorted(t.right)),
    ]))  # fmt: skip
    return table


def render_stats_pdf(data: StatsPrint) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + TABLE * 3, title=data.title, author=data.institute,
        creator="计量收发台", invariant=1,
    )  # fmt: skip
    st = _styles()
    story: list[Any] = [
        Paragraph(markup(data.institute), st["title"]),
        Paragraph(markup(data.title), st["title"]),
        Paragraph(markup(data.filters), st["body"]),
        Paragraph(f"编制日期：{markup(data.made_on)}", st["body"]),
    ]
    for t in data.tables:
        story += [Spacer(1, 6), Paragraph(markup(t.title), st["head"])]
        story.append(_table(t, doc.width, st["cell"]))
        if t.note:
            story.append(Paragraph(markup(t.note), st["body"]))
    font = serif_font()

    def decorate(canvas: Any, page: int, total: int) -> None:
        width, _height = canvas._pagesize
        canvas.saveState()
        draw_fitted(canvas, page_label(page, total), MARGIN, MARGIN * 0.6, width - 2 * MARGIN,
                    font, TABLE - 0.5, "right")  # fmt: skip
        canvas.restoreState()

    doc.build(story, canvasmaker=numbered_canvas(decorate))
    return buffer.getvalue()
