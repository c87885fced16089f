"""ZPL II for thermal label printers (Zebra and compatibles), same layout as the PDF label.

Chinese is printed with a TrueType font stored on the printer (``^A@`` with e.g.
``E:SIMSUN.TTF``) and UTF-8 field data (``^CI28``). Every field goes through ``^FH``
hex escaping, so no customer-typed text can end a field or the label early.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from printing.barcodes import code128_modules
from printing.common import fit_first
from printing.label_layout import (
    DEFAULT_LABEL_SIZE,
    QUIET_ZONE_MODULES,
    LabelData,
    LabelLayout,
    LabelSize,
    TextRow,
    layout_label,
)

HEX_INDICATOR = "_"
_UNSAFE = frozenset("^~" + HEX_INDICATOR)


def escape_field(text: str) -> str:
    """Field data for ``^FH_^FD…^FS``: ^, ~, _ and control characters as _XX UTF-8 hex bytes."""
    out: list[str] = []
    for char in text:
        if char in _UNSAFE or ord(char) < 32 or ord(char) == 127:
            out.extend(f"{HEX_INDICATOR}{byte:02X}" for byte in char.encode("utf-8"))
        else:
            out.append(char)
    return "".join(out)


def _char_em(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.6


def _estimated_width(text: str, size: float) -> float:
    """Conservative advance of ``text`` in a scalable font at ``size`` dots."""
    return sum(_char_em(c) for c in text) * size


class _Dots:
    def __init__(self, dpi: int) -> None:
        self.per_mm = dpi / 25.4
        self.min_font = 5 / 72 * dpi  # 5 pt

    def __call__(self, mm: float) -> int:
        return round(mm * self.per_mm)


def _text_field(
    row: TextRow, dots: _Dots, font: str, centred: bool = False, reverse: bool = False
) -> str:
    nominal = row.size * dots.per_mm
    max_width = row.box.width * dots.per_mm
    text, size = fit_first(
        row.choices,
        _estimated_width,
        max_width,
        nominal,
        min(nominal, max(dots.min_font, nominal * 0.6)),
    )
    if not text:
        return ""
    height = max(10, math.floor(size))
    x = dots(row.box.x)
    if centred:
        x += max(0, round((max_width - _estimated_width(text, height)) / 2))
    y = max(0, dots(row.box.top + row.box.height / 2) - height // 2)
    reverse_cmd = "^FR" if reverse else ""
    return (
        f"^FO{x},{y}^A@N,{height},{height},{font}{reverse_cmd}"
        f"^FH{HEX_INDICATOR}^FD{escape_field(text)}^FS"
    )


def _barcode_field(code: str, layout: LabelLayout, dots: _Dots) -> str:
    symbol = len(code128_modules(code))  # also validates the code
    box = layout.barcode
    module = max(1, math.floor(box.width * dots.per_mm / (symbol + 2 * QUIET_ZONE_MODULES)))
    x = max(0, (dots(layout.width) - symbol * module) // 2)
    height = dots(box.height)
    hr = layout.human_readable
    hr_height = max(10, dots(hr.size))
    return (
        f"^FO{x},{dots(box.top)}^BY{module},3,{height}"
        f"^A0N,{hr_height},{hr_height}^BCN,{height},Y,N,N,A"
        f"^FH{HEX_INDICATOR}^FD{escape_field(code)}^FS"
    )


def render_label_zpl(
    label: LabelData,
    size: LabelSize = DEFAULT_LABEL_SIZE,
    dpi: int = 203,
    cjk_font: str = "E:SIMSUN.TTF",
) -> str:
    """One label as a ZPL II format (``^XA`` … ``^XZ``) for a printer of ``dpi`` dots per inch."""
    if not 100 <= dpi <= 1200:
        raise ValueError(f"printer resolution {dpi} dpi is not plausible (100–1200)")
    if not cjk_font or any(c in cjk_font for c in "^~,") or not cjk_font.isprintable():
        raise ValueError(f"invalid printer font name {cjk_font!r}")
    dots = _Dots(dpi)
    layout = layout_label(label, size)
    lines = [
        "^XA",
        "^CI28",
        f"^PW{dots(size.width_mm)}",
        f"^LL{dots(size.height_mm)}",
        "^LH0,0",
        _barcode_field(label.item_number, layout, dots),
    ]
    lines += [_text_field(row, dots, cjk_font) for row in layout.rows]
    if layout.urgent is not None:
        box = layout.urgent.box
        w, h = dots(box.width), dots(box.height)
        lines.append(f"^FO{dots(box.x)},{dots(box.top)}^GB{w},{h},{min(w, h)},B,0^FS")
        lines.append(_text_field(layout.urgent, dots, cjk_font, centred=True, reverse=True))
    lines += ["^PQ1", "^XZ"]
    return "\n".join(line for line in lines if line) + "\n"


def render_labels_zpl(
    labels: Sequence[LabelData],
    size: LabelSize = DEFAULT_LABEL_SIZE,
    dpi: int = 203,
    cjk_font: str = "E:SIMSUN.TTF",
) -> str:
    """Several labels, one ``^XA`` … ``^XZ`` format each, ready to send in one job."""
    return "".join(render_label_zpl(label, size, dpi, cjk_font) for label in labels)
