"""The receipt's item table: one row per instrument, header repeated on every page.

`ItemsTable` draws it straight on the canvas, as reportlab's table would with the
table style below: each cell is measured and wrapped once, where the table measured
every remaining row again at every page break and wrapped each again to draw it
(about two thirds of the receipt's time for 50 items).  A row too tall to fit under
the header on a fresh page is left to reportlab's `LongTable`, which splits inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import dumbSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

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
TOP_PADDING, BOTTOM_PADDING = 1.5, 2.0
HEADER_GREY = colors.Color(0.88, 0.88, 0.88)
GRID_GREY = colors.Color(0.35, 0.35, 0.35)
GRID_WIDTH = 0.4
CENTRED_COLUMNS = (0, len(HEADERS) - 1)


@dataclass(frozen=True)
class Wrapped:
    """Plain text broken into lines as a CJK-wrapped `Paragraph` of ``style`` breaks it
    (`wordSplit`'s `dumbSplit` on the same widths), without parsing it as markup."""

    text: str
    lines: tuple[str, ...]
    style: ParagraphStyle

    @property
    def height(self) -> float:
        return float(len(self.lines) * self.style.leading)

    def paragraph(self) -> Paragraph:
        return Paragraph(markup(self.text), self.style)


class _CharWidths(dict[str, float]):
    """Each character's width in one font and size, measured once per table (wrapping
    measures every character of every long cell, mostly the same digits and letters)."""

    def __init__(self, style: ParagraphStyle) -> None:
        super().__init__()
        self.font, self.size = style.fontName, style.fontSize

    def __missing__(self, ch: str) -> float:
        width = self[ch] = float(stringWidth(ch, self.font, self.size))
        return width


def _cell(text: str, width: float, style: ParagraphStyle, chars: _CharWidths) -> str | Wrapped:
    """A plain string when it fits on one line (fast), else its wrapped lines."""
    text = one_line(text)
    inner = width - 2 * PADDING
    if stringWidth(text, style.fontName, style.fontSize) <= inner:
        return text
    lines = dumbSplit(text, [chars[ch] for ch in text], [inner, inner])
    return Wrapped(text, tuple(line for _, line in lines), style)


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
    item: ReceiptItem,
    width: float,
    style: ParagraphStyle,
    note_style: ParagraphStyle,
    chars: _CharWidths,
) -> Any:
    if not item.quantity_note.strip():
        return _cell(item.instrument_name, width, style, chars)
    return [
        Paragraph(markup(one_line(item.instrument_name)), style),
        Paragraph(markup(one_line(item.quantity_note)), note_style),
    ]


def items_table(items: Sequence[ReceiptItem], width: float, font_size: float) -> ItemsTable:
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
    chars = _CharWidths(style)
    rows: list[list[Any]] = [list(HEADERS)]
    for index, item in enumerate(items, start=1):
        rows.append(
            [
                str(index),
                _cell(item.item_number, widths[1], style, chars),
                _name_cell(item, widths[2], style, note_style, chars),
                _cell(item.model, widths[3], style, chars),
                _cell(item.serial, widths[4], style, chars),
                _cell(item.service, widths[5], style, chars),
                _cell(item.department, widths[6], style, chars),
                item.promised_date.isoformat(),
                "加急" if item.urgent else "",
            ]
        )
    if not items:
        rows.append(["", "无", "", "", "", "", "", "", ""])
    leading = font_size * 1.25
    heights = [_row_height(row, widths, leading) for row in rows]
    return ItemsTable(rows, heights, widths, font, font_size)


def _row_height(row: list[Any], widths: Sequence[float], leading: float) -> float:
    """The row's height as reportlab's table gives it: its tallest cell and the paddings;
    each paragraph is wrapped here, once, to its column's inner width."""
    tallest = 0.0
    for value, width in zip(row, widths, strict=True):
        if isinstance(value, str):
            height = leading
        elif isinstance(value, Wrapped):
            height = value.height
        else:
            flowables = value if isinstance(value, list) else [value]
            height = sum(f.wrap(width - 2 * PADDING, 72000)[1] for f in flowables)
        tallest = max(tallest, height)
    return tallest + TOP_PADDING + BOTTOM_PADDING


def long_table(rows: list[list[Any]], widths: Sequence[float], font: str, size: float) -> LongTable:
    """The same table as reportlab's `LongTable`, which can split a row across pages."""
    cells = [[v.paragraph() if isinstance(v, Wrapped) else v for v in row] for row in rows]
    table = LongTable(cells, colWidths=list(widths), repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, size, size * 1.25),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
                ("GRID", (0, 0), (-1, -1), GRID_WIDTH, GRID_GREY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("ALIGN", (-1, 0), (-1, -1), "CENTER"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), TOP_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), BOTTOM_PADDING),
            ]
        )
    )
    return table


