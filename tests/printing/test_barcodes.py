from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import code128_modules, draw_code128, module_count
from tests.printing.pdftools import dark_columns, pdf_barcode_results, pdf_page_image

START_B = "11010010000"
STOP = "1100011101011"


def test_modules_match_the_code128_tables() -> None:
    # "A" in code set B is value 33; check = (104 + 1*33) % 103 = 34.
    assert code128_modules("A") == START_B + "10100011000" + "10001011000" + STOP
    assert module_count("A", quiet_zone_modules=10) == len(START_B) + 11 + 11 + len(STOP) + 20


def test_digits_are_packed_in_pairs() -> None:
    # Code set C: 11 modules per two digits, so 12 digits are 6 symbols plus start, check, stop.
    assert len(code128_modules("202610001234")) == 11 + 6 * 11 + 11 + 13


@pytest.mark.parametrize("bad", ["", "收件001", "é"])
def test_unencodable_codes_raise_value_error(bad: str) -> None:
    with pytest.raises(ValueError):
        code128_modules(bad)


@pytest.mark.parametrize("code", ["20261000123-001", "L2026/0001", "abc xyz 123", "7"])
def test_drawn_code_decodes(code: str) -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 100))
    draw_code128(canvas, code, 20, 20, 260, 60)
    canvas.showPage()
    canvas.save()
    assert pdf_barcode_results(buffer.getvalue(), scale=3) == [(code, "Code128")]


def test_bars_stay_inside_the_box_with_quiet_zones() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 100))
    draw_code128(canvas, "20261000123", 50, 20, 200, 60, quiet_zone_modules=10)
    canvas.showPage()
    canvas.save()
    image = pdf_page_image(buffer.getvalue(), 0, scale=2)
    dark = dark_columns(image, range(100, 101))
    module = 200 / module_count("20261000123", 10) * 2  # pixels
    assert min(dark) >= 100 + 10 * module - 1
    assert max(dark) <= 500 - 10 * module + 1
