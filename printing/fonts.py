"""A font that can draw Chinese, registered with reportlab once per process.

An embeddable TrueType CJK font from the system is preferred, so the PDF looks the same
on every viewer and printer driver. ``COUNTER_CJK_FONT=/path/font.ttf`` (optionally
``/path/fonts.ttc#1`` for another face of a collection) overrides the search, and
``COUNTER_CJK_FONT=STSong-Light`` forces the built-in font. Without any
usable TrueType font the built-in Adobe CID font ``STSong-Light`` is used: always
available, not embedded (viewers substitute their own Song/Ming face).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

ENV_VAR = "COUNTER_CJK_FONT"
FALLBACK_FONT = "STSong-Light"

#: Embeddable TrueType fonts with Chinese glyphs, in order of preference.
SYSTEM_FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)

_lock = threading.Lock()
_cached: str | None = None


def _split_index(spec: str) -> tuple[Path, int]:
    """``"/f/x.ttc#2"`` → (path, 2); no suffix → index 0."""
    head, sep, tail = spec.rpartition("#")
    if sep and tail.isdigit():
        return Path(head), int(tail)
    return Path(spec), 0


def _try_truetype(spec: str) -> str | None:
    path, index = _split_index(spec)
    if not path.is_file():
        return None
    name = f"CounterCJK-{path.stem}-{index}"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError) as exc:
        # CFF-flavoured OpenType (e.g. Noto/Source Han .otf/.ttc) cannot be embedded.
        log.info("CJK font %s not usable: %s", spec, exc)
        return None
    if 0x4E2D not in font.face.charToGlyph:  # "中": a font without Chinese is no use
        log.info("CJK font %s has no Chinese glyphs", spec)
        return None
    pdfmetrics.registerFont(font)
    return name


def _register_family(name: str) -> str:
    # Paragraph markup such as <b> must never fail: map every style to the same face.
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name


def register_cjk_font(candidates: Sequence[str | os.PathLike[str]]) -> str:
    """Register the first usable TrueType font among ``candidates``; else ``STSong-Light``.

    Returns the reportlab font name. Safe to call repeatedly.
    """
    for candidate in candidates:
        name = _try_truetype(os.fspath(candidate))
        if name is not None:
            return _register_family(name)
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return _register_family(FALLBACK_FONT)


def _candidates(override: str) -> tuple[str, ...]:
    if override == FALLBACK_FONT:
        return ()
    if override:
        return (override, *SYSTEM_FONT_CANDIDATES)
    return SYSTEM_FONT_CANDIDATES


def cjk_font() -> str:
    """The reportlab font name used for Chinese text (registered on first call, then cached)."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = register_cjk_font(_candidates(os.environ.get(ENV_VAR, "").strip()))
    return _cached


def cjk_bold_font() -> str:
    """Bold face for Chinese text; the same font (callers fake bold with a stroked fill)."""
    return cjk_font()


def is_embedded(font_name: str) -> bool:
    """Whether documents using ``font_name`` carry the font inside the PDF."""
    return font_name != FALLBACK_FONT
