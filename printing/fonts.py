"""The fonts every printout is drawn with, and the glyph check that guards them.

The project ships its own open-licence TrueType fonts (``printing/assets``): AR PL UMing
(Song/Ming, serif) for certificates and other formal documents, WenQuanYi Micro Hei
(sans) for labels, drawn bold by the renderers. No system font is searched. An
administrator may pick another TrueType font (`FontChoice`, applied with `using`); an
expert may force one with ``COUNTER_CJK_FONT=/path/font.ttf`` (``/path/fonts.ttc#1``
for another face of a collection).  Every font, shipped or not, is a `CheckedTTFont`:
whatever reportlab draws with it (``drawString``, paragraphs, table cells) is first
checked against the font's glyphs, and a character it cannot draw raises
`MissingGlyphs` instead of printing a blank.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import string
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace

ASSETS = Path(__file__).resolve().with_name("assets")
SERIF_FONT_PATH = ASSETS / "uming.ttc"  # face 0: AR PL UMing CN
SANS_FONT_PATH = ASSETS / "wqy-microhei.ttc"  # face 0: WenQuanYi Micro Hei
SERIF_FONT_INDEX = SANS_FONT_INDEX = 0
SERIF_NAME, SANS_NAME = "CounterSong", "CounterSans"
ENV_VAR = "COUNTER_CJK_FONT"

#: What any font must draw before it is accepted: digits, Latin and the fixed words.
REQUIRED_TEXT = (
    string.digits
    + string.ascii_letters
    + "-.:/()%"
    + "第页共年月日证书编号检定校准检测报告收件回执委托单约定日期器具名称送检单位：（）"
)
#: Typographic equivalents used when a font has no outline for a character (WenQuanYi
#: Micro Hei's "℃", "Ⅴ" and "Ⅹ" are empty; AR PL UMing has no "−" nor "⌀"): drawn and
#: measured instead, never a blank.
EQUIVALENTS = {"℃": "°C", "℉": "°F", "\u2212": "-", "⌀": "Ø", "∅": "Ø"} | {
    chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2160, 0x2180)
}  # Roman numerals Ⅰ–ↀ: their Latin letters


class MissingGlyphs(Exception):
    """``font`` cannot draw ``chars`` (in order of appearance, each once)."""

    def __init__(self, font: str, chars: str) -> None:
        super().__init__(f"font {font} has no glyph for: {' '.join(chars)}")
        self.font, self.chars = font, chars


class FontUnusable(Exception):
    """The font at ``spec`` cannot print: ``reason`` is "missing", "not_truetype" or
    "lacks" (then ``chars`` lists what it cannot draw of `REQUIRED_TEXT`)."""

    def __init__(self, spec: str, reason: str, detail: str = "", chars: str = "") -> None:
        super().__init__(f"font {spec} unusable ({reason}): {detail or ' '.join(chars)}")
        self.spec, self.reason, self.detail, self.chars = spec, reason, detail, chars


class _GlyphSlices:
    """A font's ``glyf`` table read in place: each glyph sliced out is a copy, the table never."""

    def __init__(self, view: memoryview) -> None:
        self._view = view

    def __getitem__(self, where: slice) -> bytes:
        return bytes(self._view[where])


class _InPlaceGlyfFace(TTFontFace):  # type: ignore[misc,unused-ignore]
    """reportlab's face, whose subsetting copied the whole ``glyf`` table (15 MB in AR PL
    UMing) for every document only to slice its few glyphs out of it."""

    def get_table(self, tag: str) -> Any:
        if tag != "glyf":
            return super().get_table(tag)
        pos, length = self.get_table_pos(tag)
        return _GlyphSlices(memoryview(self._ttf_data)[pos : pos + length])


class CheckedTTFont(TTFont):  # type: ignore[misc,unused-ignore]
    """An embedded TrueType font that refuses to draw what it has no outline for."""

    def __init__(self, name: str, path: Path, index: int) -> None:
        super().__init__(name, str(path), subfontIndex=index)
        self.face.__class__ = _InPlaceGlyfFace  # same state, subsets made without the copy
        self.path, self.index = path, index
        family = self.face.familyName
        self.family = family.decode("utf-8", "replace") if isinstance(family, bytes) else family
        self.label = f"{self.family}（{path.name}）"
        self._ok: set[str] = set()
        self._subst = str.maketrans(
            {
                ch: alt
                for ch, alt in EQUIVALENTS.items()
                if not self.draws(ch) and all(self.draws(c) for c in alt)
            }
        )
        self._fingerprint = ""

    def draws(self, ch: str) -> bool:
        """Whether ``ch`` has an outline here (whitespace needs none)."""
        glyph = self.face.charToGlyph.get(ord(ch))
        if glyph is None or glyph == 0:
            return ch.isspace()
        pos = self.face.glyphPos
        return ch.isspace() or pos[glyph + 1] > pos[glyph]

    def missing(self, text: str) -> str:
        """The characters of ``text`` this font cannot draw, each once, in order."""
        ok = self._ok
        if ok.issuperset(text):
            return ""
        lacking: list[str] = []
        for ch in text:
            if ch in ok or ch in lacking:
                continue
            if self.draws(ch):
                ok.add(ch)
            else:
                lacking.append(ch)
        return "".join(lacking)

    def checked(self, text: str) -> str:
        """``text`` as drawn (equivalents substituted); `MissingGlyphs` if any is lacking."""
        if self._subst:
            text = text.translate(self._subst)
        lacking = self.missing(text)
        if lacking:
            raise MissingGlyphs(self.label, lacking)
        return text

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        return super().splitString(self.checked(text), doc, encoding)

    def stringWidth(self, text: Any, size: float, encoding: str = "utf8") -> float:
        if self._subst and isinstance(text, str):
            text = text.translate(self._subst)
        return float(super().stringWidth(text, size, encoding))

    @property
    def fingerprint(self) -> str:
        """First 16 hex digits of the SHA-256 of the font file, and the face index."""
        if not self._fingerprint:
            digest = hashlib.sha256(self.path.read_bytes()).hexdigest()[:16]
            self._fingerprint = f"{digest}#{self.index}"
        return self._fingerprint


