"""Which fonts the printouts use, and what the clerk reads when a font cannot print.

The shipped fonts are used unless the administrator picked another TrueType font in
the settings (`InstituteSettings.document_font` / `label_font`).  Rendering happens
inside `printing_fonts(settings)`: the choice applies, and a character the font lacks
(or a chosen font that cannot be used any more) becomes a `CounterError` naming the
characters and the font, instead of a printout with blanks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from counter.errors import CounterError
from counter.i18n import _
from printing.fonts import FontChoice, FontUnusable, MissingGlyphs, load_font, using


class FontSettings(Protocol):
    """The two font choices of the institute settings (`InstituteSettings` has them)."""

    @property
    def document_font(self) -> str: ...

    @property
    def label_font(self) -> str: ...


class FontCannotPrint(CounterError):
    """The printout was refused: its font cannot draw part of the text."""


def missing_glyphs_message(error: MissingGlyphs) -> str:
    return _("字体 {font} 缺少字符：{chars}，请在系统设置中改用随附字体或其他完整的字体").format(
        font=error.font, chars=" ".join(error.chars)
    )


def unusable_message(error: FontUnusable) -> str:
    name = Path(error.spec).name or error.spec
    if error.reason == "missing":
        return _("找不到字体文件 {font}").format(font=error.spec)
    if error.reason == "lacks":
        return _("字体 {font} 缺少必需的字符：{chars}").format(
            font=name, chars=" ".join(error.chars)
        )
    return _("字体 {font} 不是可嵌入 PDF 的 TrueType 字体（{detail}）").format(
        font=name, detail=error.detail
    )


def font_problems(settings: FontSettings) -> list[str]:
    """Why the fonts picked in ``settings`` cannot print; empty when they can (or none)."""
    problems = []
    for title, spec in (
        (_("文书字体"), settings.document_font),
        (_("标签字体"), settings.label_font),
    ):
        if spec.strip():
            try:
                load_font(spec)
            except FontUnusable as error:
                problems.append(f"{title}：{unusable_message(error)}")
    return problems


@contextmanager
def printing_fonts(settings: FontSettings) -> Iterator[None]:
    """Render with the fonts of ``settings``; font failures become clear `CounterError`s."""
    try:
        with using(FontChoice(settings.document_font.strip(), settings.label_font.strip())):
            yield
    except MissingGlyphs as error:
        raise FontCannotPrint(missing_glyphs_message(error)) from error
    except FontUnusable as error:
        raise FontCannotPrint(unusable_message(error)) from error
