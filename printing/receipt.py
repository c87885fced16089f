"""The intake receipt (收件回执 / 取件凭证) handed to the customer: A5 or A4 portrait PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from printing import pdf_doc
from printing.fonts import serif_font
from printing.pdf_doc import (
    PT_PER_MM,
    Decorate,
    draw_fitted,
    markup,
    number_markup,
    numbered_canvas,
    page_head,
    page_label,
)
from printing.receipt_data import ReceiptData
from printing.receipt_table import items_table

TITLE = "收件回执 / 取件凭证"


@dataclass(frozen=True)
class _Metrics:
    margin: float
    body: float  # font sizes in points
    table: float
    title: float


_METRICS = {
    "A5": _Metrics(10 * PT_PER_MM, 8.5, 7.5, 14),
    "A4": _Metrics(14 * PT_PER_MM, 10, 8.5, 17),
}


def _styles(m: _Metrics) -> dict[str, ParagraphStyle]:
    font = serif_font()
    base = ParagraphStyle(
        "body", fontName=font, fontSize=m.body, leading=m.body * 1.35, wordWrap="CJK"
    )
    return {
        "body": base,
        "institute": ParagraphStyle(
            "institute",
            base,
            fontName=font,
            fontSize=m.title,
            leading=m.title * 1.3,
            alignment=TA_CENTER,
        ),
        "title": ParagraphStyle(
            "title", base, fontSize=m.body * 1.35, leading=m.body * 1.9, alignment=TA_CENTER
        ),
        "order": ParagraphStyle("order", base, fontSize=m.body * 1.1, leading=m.body * 2.0),
        "small": ParagraphStyle("small", base, fontSize=m.table, leading=m.table * 1.35),
    }


def _header(data: ReceiptData, styles: dict[str, ParagraphStyle], width: float) -> list[Any]:
    b = styles["body"]
    contact = "　".join(x for x in (data.customer_contact, data.customer_phone) if x.strip())
    info = [
        Paragraph(number_markup("委托单号", data.order_number, b.fontSize * 1.6), styles["order"]),
        Paragraph(f"送检单位：{markup(data.customer_name)}", b),
        Paragraph(f"联系人：{markup(contact) or '—'}", b),
        Paragraph(f"收件时间：{data.received_at:%Y-%m-%d %H:%M}　收件人：{markup(data.clerk)}", b),
    ]
    number = data.order_number
    return page_head(
        styles, data.institute.name, TITLE, info, number, width, code_share=0.45, bar_mm=12
    )


def _closing(data: ReceiptData, styles: dict[str, ParagraphStyle]) -> list[Any]:
    b, small = styles["body"], styles["small"]
    urgent = sum(1 for item in data.items if item.urgent)
    count = f"共 {len(data.items)} 件" + (f"（其中加急 {urgent} 件）" if urgent else "")
    lines = [
        Spacer(1, b.fontSize * 0.6),
        Paragraph(
            f"{count}　约定取件日期：<b>{data.promised_date.isoformat()}</b>"
            f"　取件方式：{markup(data.return_way)}",
            b,
        ),
    ]
    if data.note.strip():
        lines.append(Paragraph(f"备注：{markup(data.note)}", b))
    tail: list[Any] = []
    if data.institute.terms.strip():
        tail.append(Spacer(1, b.fontSize * 0.5))
        tail.append(Paragraph("须知：", small))
        tail += [
            Paragraph(markup(t), small)
            for t in data.institute.terms.strip().splitlines()
            if t.strip()
        ]
    signature = Table(
        [["客户签字", "", "日期", ""]],
        colWidths=[b.fontSize * 4.5, b.fontSize * 14, b.fontSize * 3, b.fontSize * 9],
        rowHeights=[b.fontSize * 2.6],
    )
    signature.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), serif_font(), b.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
            ]
        )
    )
    signature.hAlign = "LEFT"
    tail += [Spacer(1, b.fontSize * 0.8), signature]
    return [*lines, KeepTogether(tail)]


def _decorator(data: ReceiptData, m: _Metrics) -> Decorate:
    inst = data.institute
    footer_lines = [
        "　".join(
            x
            for x in (
                f"地址：{inst.address}" if inst.address else "",
                f"电话：{inst.phone}" if inst.phone else "",
            )
            if x
        ),
        f"授权证书号：{inst.authorisation_no}" if inst.authorisation_no else "",
    ]
    footer_lines = [line for line in footer_lines if line]
    font = serif_font()
    size = m.table

    def decorate(canvas: Any, page: int, total: int) -> None:
        width, _ = canvas._pagesize
        inner = width - 2 * m.margin
        canvas.saveState()
        canvas.setFillGray(0)
        canvas.setStrokeGray(0.4)
        canvas.setLineWidth(0.5)
        line_y = m.margin * 0.55 + size * 1.3 * max(1, len(footer_lines))
        canvas.line(m.margin, line_y, width - m.margin, line_y)
        number = page_label(page, total)
        number_width = size * 8
        y = line_y - size * 1.3
        for text in footer_lines:
            draw_fitted(canvas, text, m.margin, y, inner - number_width, font, size)
            y -= size * 1.3
        draw_fitted(
            canvas,
            number,
            width - m.margin - number_width,
            line_y - size * 1.3,
            number_width,
            font,
            size,
            "right",
        )
        if page > 1:
            _, height = canvas._pagesize
            head = f"{data.institute.name}　{TITLE}　委托单号 {data.order_number}（续）"
            draw_fitted(canvas, head, m.margin, height - m.margin * 0.75, inner, font, size)
        canvas.restoreState()

    return decorate


def render_receipt_pdf(data: ReceiptData, page_size: str = "A5") -> bytes:
    """The receipt as PDF bytes; "A5" or "A4" portrait. Long orders flow over several pages."""
    size = pdf_doc.page_size(page_size)
    m = _METRICS[page_size]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=m.margin,
        rightMargin=m.margin,
        topMargin=m.margin,
        bottomMargin=m.margin + m.table * 4.2,
        title=f"{TITLE} {data.order_number}",
        author=data.institute.name,
        creator="计量收发台",
        invariant=1,
    )
    styles = _styles(m)
    story = [
        *_header(data, styles, doc.width),
        items_table(data.items, doc.width, m.table),
        *_closing(data, styles),
    ]
    doc.build(story, canvasmaker=numbered_canvas(_decorator(data, m)))
    return buffer.getvalue()
