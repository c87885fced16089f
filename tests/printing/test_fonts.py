"""The fonts printouts are drawn with: shipped, checked glyph by glyph, never a blank."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from printing import fonts
from printing.fonts import (
    SANS_FONT_PATH,
    SERIF_FONT_PATH,
    FontChoice,
    FontUnusable,
    MissingGlyphs,
    font_record,
    sans_font,
    serif_font,
    using,
)
from tests.printing.pdftools import pdf_page_texts

#: Everything a certificate or label of the institute may print, symbols included.
SYMBOLS = "0123456789 ABCXYZ abcxyz ℃ ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ ± µ Ω ² ³ ‰ ～ — …"


def _round_trip(font: str, text: str) -> str:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(500, 60))
    canvas.setFont(font, 12)
    canvas.drawString(10, 20, text)
    canvas.showPage()
    canvas.save()
    return pdf_page_texts(buffer.getvalue())[0]


def test_shipped_song_face_draws_chinese_digits_latin_and_symbols() -> None:
    font = serif_font()
    assert serif_font() == font == "CounterSong"  # registered once
    text = f"计量收发台 约定日期 2026-11-30 {SYMBOLS}"
    assert _round_trip(font, text) == text
    assert font_record(font).family == "AR PL UMing CN"


def test_shipped_sans_face_prints_degrees_celsius_as_its_equivalent() -> None:
    """WenQuanYi Micro Hei maps "℃", "Ⅴ", "Ⅹ" to empty outlines: "°C", "V", "X" are drawn."""
    font = sans_font()
    assert font == "CounterSans"
    drawn = f"温度计 {SYMBOLS}".replace("℃", "°C").replace("Ⅴ", "V").replace("Ⅹ", "X")
    assert _round_trip(font, f"温度计 {SYMBOLS}") == drawn
    assert font_record(font).family == "WenQuanYi Micro Hei"


def test_fingerprint_is_the_font_files_sha256() -> None:
    record = font_record(serif_font())
    assert (
        record.fingerprint == hashlib.sha256(SERIF_FONT_PATH.read_bytes()).hexdigest()[:16] + "#0"
    )
    assert font_record(sans_font()).fingerprint.startswith(
        hashlib.sha256(SANS_FONT_PATH.read_bytes()).hexdigest()[:16]
    )


def test_a_character_the_font_lacks_is_an_error_naming_it_not_a_blank() -> None:
    with pytest.raises(MissingGlyphs) as caught:
        _round_trip(serif_font(), "送检单位 㐀记五金 㐀")  # a rare character in a name
    assert caught.value.chars == "㐀"
    assert caught.value.font == "AR PL UMing CN（uming.ttc）"


def test_droid_like_font_draws_no_blank_digits(droid_like_font: Path) -> None:
    """The issue's case: a CJK font without 0–9 would print "约定日期" and no date."""
    fonts.register_font("DroidLike", droid_like_font)  # shares its face name with ours
    assert _round_trip("DroidLike", "约定日期") == "约定日期"
    with pytest.raises(MissingGlyphs) as caught:
        _round_trip("DroidLike", "约定日期 2026-11-30")
    assert caught.value.chars == "206-13"
    assert "2 0 6 - 1 3" in str(caught.value)


def test_droid_like_font_is_refused_when_chosen(droid_like_font: Path) -> None:
    with pytest.raises(FontUnusable) as caught:
        fonts.load_font(str(droid_like_font))
    assert caught.value.reason == "lacks"
    assert caught.value.chars.startswith("0123456789abc") and "XYZ" in caught.value.chars
    with using(FontChoice(document=str(droid_like_font))), pytest.raises(FontUnusable):
        serif_font()
    assert serif_font() == "CounterSong"  # outside the choice: the shipped face again


def test_expert_override_goes_through_the_same_check(
    droid_like_font: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(fonts.ENV_VAR, str(droid_like_font))
    with pytest.raises(FontUnusable):
        sans_font()
    monkeypatch.setenv(fonts.ENV_VAR, "STSong-Light")  # the old non-embedded fallback is gone
    with pytest.raises(FontUnusable) as caught:
        serif_font()
    assert caught.value.reason == "missing"
    monkeypatch.setenv(fonts.ENV_VAR, f"{SANS_FONT_PATH}#0")
    assert _round_trip(serif_font(), "检定 2026") == "检定 2026"


def test_a_complete_font_may_be_chosen() -> None:
    with using(FontChoice(document=str(SANS_FONT_PATH), label=f"{SERIF_FONT_PATH}#0")):
        assert font_record(serif_font()).family == "WenQuanYi Micro Hei"
        assert font_record(sans_font()).family == "AR PL UMing CN"


def test_files_that_are_not_embeddable_truetype_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.ttf"
    garbage.write_bytes(b"not a font at all" * 10)
    cff = tmp_path / "cff.otf"
    cff.write_bytes(b"OTTO" + bytes(200))
    for path in (garbage, cff):
        with pytest.raises(FontUnusable) as caught:
            fonts.load_font(str(path))
        assert caught.value.reason == "not_truetype"
    with pytest.raises(FontUnusable) as caught:
        fonts.load_font(str(tmp_path / "missing.ttf"))
    assert caught.value.reason == "missing"


def test_no_system_font_is_looked_for() -> None:
    """The shipped faces live in the project, whatever the machine has installed."""
    assert SERIF_FONT_PATH.is_relative_to(Path(fonts.__file__).parent)
    assert SANS_FONT_PATH.is_relative_to(Path(fonts.__file__).parent)
    assert not hasattr(fonts, "SYSTEM_FONT_CANDIDATES")


def test_minus_and_diameter_signs_print_as_their_usual_equivalents() -> None:
    """AR PL UMing has no "−" (U+2212) nor "⌀": "-" and "Ø" are drawn, not blanks."""
    assert _round_trip(serif_font(), "误差 −0.5 mm ⌀10") == "误差 -0.5 mm Ø10"


def test_reportlab_runs_with_its_c_accelerator() -> None:
    """`reportlab[accel]` (rl_accel) halves the time of every PDF the counter prints
    (number formatting and text widths); without it reportlab silently falls back to
    Python.  A lock file that lost the extra would show up here, not at the counter."""
    from reportlab.lib import rl_accel

    assert {"fp_str", "instanceStringWidthTTF", "escapePDF"} <= set(rl_accel._c_funcs)
