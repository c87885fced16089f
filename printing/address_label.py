"""The parcel's address label: one page the size of the label (100 × 150 mm unless told).

Top to bottom: the courier and the tracking number as Code 128 (so the courier's
scanner reads it off our label too), the recipient with phone and address, the
sender (the institute), and what is inside (handover number, item count).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from printing.barcodes import draw_code128, module_count
from printing.common import InstituteInfo
from printing.fonts import sans_font
from printing.pdf_doc import BOLD_STROKE, PT_PER_MM, draw_fitted, markup


@dataclass(frozen=True)
class LabelPage:
    width_mm: float = 100.0
    height_mm: float = 150.0


@dataclass(frozen=True)
class AddressLabelData:
    courier: str
    tracking_number: str
    recipient: str
    phone: str
    address: str
    sender: InstituteInfo
    release_number: str = ""
    contents: str = ""  # e.g. "计量器具 5 件（委托单 2026100001）"


def _paragraph(canvas: Any, text: str, x: float, top: float, width: float, size: float) -> float:
    """Draw wrapped text, bold, with its top at `top`; return the y of its bottom."""
    style = ParagraphStyle(
        "p", fontName=sans_font(), fontSize=size, leading=size * 1.3, wordWrap="CJK"
    )
    para = Paragraph(markup(text), style)
    _w, h = para.wrapOn(canvas, width, top)
    canvas.saveState()
    # synthetic bold: text render mode "fill, then stroke" stays set for the paragraph
    canvas.setLineWidth(size * BOLD_STROKE)
    canvas.addLiteral("2 Tr")
    para.drawOn(canvas, x, top - h)
    canvas.restoreState()
    return float(top - h)


def _rule(canvas: Any, y: float, left: float, right: float) -> None:
    canvas.setLineWidth(0.8)
    canvas.line(left, y, right, y)


def render_address_label_pdf(data: AddressLabelData, page: LabelPage = LabelPage()) -> bytes:
    """One label page; the tracking number's barcode is as wide as the label allows."""
    width, height = page.width_mm * PT_PER_MM, page.height_mm * PT_PER_MM
    margin = 4 * PT_PER_MM
    inner = width - 2 * margin
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setTitle(f"快递面单 {data.tracking_number}")
    canvas.setCreator("计量收发台")
    font = sans_font()
    size = min(10.5, height / 42)
    y = height - margin - size * 1.5
    draw_fitted(canvas, data.courier, margin, y, inner, font, size * 1.6, bold=True)
    # the barcode: at least 0.33 mm per module, never wider than the label
    bar_width = min(inner, max(inner * 0.8, module_count(data.tracking_number) * 0.33 * PT_PER_MM))
    bar_height = min(22 * PT_PER_MM, height * 0.15)
    y -= bar_height + size
    draw_code128(
        canvas, data.tracking_number, margin + (inner - bar_width) / 2, y, bar_width, bar_height
    )
    canvas.setFillGray(0)
    y -= size * 1.3
    draw_fitted(canvas, data.tracking_number, margin, y, inner, font, size * 1.3, "centre", True)
    y -= size * 0.9
    _rule(canvas, y, margin, width - margin)
    y -= size * 0.5
    y = _paragraph(canvas, f"收件人：{data.recipient}　{data.phone}", margin, y, inner, size * 1.4)
    y = _paragraph(canvas, f"地址：{data.address}", margin, y - size * 0.3, inner, size * 1.25)
    y -= size * 0.7
    _rule(canvas, y, margin, width - margin)
    y -= size * 0.5
    sender = data.sender
    y = _paragraph(canvas, f"寄件人：{sender.name}　{sender.phone}", margin, y, inner, size)
    if sender.address:
        y = _paragraph(canvas, f"地址：{sender.address}", margin, y, inner, size)
    if data.contents or data.release_number:
        y -= size * 0.7
        _rule(canvas, y, margin, width - margin)
        y -= size * 0.5
        inside = "　".join(
            x
            for x in (data.contents, f"交接单 {data.release_number}" if data.release_number else "")
            if x
        )
        _paragraph(canvas, f"内件：{inside}", margin, y, inner, size)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
