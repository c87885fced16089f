from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing import fonts
from printing.fonts import FALLBACK_FONT, cjk_bold_font, cjk_font, register_cjk_font
from tests.printing.pdftools import pdf_page_texts

NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _round_trip(font: str, text: str) -> str:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 60))
    canvas.setFont(font, 12)
    canvas.drawString(10, 20, text)
    canvas.showPage()
    canvas.save()
    return pdf_page_texts(buffer.getvalue())[0]


def test_cjk_font_draws_chinese() -> None:
    font = cjk_font()
    assert cjk_font() == font  # cached
    assert cjk_bold_font()
    assert stringWidth("计量收发台", font, 10) > 40
    assert _round_trip(font, "计量收发台 加急 2026-11-30") == "计量收发台 加急 2026-11-30"


def test_missing_fonts_fall_back_to_builtin_cid_font(tmp_path: Path) -> None:
    assert register_cjk_font([tmp_path / "missing.ttf"]) == FALLBACK_FONT
    assert _round_trip(FALLBACK_FONT, "收件回执") == "收件回执"


def test_files_that_are_not_embeddable_truetype_are_skipped(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.ttf"
    garbage.write_bytes(b"not a font at all" * 10)
    cff = tmp_path / "cff.otf"
    cff.write_bytes(b"OTTO" + bytes(200))
    assert register_cjk_font([garbage, cff]) == FALLBACK_FONT


@pytest.mark.skipif(not NOTO_CFF.exists(), reason="Noto CJK (CFF outlines) not installed")
def test_cff_collection_is_skipped() -> None:
    assert register_cjk_font([NOTO_CFF]) == FALLBACK_FONT


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans not installed")
def test_truetype_without_chinese_is_skipped() -> None:
    assert register_cjk_font([DEJAVU]) == FALLBACK_FONT


def test_override_path_comes_first_and_builtin_can_be_forced() -> None:
    assert fonts._candidates("/x/y.ttf")[0] == "/x/y.ttf"
    assert fonts._candidates("STSong-Light") == ()
    assert fonts._candidates("") == fonts.SYSTEM_FONT_CANDIDATES


@pytest.mark.skipif(
    not any(Path(p).exists() for p in fonts.SYSTEM_FONT_CANDIDATES),
    reason="no TrueType CJK font on this machine",
)
def test_system_truetype_font_is_embedded() -> None:
    name = register_cjk_font(fonts.SYSTEM_FONT_CANDIDATES)
    assert name.startswith("CounterCJK-")
    assert _round_trip(name, "计量") == "计量"
