"""TSPL for TSC and Gprinter-class label printers, same layout as the ZPL and PDF label.

Text is sent as ``BITMAP`` graphics drawn from the project's own font (the printer
needs no Chinese font); the barcode is a native ``BARCODE … "128"``. In TSPL bitmaps a
0 bit prints a dot, so the rows are inverted on the way out.
"""

from __future__ import annotations

from collections.abc import Sequence

from printing.label_dots import Barcode, DotLabel, dot_label
from printing.label_layout import DEFAULT_LABEL_SIZE, LabelData, LabelSize
from printing.label_raster import Bitmap

GAP_MM = 2.0
_NL = b"\r\n"


def _mm(value: float) -> str:
    return f"{value:g}"


def quote(text: str) -> str:
    """A TSPL string literal: ``"`` inside it is written ``\\["]``; control characters refused."""
    if any(ord(c) < 32 or ord(c) == 127 for c in text) or not text.isascii():
        raise ValueError(f"{text!r} cannot be sent as TSPL barcode data")
    return '"' + text.replace('"', '\\["]') + '"'


def bitmap_command(bitmap: Bitmap) -> bytes:
    head = f"BITMAP {bitmap.x},{bitmap.y},{bitmap.row_bytes},{bitmap.height},0,"
    return head.encode("ascii") + bytes(b ^ 0xFF for b in bitmap.rows) + _NL


def barcode_command(barcode: Barcode) -> bytes:
    m = barcode.module
    command = (
        f'BARCODE {barcode.x},{barcode.y},"128",{barcode.height},0,0,{m},{m},{quote(barcode.data)}'
    )
    return command.encode("ascii") + _NL


def tspl_of(label: DotLabel, size: LabelSize) -> bytes:
    head = [
        f"SIZE {_mm(size.width_mm)} mm,{_mm(size.height_mm)} mm",
        f"GAP {_mm(GAP_MM)} mm,0 mm",
        "DIRECTION 1",
        "REFERENCE 0,0",
        "CLS",
    ]
    out = [line.encode("ascii") + _NL for line in head]
    out += [bitmap_command(b) for b in label.bitmaps]
    out += [barcode_command(label.barcode), b"PRINT 1,1" + _NL]
    return b"".join(out)


def render_label_tspl(
    label: LabelData, size: LabelSize = DEFAULT_LABEL_SIZE, dpi: int = 203
) -> bytes:
    """One label as TSPL (``SIZE`` … ``PRINT``) for a printer of ``dpi`` dots per inch.

    Raises ``MissingGlyphs`` when the label font cannot draw a character of the text.
    """
    return tspl_of(dot_label(label, size, dpi), size)


def render_labels_tspl(
    labels: Sequence[LabelData], size: LabelSize = DEFAULT_LABEL_SIZE, dpi: int = 203
) -> bytes:
    return b"".join(render_label_tspl(label, size, dpi) for label in labels)
