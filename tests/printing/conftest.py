from __future__ import annotations

from pathlib import Path

import pytest

from tests.printing.fontfakes import cjk_font_without_digits


@pytest.fixture(scope="session")
def droid_like_font(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CJK TrueType font with no 0–9 and no A–Z, like DroidSansFallbackFull.ttf."""
    return cjk_font_without_digits(tmp_path_factory.mktemp("fonts") / "droid-like.ttf")
