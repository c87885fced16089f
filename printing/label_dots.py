"""The label's layout in printer dots: text as bitmaps, the barcode as a native Code 128.

Shared by the ZPL and TSPL encoders, so that both print the same sticker as the PDF
(`printing.label_layout`). Every bitmap lies inside the label; a barcode that cannot
fit the label's width at one dot per module is refused rather than cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from printing.barcodes import code128_modules
from printing.dpi import DPI_CHOICES
from printing.label_layout import (
    QUIET_ZONE_MODULES,
    Box,
    LabelData,
    LabelSize,
    TextRow,
    layout_label,
)
from printing.label_raster import Bitmap, DotBox, text_bitmap

MIN_TEXT_PT = 5.0


@dataclass(frozen=True)
class Barcode:
    """A Code 128 symbol: top-left corner, narrow bar width and height in dots."""

    x: int
    y: int
    module: int
    height: int
    data: str
    modules: int  # symbol width in modules, without quiet zones

    @property
    def width(self) -> int:
        return self.module * self.modules


@dataclass(frozen=True)
class DotLabel:
    width: int
    height: int
    dpi: int
    barcode: Barcode
    bitmaps: tuple[Bitmap, ...]


class _Dots:
    def __init__(self, dpi: int) -> None:
        self.per_mm = dpi / 25.4
        self.min_text = round(MIN_TEXT_PT / 72 * dpi)

    def __call__(self, mm: float) -> int:
        return round(mm * self.per_mm)

    def box(self, box: Box, label_width: int, label_height: int) -> DotBox:
        x, y = max(0, self(box.x)), max(0, self(box.top))
        width = min(int(box.width * self.per_mm), label_width - x)
        height = min(int(box.height * self.per_mm), label_height - y)
        return DotBox(x, y, width, height)


def check_dpi(dpi: int) -> None:
    if dpi not in DPI_CHOICES:
        raise ValueError(f"printer resolution {dpi} dpi is not one of {DPI_CHOICES}")


def _row(
    row: TextRow, dots: _Dots, w: int, h: int, *, centred: bool = False, reverse: bool = False
) -> Bitmap | None:
    box = dots.box(row.box, w, h)
    size = int(row.size * dots.per_mm)
    return text_bitmap(
        row.choices,
        box,
        size,
        max(dots.min_text, int(size * 0.6)),
        centred=centred,
        reverse=reverse,
    )


def _barcode(code: str, box: Box, dots: _Dots, label_width: int) -> Barcode:
    symbol = len(code128_modules(code))  # also refuses what Code 128 cannot carry
    room = int(box.width * dots.per_mm)
    module = max(1, room // (symbol + 2 * QUIET_ZONE_MODULES))
    if symbol * module > label_width:
        raise ValueError(
            f"barcode {code!r} needs {symbol} dots, the label is {label_width} dots wide"
        )
    x = (label_width - symbol * module) // 2
    return Barcode(x, dots(box.top), module, dots(box.height), code, symbol)


def dot_label(label: LabelData, size: LabelSize, dpi: int = 203) -> DotLabel:
    """Lay ``label`` out in the dots of a ``dpi`` printer: bitmaps and one barcode."""
    check_dpi(dpi)
    dots = _Dots(dpi)
    w, h = dots(size.width_mm), dots(size.height_mm)
    layout = layout_label(label, size)
    barcode = _barcode(label.item_number, layout.barcode, dots, w)
    drawn = [_row(layout.human_readable, dots, w, h, centred=True)]
    drawn += [_row(row, dots, w, h) for row in layout.rows]
    if layout.urgent is not None:
        drawn.append(_row(layout.urgent, dots, w, h, centred=True, reverse=True))
    return DotLabel(w, h, dpi, barcode, tuple(b for b in drawn if b is not None))
