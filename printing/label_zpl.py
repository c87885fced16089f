"""ZPL II for thermal label printers (Zebra and compatibles), same layout as the PDF label.

The printer needs no font: all text is sent as ``^GFA`` graphic fields drawn from the
project's own font (`printing.label_raster`); only the barcode is a native ``^BC``
Code 128. Field data goes through ``^FH`` hex escaping, so no typed text can end a
field or the label early.
"""

from __future__ import annotations

from collections.abc import Sequence

from printing.label_dots import Barcode, DotLabel, dot_label
from printing.label_layout import DEFAULT_LABEL_SIZE, LabelData, LabelSize
from printing.label_raster import Bitmap

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


def graphic_data(bitmap: Bitmap) -> str:
    """``^GFA`` hex data with ZPL's two simplest compressions: "," ends a row with white
    dots, ":" repeats the row above."""
    out: list[str] = []
    previous = b""
    step = bitmap.row_bytes
    for top in range(0, len(bitmap.rows), step):
        row = bitmap.rows[top : top + step]
        if top and row == previous:
            out.append(":")
        else:
            kept = row.rstrip(b"\0")
            out.append(kept.hex().upper() + ("," if len(kept) < step else ""))
        previous = row
    return "".join(out)


def graphic_field(bitmap: Bitmap) -> str:
    total = bitmap.row_bytes * bitmap.height
    return (
        f"^FO{bitmap.x},{bitmap.y}^GFA,{total},{total},{bitmap.row_bytes},{graphic_data(bitmap)}^FS"
    )


def barcode_field(barcode: Barcode) -> str:
    return (
        f"^FO{barcode.x},{barcode.y}^BY{barcode.module},3,{barcode.height}"
        f"^BCN,{barcode.height},N,N,N,A^FH{HEX_INDICATOR}^FD{escape_field(barcode.data)}^FS"
    )


def zpl_of(label: DotLabel) -> str:
    lines = [
        "^XA",
        "^CI28",
        f"^PW{label.width}",
        f"^LL{label.height}",
        "^LH0,0",
        barcode_field(label.barcode),
        *(graphic_field(b) for b in label.bitmaps),
        "^PQ1",
        "^XZ",
    ]
    return "\n".join(lines) + "\n"


def render_label_zpl(label: LabelData, size: LabelSize = DEFAULT_LABEL_SIZE, dpi: int = 203) -> str:
    """One label as a ZPL II format (``^XA`` … ``^XZ``) for a printer of ``dpi`` dots per inch.

    Raises ``MissingGlyphs`` when the label font cannot draw a character of the text.
    """
    return zpl_of(dot_label(label, size, dpi))


def render_labels_zpl(
    labels: Sequence[LabelData], size: LabelSize = DEFAULT_LABEL_SIZE, dpi: int = 203
) -> str:
    """Several labels, one ``^XA`` … ``^XZ`` format each, ready to send in one job."""
    return "".join(render_label_zpl(label, size, dpi) for label in labels)