@dataclass(frozen=True)
class FontChoice:
    """Fonts the administrator picked: "" = the shipped one; else a path (``x.ttc#1``)."""

    document: str = ""
    label: str = ""


_lock = threading.RLock()
_by_spec: dict[tuple[str, str], str] = {}
_SHIPPED = FontChoice()
_choice: contextvars.ContextVar[FontChoice | None] = contextvars.ContextVar(
    "counter_font_choice", default=None
)


def _split_index(spec: str) -> tuple[Path, int]:
    """``"/f/x.ttc#2"`` → (path, 2); no suffix → index 0."""
    head, sep, tail = spec.rpartition("#")
    if sep and tail.isdigit():
        return Path(head), int(tail)
    return Path(spec), 0


def register_font(name: str, path: Path, index: int = 0, spec: str = "") -> CheckedTTFont:
    """Register the face ``index`` of ``path`` as ``name``, without `REQUIRED_TEXT` check."""
    spec = spec or str(path)
    if not path.is_file():
        raise FontUnusable(spec, "missing", str(path))
    try:
        font = CheckedTTFont(name, path, index)
    except (TTFError, OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        # CFF-flavoured OpenType (.otf, Noto/Source Han) and fonts whose licence forbids
        # embedding land here: reportlab cannot embed them.
        raise FontUnusable(spec, "not_truetype", str(exc)) from exc
    pdfmetrics.registerFont(font)
    if pdfmetrics.getFont(name) is not font:
        # reportlab aliases a new name to a font registered earlier with the same face
        # name: another file (another version, a subset) would be drawn with the old one.
        pdfmetrics._fonts[name] = font
    # Paragraph markup such as <b> must never fail: every style maps to the same face
    # (bold is drawn by the renderers, filling and stroking the outline).
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return font


def load_font(spec: str) -> str:
    """Register the TrueType font at ``spec`` (once per process) and check it draws
    `REQUIRED_TEXT`; returns its reportlab name. `FontUnusable` when it cannot print."""
    spec = spec.strip()
    key = ("user", spec)
    with _lock:
        if key in _by_spec:
            return _by_spec[key]
        path, index = _split_index(spec)
        name = "CounterFont-" + hashlib.sha256(spec.encode()).hexdigest()[:10]
        font = register_font(name, path, index, spec)
        lacking = font.missing(REQUIRED_TEXT)
        if lacking:
            raise FontUnusable(spec, "lacks", chars=lacking)
        _by_spec[key] = name
        return name


def _shipped(name: str, path: Path, index: int) -> str:
    key = ("shipped", name)
    with _lock:
        if key not in _by_spec:
            register_font(name, path, index)
            _by_spec[key] = name
        return _by_spec[key]


def _override() -> str:
    return os.environ.get(ENV_VAR, "").strip()


def serif_font() -> str:
    """The reportlab name of the Song/serif face for certificates and documents."""
    spec = _override() or (_choice.get() or _SHIPPED).document
    return load_font(spec) if spec else _shipped(SERIF_NAME, SERIF_FONT_PATH, SERIF_FONT_INDEX)


def sans_font() -> str:
    """The reportlab name of the sans face for labels (drawn bold by the renderer)."""
    spec = _override() or (_choice.get() or _SHIPPED).label
    return load_font(spec) if spec else _shipped(SANS_NAME, SANS_FONT_PATH, SANS_FONT_INDEX)


def cjk_font() -> str:
    """The document face (`serif_font`); kept for renderers written before the split."""
    return serif_font()


def cjk_bold_font() -> str:
    """Bold document text: the same face (callers fake bold with a stroked fill)."""
    return serif_font()


@contextmanager
def using(choice: FontChoice) -> Iterator[None]:
    """Render with the administrator's ``choice`` in this thread / context."""
    token = _choice.set(choice)
    try:
        yield
    finally:
        _choice.reset(token)


def checked_font(font_name: str) -> CheckedTTFont:
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, CheckedTTFont):
        raise ValueError(f"{font_name} is not a checked, embedded font")
    return font


def check_text(font_name: str, text: str) -> str:
    """``text`` as the font draws it; `MissingGlyphs` when it lacks a character."""
    return checked_font(font_name).checked(text)


@dataclass(frozen=True)
class FontRecord:
    """Which font a stored document was drawn with: family and file fingerprint."""

    family: str
    fingerprint: str


def font_record(font_name: str) -> FontRecord:
    font = checked_font(font_name)
    return FontRecord(font.family, font.fingerprint)
