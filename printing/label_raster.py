"""Label text as 1-bit bitmaps for thermal printers that hold no Chinese font.

Text is drawn with the project's own bold sans face (WenQuanYi Micro Hei, shipped in
``printing/assets``) and sent as a graphic (ZPL ``^GF``, TSPL ``BITMAP``). Every
character is looked up in the font's character map first: a character the font lacks
is an error naming it, never a blank on the label.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase.ttfonts import TTFontFile

from printing.common import ELLIPSIS, fit_first

LABEL_FONT_PATH = Path(__file__).parent / "assets" / "wqy-microhei.ttc"
LABEL_FONT_INDEX = 0  # face 0 of the collection: WenQuanYi Micro Hei (sans)
# The labels' bold face: large text gets a 1-dot outline; smaller text is struck twice,
# one dot apart, which thickens vertical strokes without closing up the counters.
OUTLINE_FROM = 36  # dots


class MissingGlyphs(ValueError):
    """The label font has no glyph for some characters of the text."""

    def __init__(self, chars: Sequence[str], font: Path) -> None:
        self.chars = tuple(dict.fromkeys(chars))
        listed = " ".join(f"{c!r} U+{ord(c):04X}" for c in self.chars)
        super().__init__(f"font {font.name} has no glyph for {listed}")


@functools.lru_cache(maxsize=4)
def _code_points(path: Path, index: int) -> frozenset[int]:
    return frozenset(TTFontFile(str(path), subfontIndex=index).charToGlyph)


def missing_glyphs(text: str, path: Path = LABEL_FONT_PATH, index: int = LABEL_FONT_INDEX) -> str:
    """The characters of ``text`` (spaces aside) that the font cannot draw, in order."""
    known = _code_points(path, index)
    return "".join(dict.fromkeys(c for c in text if not c.isspace() and ord(c) not in known))


def check_glyphs(text: str, path: Path = LABEL_FONT_PATH, index: int = LABEL_FONT_INDEX) -> None:
    """Raise ``MissingGlyphs`` unless the font draws every character of ``text``."""
    missing = missing_glyphs(text, path, index)
    if missing:
        raise MissingGlyphs(missing, path)


@functools.lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(LABEL_FONT_PATH), size, index=LABEL_FONT_INDEX)


def _weight(size: int) -> tuple[int, int]:
    """(outline width, extra horizontal strike) for bold text of ``size`` dots."""
    return (1, 0) if size >= OUTLINE_FROM else (0, 1)


def text_width(text: str, size: int) -> int:
    """Width in dots of ``text`` drawn bold at ``size`` dots (ink bounds, outline included)."""
    if not text:
        return 0
    stroke, strike = _weight(size)
    left, _top, right, _bottom = _font(size).getbbox(text, stroke_width=stroke)
    return max(0, int(right) - min(0, int(left))) + strike


def _width_of(text: str, size: float) -> float:
    return float(text_width(text, max(1, int(size))))


@dataclass(frozen=True)
class Bitmap:
    """A 1-bit graphic placed on the label: rows packed MSB first, a set bit is a black dot."""

    x: int
    y: int
    width: int
    height: int
    rows: bytes

    @property
    def row_bytes(self) -> int:
        return (self.width + 7) // 8

    def __post_init__(self) -> None:
        if len(self.rows) != self.row_bytes * self.height:
            raise ValueError("bitmap data does not match its size")

    def ink(self) -> int:
        """How many dots are black."""
        return sum(bin(b).count("1") for b in self.rows)


@dataclass(frozen=True)
class DotBox:
    x: int
    y: int
    width: int
    height: int


def fit_line(choices: Sequence[str], width: int, size: int, min_size: int) -> tuple[str, int]:
    """The first choice that fits ``width`` dots whole (shrinking down to ``min_size``),
    else the last one cut with "…". Returns the text and its size in dots."""
    for choice in choices:
        check_glyphs(choice + ELLIPSIS)
    text, fitted = fit_first(choices, _width_of, width, size, min(size, min_size))
    fitted_size = max(1, int(fitted))
    while text and fitted_size > 1 and text_width(text, fitted_size) > width:
        fitted_size -= 1  # int() rounding of a shrunk size may still be a dot too wide
    return text, fitted_size


def text_bitmap(
    choices: Sequence[str],
    box: DotBox,
    size: int,
    min_size: int,
    *,
    centred: bool = False,
    reverse: bool = False,
) -> Bitmap | None:
    """Draw one line of bold text inside ``box`` (dots); None when nothing is left to draw.

    The text is shrunk, then cut, to fit the box's width; its size never exceeds the
    box's height. ``reverse`` draws white text on a black box (the urgent mark).
    """
    if box.width <= 0 or box.height <= 0:
        return None
    size = max(1, min(size, box.height - 2))
    text, size = fit_line(choices, box.width, size, min_size)
    if not text and not reverse:
        return None
    width = text_width(text, size)
    if reverse:
        image_width, x = box.width, box.x
        left = (box.width - width) // 2
    else:
        image_width = max(1, width)
        x = box.x + ((box.width - width) // 2 if centred else 0)
        left = 0
    image = Image.new("1", (image_width, box.height), 1 if reverse else 0)
    if text:
        font = _font(size)
        stroke, strike = _weight(size)
        offset = min(0, int(font.getbbox(text, stroke_width=stroke)[0]))
        draw = ImageDraw.Draw(image)
        for dx in range(strike + 1):
            draw.text(
                (left - offset + dx, box.height / 2),
                text,
                fill=0 if reverse else 1,
                font=font,
                anchor="lm",
                stroke_width=stroke,
                stroke_fill=0 if reverse else 1,
            )
    return Bitmap(x, box.y, image_width, box.height, image.tobytes())


def to_image(bitmap: Bitmap) -> Image.Image:
    """The bitmap as a Pillow image (black dots = 0), e.g. for tests and previews."""
    ink = Image.frombytes("1", (bitmap.width, bitmap.height), bitmap.rows)
    return ink.point(lambda v: 0 if v else 255, mode="1")
