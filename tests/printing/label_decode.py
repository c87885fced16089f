"""Read ZPL and TSPL labels back the way a printer would: graphics, barcodes, the whole page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image

from printing.label_raster import Bitmap

GRAPHIC = re.compile(r"\^FO(\d+),(\d+)\^GFA,(\d+),(\d+),(\d+),([0-9A-F,:]*)\^FS")
BARCODE = re.compile(r"\^FO(\d+),(\d+)\^BY(\d+),3,(\d+)\^BCN,(\d+),N,N,N,A\^FH_\^FD(.*?)\^FS")
PAGE = re.compile(r"\^PW(\d+)\n\^LL(\d+)")
TSPL_BITMAP = re.compile(rb"BITMAP (\d+),(\d+),(\d+),(\d+),0,")
TSPL_BARCODE = re.compile(rb'BARCODE (\d+),(\d+),"128",(\d+),0,0,(\d+),(\d+),"(.*?)"\r\n')


@dataclass(frozen=True)
class DecodedBarcode:
    x: int
    y: int
    module: int
    height: int
    data: str


def _unescape(data: str) -> str:
    raw = re.sub(r"_([0-9A-F]{2})", lambda m: f"\\x{m.group(1)}", data)
    return raw.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def _gfa_rows(data: str, row_bytes: int, total: int) -> bytes:
    rows: list[bytes] = []
    pos = 0
    while len(rows) * row_bytes < total:
        if data[pos] == ":":
            rows.append(rows[-1])
            pos += 1
            continue
        hexes = []
        while len(hexes) < row_bytes * 2 and pos < len(data) and data[pos] not in ",:":
            hexes.append(data[pos])
            pos += 1
        if len(hexes) < row_bytes * 2:
            assert data[pos] == ",", "a short row must end with ','"
            pos += 1
        rows.append(bytes.fromhex("".join(hexes)).ljust(row_bytes, b"\0"))
    assert pos == len(data), "graphic data longer than its declared size"
    return b"".join(rows)


def zpl_graphics(zpl: str) -> list[Bitmap]:
    out = []
    for m in GRAPHIC.finditer(zpl):
        x, y, total, total2, row_bytes = (int(v) for v in m.groups()[:5])
        assert total == total2 and total % row_bytes == 0
        rows = _gfa_rows(m.group(6), row_bytes, total)
        out.append(Bitmap(x, y, row_bytes * 8, total // row_bytes, rows))
    return out


def zpl_barcodes(zpl: str) -> list[DecodedBarcode]:
    return [
        DecodedBarcode(int(x), int(y), int(mod), int(h), _unescape(d))
        for x, y, mod, h, _h2, d in BARCODE.findall(zpl)
    ]


def zpl_page(zpl: str) -> tuple[int, int]:
    m = PAGE.search(zpl)
    assert m, "no ^PW/^LL"
    return int(m.group(1)), int(m.group(2))


def tspl_bitmaps(data: bytes) -> list[Bitmap]:
    out = []
    for m in TSPL_BITMAP.finditer(data):
        x, y, row_bytes, height = (int(v) for v in m.groups())
        start = m.end()
        raw = data[start : start + row_bytes * height]
        assert data[start + len(raw) : start + len(raw) + 2] == b"\r\n"
        out.append(Bitmap(x, y, row_bytes * 8, height, bytes(b ^ 0xFF for b in raw)))
    return out


def tspl_barcodes(data: bytes) -> list[DecodedBarcode]:
    return [
        DecodedBarcode(int(x), int(y), int(n), int(h), d.decode("ascii"))
        for x, y, h, n, _w, d in TSPL_BARCODE.findall(data)
    ]


def page_image(width: int, height: int, bitmaps: list[Bitmap]) -> Image.Image:
    """The label as the printer's dots would make it (text only; 0 = black)."""
    page = Image.new("1", (width, height), 1)
    for b in bitmaps:
        ink = Image.frombytes("1", (b.width, b.height), b.rows)
        page.paste(0, (b.x, b.y), ink)
    return page
