"""ZPL labels for printers with no Chinese font: text as ^GF graphics, barcode native ^BC."""

from __future__ import annotations

from dataclasses import replace

import pytest
import zxingcpp
from PIL import Image

from printing.barcodes import code128_modules
from printing.label import LabelSize, render_label_zpl, render_labels_zpl
from printing.label_raster import MissingGlyphs
from printing.label_zpl import escape_field
from tests.printing.label_decode import (
    DecodedBarcode,
    page_image,
    zpl_barcodes,
    zpl_graphics,
    zpl_page,
)
from tests.printing.samples import label

LONG = {
    "customer_short": "聊城市人民医院东院区设备科计量管理办公室附属检验中心",
    "instrument_name": "可燃气体检测报警器（点型，工业用，含远程报警装置与配套电源适配器）",
    "order_number": "202610001234567890123",
    "department": "电磁与无线电计量检测中心",
}


def _with_bars(page: Image.Image, bar: DecodedBarcode) -> Image.Image:
    """Draw the ^BC symbol as the printer would (its modules at the field's origin)."""
    out = page.convert("L")
    for i, module in enumerate(code128_modules(bar.data)):
        if module == "1":
            x = bar.x + i * bar.module
            out.paste(0, (x, bar.y, x + bar.module, bar.y + bar.height))
    return out


def test_no_printer_font_is_needed() -> None:
    data = label(4)
    zpl = render_label_zpl(data)
    assert zpl.startswith("^XA") and zpl.rstrip().endswith("^XZ")
    assert zpl.count("^XA") == zpl.count("^XZ") == 1
    for command in ("^PW480", "^LL320", "^GFA", "^BCN"):
        assert command in zpl
    assert "^A@" not in zpl and ".TTF" not in zpl  # no font stored on the printer
    assert data.customer_short not in zpl and "约定日期" not in zpl  # text travels as dots
    assert zpl.isascii()
    assert [b.data for b in zpl_barcodes(zpl)] == [data.item_number]


@pytest.mark.parametrize(
    ("changes", "size", "dpi"),
    [
        ({}, LabelSize(), 203),
        (LONG, LabelSize(), 203),
        ({**LONG, "urgent": True}, LabelSize(), 203),
        (LONG, LabelSize(40, 30), 203),
        ({**LONG, "urgent": True}, LabelSize(100, 70), 300),
        ({"urgent": True}, LabelSize(60, 40), 300),
    ],
)
def test_every_graphic_stays_on_the_label(
    changes: dict[str, object], size: LabelSize, dpi: int
) -> None:
    data = label(6, **changes)  # type: ignore[arg-type]
    zpl = render_label_zpl(data, size, dpi)
    width, height = zpl_page(zpl)
    dots = dpi / 25.4
    assert (width, height) == (round(size.width_mm * dots), round(size.height_mm * dots))
    graphics = zpl_graphics(zpl)
    assert len(graphics) >= 5
    for g in graphics:
        assert g.x >= 0 and g.x + g.width <= width, f"graphic at x={g.x} runs past {width}"
        assert g.y >= 0 and g.y + g.height <= height
        assert g.ink() > 0
    (bar,) = zpl_barcodes(zpl)
    assert bar.x >= 0 and bar.x + len(code128_modules(bar.data)) * bar.module <= width
    assert bar.y + bar.height <= min(g.y for g in graphics), "text under the bars"
    page = _with_bars(page_image(width, height, graphics), bar)
    decoded = zxingcpp.read_barcodes(page.resize((width * 2, height * 2)))
    assert [r.text for r in decoded] == [data.item_number]


def test_the_promised_date_has_ink_in_its_digits() -> None:
    """The date row is drawn with the digits, not only "约定日期" (a font without digits
    would leave the right half blank)."""
    zpl = render_label_zpl(label(1))
    date_row = sorted(zpl_graphics(zpl), key=lambda g: g.y)[-1]
    image = page_image(date_row.width, date_row.height, [replace(date_row, x=0, y=0)])
    digits = image.crop((date_row.width // 2, 0, date_row.width, date_row.height))
    assert digits.getextrema()[0] == 0  # some black dot among the digits
    other = render_label_zpl(label(1, promised_date=label(1).promised_date.replace(day=1)))
    assert sorted(zpl_graphics(other), key=lambda g: g.y)[-1].rows != date_row.rows


def test_urgent_mark_is_white_on_black() -> None:
    urgent = zpl_graphics(render_label_zpl(label(1, urgent=True)))
    plain = zpl_graphics(render_label_zpl(label(1)))
    assert len(urgent) == len(plain) + 1
    mark = max(urgent, key=lambda g: g.x)
    assert mark.ink() > mark.width * mark.height * 0.6  # mostly black, text left white


def test_size_follows_dpi() -> None:
    zpl = render_label_zpl(label(1), LabelSize(100, 70), dpi=300)
    assert "^PW1181" in zpl and "^LL827" in zpl


def test_a_character_the_font_lacks_is_refused_by_name() -> None:
    with pytest.raises(MissingGlyphs) as caught:
        render_label_zpl(label(1, customer_short="王\U0001f600医院"))
    assert caught.value.chars == ("\U0001f600",)
    assert "U+1F600" in str(caught.value)


def test_field_escaping() -> None:
    assert escape_field("a^b~c_d\n") == "a_5Eb_7Ec_5Fd_0A"


def test_several_labels_one_format_each() -> None:
    labels = [label(n) for n in range(1, 4)]
    zpl = render_labels_zpl(labels, LabelSize(), 203)
    assert zpl.count("^XA") == zpl.count("^XZ") == 3
    assert [b.data for b in zpl_barcodes(zpl)] == [x.item_number for x in labels]


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError, match="dpi"):
        render_label_zpl(label(1), dpi=20)
    with pytest.raises(ValueError, match="Code 128"):
        render_label_zpl(label(1, item_number="编号"))