class ItemsTable(Flowable):  # type: ignore[misc,unused-ignore]
    """The header row and some item rows, laid out once; splits between rows, the header
    repeated on top of the rest."""

    def __init__(
        self,
        rows: list[list[Any]],
        heights: list[float],
        widths: Sequence[float],
        font: str,
        size: float,
    ) -> None:
        super().__init__()
        self.rows, self.heights, self.widths = rows, heights, list(widths)
        self.font, self.size = font, size
        self.width, self.height = sum(self.widths), sum(heights)
        self.hAlign = "CENTER"  # as a table: wider than the frame's padded width by its padding

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _part(self, rows: list[list[Any]], heights: list[float]) -> ItemsTable:
        return ItemsTable(rows, heights, self.widths, self.font, self.size)

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        used, fit = self.heights[0], 0
        for height in self.heights[1:]:
            if used + height > avail_height:
                break
            used, fit = used + height, fit + 1
        if fit == len(self.rows) - 1:
            return [self]
        if fit == 0:  # not one whole row fits: reportlab's table may split inside it
            if self.heights[0] > avail_height:
                return []  # not below a header that does not fit either
            probe = long_table(self.rows[:2], self.widths, self.font, self.size)
            if not probe.split(avail_width, avail_height):
                return []  # nor can it: the rows go on the next page
            table = long_table(self.rows, self.widths, self.font, self.size)
            return list(table.split(avail_width, avail_height))
        head, rest = self.rows[0], self.rows[fit + 1 :]
        return [
            self._part(self.rows[: fit + 1], self.heights[: fit + 1]),
            self._part([head, *rest], [self.heights[0], *self.heights[fit + 1 :]]),
        ]

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        xs = [0.0]
        for width in self.widths:
            xs.append(xs[-1] + width)
        tops = [self.height]
        for height in self.heights:
            tops.append(tops[-1] - height)
        canvas.setFillColor(HEADER_GREY)
        canvas.rect(0, tops[0], self.width, -self.heights[0], stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, self.size, self.size * 1.25)
        text = canvas.beginText()  # every string of the part in one text object
        text.setFont(self.font, self.size, self.size * 1.25)
        flowables: list[tuple[Any, float, float]] = []
        for number, (row, height) in enumerate(zip(self.rows, self.heights, strict=True)):
            bottom = tops[number + 1]
            for column, value in enumerate(row):
                centred = number == 0 or column in CENTRED_COLUMNS
                x, width = xs[column], self.widths[column]
                flowables += self._place_cell(text, value, x, bottom, width, height, centred)
        canvas.drawText(text)
        for flowable, x, y in flowables:
            flowable.drawOn(canvas, x, y)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        canvas.setStrokeColor(GRID_GREY)
        canvas.setLineWidth(GRID_WIDTH)
        lines: list[tuple[float, float, float, float]] = [(0.0, y, self.width, y) for y in tops]
        lines += [(x, tops[0], x, tops[-1]) for x in xs]
        canvas.lines(lines)
        canvas.restoreState()

    def _place_cell(
        self,
        text: Any,
        value: Any,
        x: float,
        bottom: float,
        width: float,
        height: float,
        centred: bool,
    ) -> list[tuple[Any, float, float]]:
        """Put a cell where reportlab's table puts it, aligned "MIDDLE": a string on one
        baseline, wrapped lines as their paragraph draws them, paragraphs stacked and
        centred as a block (returned with their positions, to draw after the text)."""
        size = self.size
        if isinstance(value, str):
            if value:
                leading = size * 1.25
                y = bottom + (BOTTOM_PADDING + height - TOP_PADDING + leading) / 2 - size
                if centred:
                    x += width / 2 - stringWidth(value, self.font, size) / 2
                else:
                    x += PADDING
                text.setTextOrigin(x, y)
                text.textOut(value)
            return []
        if isinstance(value, Wrapped):
            block = value.height
            y = bottom + (height + BOTTOM_PADDING - TOP_PADDING + block) / 2 - size
            for line in value.lines:
                text.setTextOrigin(x + PADDING, y)
                text.textOut(line)
                y -= value.style.leading
            return []
        flowables = value if isinstance(value, list) else [value]
        block = sum(f.height for f in flowables)
        y = bottom + (height + BOTTOM_PADDING - TOP_PADDING + block) / 2
        placed = []
        for flowable in flowables:
            y -= flowable.height
            placed.append((flowable, x + PADDING, y))
        return placed
