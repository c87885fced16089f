"""Label data and the geometry of a counter sticker, shared by the PDF and ZPL renderers.

All measures are millimetres from the label's top-left corner, y growing downwards;
each renderer converts them to its own unit (PDF points or printer dots).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from printing.barcodes import module_count
from printing.common import one_line

QUIET_ZONE_MODULES = 10
MAX_MODULE_MM = 0.6  # wider bars only waste label; a hand scanner reads 0.25–0.6 mm well
URGENT_TEXT = "加急"


@dataclass(frozen=True)
class LabelData:
    """One instrument's sticker, stuck on it at intake."""

    item_number: str
    order_number: str
    instrument_name: str
    customer_short: str
    department: str
    promised_date: datetime.date
    urgent: bool = False


@dataclass(frozen=True)
class LabelSize:
    """Die-cut label size; layouts are designed for 40×30 mm up to 100×70 mm."""

    width_mm: float = 60
    height_mm: float = 40

    def __post_init__(self) -> None:
        if not (20 <= self.width_mm <= 200 and 15 <= self.height_mm <= 200):
            raise ValueError(
                f"label size {self.width_mm}×{self.height_mm} mm is outside 20–200 × 15–200 mm"
            )


DEFAULT_LABEL_SIZE = LabelSize()


@dataclass(frozen=True)
class Box:
    x: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class TextRow:
    """A one-line text field: the renderer shrinks or cuts ``text`` to fit ``box.width``."""

    text: str
    box: Box
    size: float  # nominal font size (em height), mm
    bold: bool = False
    shorter: str = ""  # printed instead when ``text`` would have to be cut

    @property
    def choices(self) -> tuple[str, ...]:
        return (self.text, self.shorter) if self.shorter else (self.text,)


@dataclass(frozen=True)
class LabelLayout:
    width: float
    height: float
    barcode: Box  # quiet zones included
    human_readable: TextRow  # the item number under the bars
    rows: tuple[TextRow, ...]
    urgent: TextRow | None  # white text on a black box


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def layout_label(label: LabelData, size: LabelSize) -> LabelLayout:
    """Place barcode, item number, text rows and the urgent mark on a label of ``size``."""
    w, h = size.width_mm, size.height_mm
    margin = _clamp(min(w, h) * 0.04, 1.2, 3.0)

    modules = module_count(label.item_number, QUIET_ZONE_MODULES)
    bar_width = min(w, modules * MAX_MODULE_MM)
    bar_height = h * 0.26
    barcode = Box((w - bar_width) / 2, margin, bar_width, bar_height)

    hr_size = _clamp(h * 0.065, 2.0, 4.0)
    hr_top = barcode.top + bar_height + 0.02 * h
    human = TextRow(label.item_number, Box(margin, hr_top, w - 2 * margin, hr_size * 1.1), hr_size)

    rows_top = hr_top + hr_size * 1.1 + 0.02 * h
    area = h - margin - rows_top
    weights = (1.3, 1.0, 1.0, 1.0)
    unit = area / sum(weights)
    text_width = w - 2 * margin
    base = min(unit * 0.8, text_width / 14)  # about 14 Chinese characters per line

    texts = (
        one_line(label.instrument_name),
        one_line(label.customer_short),
        f"{one_line(label.department)}  委托单 {one_line(label.order_number)}",
        f"约定日期 {label.promised_date.isoformat()}",
    )
    boxes: list[Box] = []
    top = rows_top
    for weight in weights:
        boxes.append(Box(margin, top, text_width, unit * weight))
        top += unit * weight

    urgent: TextRow | None = None
    if label.urgent:
        box_height = boxes[2].height + boxes[3].height - 0.1 * unit
        urgent_size = min(box_height * 0.62, base * 1.5)
        box_width = urgent_size * len(URGENT_TEXT) + urgent_size * 0.8
        box = Box(w - margin - box_width, boxes[2].top + 0.05 * unit, box_width, box_height)
        urgent = TextRow(URGENT_TEXT, box, urgent_size, bold=True)
        for i in (2, 3):
            b = boxes[i]
            boxes[i] = Box(b.x, b.top, b.width - box_width - base * 0.4, b.height)

    shorter = ("", "", one_line(label.department), "")  # drop the order number before cutting
    rows = tuple(
        TextRow(text, box, base * weight, bold=(i == 0), shorter=short)
        for i, (text, box, weight, short) in enumerate(
            zip(texts, boxes, weights, shorter, strict=True)
        )
    )
    return LabelLayout(w, h, barcode, human, rows, urgent)
