"""Read PDFs back the way a person checks them: the text on each page, the barcodes on it.

Generic helpers shared by every test folder that prints something.
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp
from PIL import Image


def _open(pdf: bytes) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(pdf)


def pdf_page_count(pdf: bytes) -> int:
    doc = _open(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page, in points."""
    doc = _open(pdf)
    try:
        sizes: list[tuple[float, float]] = []
        for i in range(len(doc)):
            width, height = doc[i].get_size()
            sizes.append((float(width), float(height)))
        return sizes
    finally:
        doc.close()


def pdf_page_texts(pdf: bytes) -> list[str]:
    """The extracted text of every page, in page order."""
    doc = _open(pdf)
    try:
        texts: list[str] = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def pdf_page_image(pdf: bytes, page: int = 0, scale: float = 4) -> Image.Image:
    """Page ``page`` rendered to a PIL image at ``scale`` pixels per point."""
    doc = _open(pdf)
    try:
        image: Image.Image = doc[page].render(scale=scale, grayscale=True).to_pil()
        return image
    finally:
        doc.close()


def dark_columns(image: Image.Image, rows: range, threshold: int = 128) -> list[int]:
    """x of every pixel column that is dark (ink) in at least one of ``rows``."""
    gray = image.convert("L")
    return [
        x
        for x in range(gray.width)
        if any(int(gray.getpixel((x, y)) or 0) < threshold for y in rows)  # type: ignore[arg-type]
    ]


def decode_barcodes(image: Image.Image) -> list[tuple[str, str]]:
    """(text, format name) of every barcode zxing-cpp finds in ``image``."""
    return [(result.text, result.format.name) for result in zxingcpp.read_barcodes(image)]


def pdf_barcode_results(pdf: bytes, page: int = 0, scale: float = 4) -> list[tuple[str, str]]:
    """(text, format name) of every barcode on a page, e.g. ``("2026100001-01", "Code128")``."""
    return decode_barcodes(pdf_page_image(pdf, page, scale))


def pdf_barcodes(pdf: bytes, page: int = 0, scale: float = 4) -> list[str]:
    """The decoded text of every barcode on a page."""
    return [text for text, _ in pdf_barcode_results(pdf, page, scale)]


def squash(text: str) -> str:
    """Text without any whitespace: compare values that a table cell may have wrapped."""
    return "".join(text.split())


def pdf_text_fonts(pdf: bytes) -> set[tuple[str, bool]]:
    """(base font name without subset tag or number, embedded?) of every font text is drawn with."""
    doc = _open(pdf)
    found: set[tuple[str, bool]] = set()
    try:
        for i in range(len(doc)):
            page = doc[i]
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=5):
                font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
                size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = ctypes.create_string_buffer(size)
                pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
                name = buffer.value.decode("utf-8", "replace")
                name = re.sub(r"-\d+$", "", name.partition("+")[2] or name)  # "-0": subset
                found.add((name, bool(pdfium_c.FPDFFont_GetIsEmbedded(font))))
            page.close()
        return found
    finally:
        doc.close()
