"""Instrument labels: PDF pages the size of the sticker, or ZPL II for thermal printers.

pdf = render_labels_pdf([LabelData(...), ...], LabelSize(60, 40))
zpl = render_labels_zpl([...])  # then printing.zpl_send.send_raw(host, port, zpl.encode())
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import draw_code128
from printing.common import fit_first
from printing.fonts import sans_font
from printing.label_layout import (
    DEFAULT_LABEL_SIZE,
    QUIET_ZONE_MODULES,
    LabelData,
    LabelLayout,
    LabelSize,
    TextRow,
    layout_label,
)
from printing.label_zpl import render_label_zpl, render_labels_zpl
from printing.pdf_doc import BOLD_STROKE, PT_PER_MM

__all__ = [
    "LabelData",
    "LabelSize",
    "render_label_zpl",
    "render_labels_pdf",
    "render_labels_zpl",
]

MIN_FONT_PT = 5.0


def _pt(mm: float) -> float:
    return mm * PT_PER_MM


def _draw_row(
    canvas: Any,
    row: TextRow,
    label_height: float,
    font: str,
    centred: bool = False,
    bold: bool = False,
) -> None:
    size = _pt(row.size)
    max_width = _pt(row.box.width)
    text, size = fit_first(
        row.choices,
        lambda s, z: float(stringWidth(s, font, z)),
        max_width,
        size,
        min(size, max(MIN_FONT_PT, size * 0.6)),
    )
    if not text:
        return
    x = _pt(row.box.x)
    if centred:
        x += (max_width - stringWidth(text, font, size)) / 2
    baseline = _pt(label_height - (row.box.top + row.box.height / 2)) - size * 0.35
    obj = canvas.beginText(x, baseline)
    obj.setFont(font, size)
    if bold:  # fake bold: fill and stroke the outline (the shipped sans has no bold face)
        obj.setTextRenderMode(2)
        canvas.setLineWidth(size * BOLD_STROKE)
    obj.textOut(text)
    canvas.drawText(obj)


def _draw_label(canvas: Any, label: LabelData, layout: LabelLayout) -> None:
    h = layout.height
    bar = layout.barcode
    draw_code128(
        canvas,
        label.item_number,
        _pt(bar.x),
        _pt(h - bar.top - bar.height),
        _pt(bar.width),
        _pt(bar.height),
        QUIET_ZONE_MODULES,
    )
    canvas.setFillGray(0)
    canvas.setStrokeGray(0)
    font = sans_font()  # every label text is bold sans, as institutes print them
    _draw_row(canvas, layout.human_readable, h, font, centred=True, bold=True)
    for row in layout.rows:
        _draw_row(canvas, row, h, font, bold=True)
    if layout.urgent is not None:
        box = layout.urgent.box
        canvas.rect(
            _pt(box.x),
            _pt(h - box.top - box.height),
            _pt(box.width),
            _pt(box.height),
            stroke=0,
            fill=1,
        )
        canvas.setFillGray(1)
        canvas.setStrokeGray(1)
        _draw_row(canvas, layout.urgent, h, font, centred=True, bold=True)
        canvas.setFillGray(0)
        canvas.setStrokeGray(0)


def render_labels_pdf(labels: Sequence[LabelData], size: LabelSize = DEFAULT_LABEL_SIZE) -> bytes:
    """One PDF page per label, each page exactly the label's size (for a label printer driver)."""
    if not labels:
        raise ValueError("no labels to render")
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(_pt(size.width_mm), _pt(size.height_mm)),
        pageCompression=0,
        invariant=1,
    )
    canvas.setTitle("仪器标签")
    canvas.setCreator("计量收发台")
    for label in labels:
        _draw_label(canvas, label, layout_label(label, size))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
