"""TSPL labels (TSC / Gprinter class): the same sticker as ZPL, text as BITMAP, native barcode."""

from __future__ import annotations

import pytest

from printing.label import LabelSize, render_label_zpl
from printing.label_tspl import quote, render_label_tspl, render_labels_tspl
from tests.printing.label_decode import tspl_barcodes, tspl_bitmaps, zpl_graphics
from tests.printing.samples import label

LONG = {
    "customer_short": "聊城市人民医院东院区设备科计量管理办公室附属检验中心",
    "instrument_name": "可燃气体检测报警器（点型，工业用，含远程报警装置与配套电源适配器）",
    "order_number": "202610001234567890123",
    "urgent": True,
}


def test_tspl_label_structure() -> None:
    data = label(3)
    tspl = render_label_tspl(data)
    lines = tspl.split(b"\r\n")
    assert lines[:5] == [
        b"SIZE 60 mm,40 mm",
        b"GAP 2 mm,0 mm",
        b"DIRECTION 1",
        b"REFERENCE 0,0",
        b"CLS",
    ]
    assert tspl.endswith(b"PRINT 1,1\r\n") and tspl.count(b"PRINT") == 1
    assert data.customer_short.encode() not in tspl  # text travels as dots, no printer font
    (bar,) = tspl_barcodes(tspl)
    assert bar.data == data.item_number
    assert bar.y + bar.height <= min(b.y for b in tspl_bitmaps(tspl))


@pytest.mark.parametrize(
    ("size", "dpi"), [(LabelSize(), 203), (LabelSize(40, 30), 203), (LabelSize(), 300)]
)
def test_tspl_bitmaps_are_the_zpl_graphics_and_stay_on_the_label(size: LabelSize, dpi: int) -> None:
    data = label(6, **LONG)  # type: ignore[arg-type]
    bitmaps = tspl_bitmaps(render_label_tspl(data, size, dpi))
    width, height = round(size.width_mm * dpi / 25.4), round(size.height_mm * dpi / 25.4)
    for b in bitmaps:
        assert b.x >= 0 and b.x + b.width <= width
        assert b.y >= 0 and b.y + b.height <= height
        assert b.ink() > 0
    graphics = zpl_graphics(render_label_zpl(data, size, dpi))
    assert [(b.x, b.y, b.width, b.height, b.rows) for b in bitmaps] == [
        (g.x, g.y, g.width, g.height, g.rows) for g in graphics
    ]


def test_several_labels_print_once_each() -> None:
    tspl = render_labels_tspl([label(1), label(2, urgent=True)])
    assert tspl.count(b"CLS\r\n") == 2 and tspl.count(b"PRINT 1,1\r\n") == 2
    assert [b.data for b in tspl_barcodes(tspl)] == [label(1).item_number, label(2).item_number]


def test_barcode_data_is_quoted_safely() -> None:
    assert quote('A"1') == '"A\\["]1"'
    with pytest.raises(ValueError):
        quote("A\r\nPRINT 99")
