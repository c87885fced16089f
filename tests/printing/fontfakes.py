"""Fonts built for tests: a CJK font with no digits or Latin, as Debian's Droid fallback."""

from __future__ import annotations

from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

from printing.fonts import SANS_FONT_PATH

#: Chinese the printouts use; the fake font has these and nothing else (no 0–9, no A–Z).
CHINESE_ONLY = (
    "计量收发台约定日期检定证书校准检测报告收件回执委托单号器具名称送检单位第页共年月日"
    "清单编号开具交接加急仪器标签科室测试所示例市路地址电话：（）　、，。"
)


def cjk_font_without_digits(path: Path, keep: str = CHINESE_ONLY) -> Path:
    """Write to ``path`` a TrueType font with only the characters of ``keep``."""
    with TTFont(str(SANS_FONT_PATH), fontNumber=0, lazy=True) as font:
        _subset(font, keep)
        font.save(str(path))
    return path


def _subset(font: TTFont, keep: str) -> None:
    options = Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in keep if not c.isspace()] + [0x20, 0x3000])
    subsetter.subset(font)
