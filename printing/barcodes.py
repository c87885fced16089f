"""Code 128 drawn as vector rectangles on a reportlab canvas (sharp at any printer resolution)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import barcode
from barcode.errors import BarcodeError

_BARS = re.compile("1+")


@lru_cache(maxsize=4096)
def code128_modules(code: str) -> str:
    """The module pattern of ``code`` as Code 128: '1' = bar, '0' = space, no quiet zones.

    Includes start, check and stop symbols. Raises ``ValueError`` for an empty code or
    characters Code 128 cannot carry (anything outside ASCII).
    """
    if not code:
        raise ValueError("cannot encode an empty code as Code 128")
    try:
        built: list[str] = barcode.Code128(code).build()
    except (BarcodeError, KeyError, RuntimeError) as exc:
        raise ValueError(f"cannot encode {code!r} as Code 128: {exc}") from exc
    return built[0]


def module_count(code: str, quiet_zone_modules: int = 10) -> int:
    """Total width of the symbol in modules, quiet zones on both sides included."""
    return len(code128_modules(code)) + 2 * quiet_zone_modules


def draw_code128(
    canvas: Any,
    code: str,
    x: float,
    y: float,
    width: float,
    height: float,
    quiet_zone_modules: int = 10,
) -> None:
    """Draw ``code`` as Code 128 bars in the box (x, y, width, height), y at the bottom.

    The module width is chosen so symbol plus quiet zones exactly fill ``width``; the
    quiet zones are left blank (the caller keeps that area free of other marks).
    """
    modules = code128_modules(code)
    module = width / (len(modules) + 2 * quiet_zone_modules)
    left = x + quiet_zone_modules * module
    # Raw PDF operators in module units: one rectangle per bar, filled black in one go.
    # (reportlab's path API formats every number in pure Python: 10x slower for this.)
    bars = " ".join(f"{m.start()} 0 {m.end() - m.start()} 1 re" for m in _BARS.finditer(modules))
    canvas.addLiteral(f"q 0 g {module:.5f} 0 0 {height:.4f} {left:.4f} {y:.4f} cm {bars} f Q")
