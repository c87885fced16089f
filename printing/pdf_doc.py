"""Building blocks for paged PDF documents: receipts, handover slips, certificates.

``numbered_canvas(decorate)`` gives platypus a canvas that knows the page count when
the document is finished, so every page can say "第 x 页 共 y 页".  ``page_head`` is the
first page's head every slip shares: institute, title, the facts and the number's barcode.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from printing.barcodes import draw_code128, module_count
from printing.common import fit_text
from printing.fonts import sans_font, serif_font

PT_PER_MM = 72 / 25.4
BOLD_STROKE = 0.04  # stroke width of synthetic bold, as a share of the font size
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "A5": A5}

#: ``decorate(canvas, page_number, page_count)`` draws headers and footers on a finished page.
Decorate = Callable[[Any, int, int], None]


def page_size(name: str) -> tuple[float, float]:
    """Portrait page size in points for "A4" or "A5"; anything else is a ``ValueError``."""
    try:
        return PAGE_SIZES[name]
    except KeyError:
        raise ValueError(
            f"unsupported page size {name!r}: use one of {', '.join(PAGE_SIZES)}"
        ) from None


def page_label(page: int, total: int) -> str:
    return f"第 {page} 页 共 {total} 页"


def markup(text: str) -> str:
    """Plain text → Paragraph markup: XML-escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in text.strip().splitlines())


class NumberedCanvas(Canvas):  # type: ignore[misc,unused-ignore]
    """Holds finished pages back until ``save()``, then decorates each with the page count."""

    def __init__(self, *args: Any, decorate: Decorate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pending: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pending.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pending)
        for state in self._pending:
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


def numbered_canvas(decorate: Decorate) -> Callable[..., NumberedCanvas]:
    """A ``canvasmaker`` for ``doc.build(story, canvasmaker=...)``."""
    return functools.partial(NumberedCanvas, decorate=decorate)


def footer_decorator(footer: str, continued: str, margin: float, size: float) -> Decorate:
    """Each page's footer line and "page N of M" at the bottom; from page 2 on, `continued`
    (the document's name and number, "（续）") at the top."""

    def decorate(canvas: Any, page: int, total: int) -> None:
        width, height = canvas._pagesize
        inner = width - 2 * margin
        canvas.saveState()
        canvas.setFillGray(0)
        y = margin * 0.6
        draw_fitted(canvas, footer, margin, y, inner - size * 8, serif_font(), size)
        label = page_label(page, total)
        draw_fitted(canvas, label, width - margin - size * 8, y, size * 8, serif_font(), size,
                    "right")  # fmt: skip
        if page > 1:
            draw_fitted(canvas, continued, margin, height - margin * 0.7, inner, serif_font(), size)
        canvas.restoreState()

    return decorate


def draw_fitted(
    canvas: Any,
    text: str,
    x: float,
    y: float,
    max_width: float,
    font: str,
    size: float,
    align: str = "left",
    bold: bool = False,
) -> None:
    """Draw one line at baseline ``y``, shrunk (down to 70 %) or cut so it fits ``max_width``.

    ``bold`` fills and strokes the outline: the shipped faces have no bold of their own.
    """
    text, size = fit_text(
        text, lambda s, z: float(stringWidth(s, font, z)), max_width, size, size * 0.7
    )
    canvas.setFont(font, size)
    mode = None
    if bold:
        canvas.saveState()
        canvas.setLineWidth(size * BOLD_STROKE)
        mode = 2
    if align == "right":
        canvas.drawRightString(x + max_width, y, text, mode=mode)
    elif align == "centre":
        canvas.drawCentredString(x + max_width / 2, y, text, mode=mode)
    else:
        canvas.drawString(x, y, text, mode=mode)
    if bold:
        canvas.restoreState()


class BarcodeFlowable(Flowable):  # type: ignore[misc,unused-ignore]
    """A Code 128 symbol with its text underneath, as a platypus flowable."""

    def __init__(
        self, code: str, max_width: float, bar_height: float, text_size: float = 8, font: str = ""
    ) -> None:
        super().__init__()
        self.code, self.font = code, font
        self.text_size = text_size
        self.bar_height = bar_height
        self.bar_width = min(max_width, module_count(code) * 0.45 * PT_PER_MM)
        self.width = self.bar_width
        self.height = bar_height + text_size * 1.3
        self.hAlign = "RIGHT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        draw_code128(canvas, self.code, 0, self.text_size * 1.3, self.bar_width, self.bar_height)
        canvas.setFillGray(0)
        draw_fitted(
            canvas,
            self.code,
            0,
            0.15 * self.text_size,
            self.bar_width,
            self.font or serif_font(),
            self.text_size,
            "centre",
        )


def number_markup(label: str, number: str, size: float) -> str:
    """The document's number after its label, at `size` in the sans face (委托单号 2026…)."""
    return f'{label} <font name="{sans_font()}" size="{size:.1f}">{markup(number)}</font>'


def page_head(
    styles: dict[str, ParagraphStyle],
    institute: str,
    title: str,
    info: Sequence[Flowable],
    number: str,
    width: float,
    *,
    code_share: float,
    bar_mm: float,
) -> list[Any]:
    """The institute, the title, then `info` beside the barcode of `number` (right-aligned).

    `code_share` of `width` is kept for the barcode, `bar_mm` high; styles "institute",
    "title" and "body" are the document's own.
    """
    size = styles["body"].fontSize
    code_width = width * code_share
    code = BarcodeFlowable(number, code_width, bar_mm * PT_PER_MM, size)
    block = Table([[list(info), code]], colWidths=[width - code_width, code_width])
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Paragraph(markup(institute), styles["institute"]),
        Paragraph(title, styles["title"]),
        block,
        Spacer(1, size * 0.6),
    ]
