"""Shared data and small text helpers for every printed document."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class InstituteInfo:
    """Who issues the document: printed in headers and footers."""

    name: str
    address: str = ""
    phone: str = ""
    authorisation_no: str = ""
    terms: str = ""  # the receipt's terms text; may hold several lines


def one_line(text: str) -> str:
    """Collapse newlines, tabs and runs of spaces so a value prints on one line."""
    return _SPACES.sub(" ", text).strip()


def fit_text(
    text: str,
    width_of: Callable[[str, float], float],
    max_width: float,
    size: float,
    min_size: float,
) -> tuple[str, float]:
    """Make ``text`` fit ``max_width``: shrink the size down to ``min_size``, then cut it.

    ``width_of(text, size)`` measures the text in the caller's unit. A cut text ends
    with "…". Returns the text to draw and the size to draw it at.
    """
    if max_width <= 0:
        return "", min_size
    width = width_of(text, size)
    if width <= max_width:
        return text, size
    shrunk = size * max_width / width
    if shrunk >= min_size:
        return text, shrunk
    lo, hi = 0, len(text)  # longest prefix that fits together with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width_of(text[:mid].rstrip() + ELLIPSIS, min_size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return (ELLIPSIS if width_of(ELLIPSIS, min_size) <= max_width else ""), min_size
    return text[:lo].rstrip() + ELLIPSIS, min_size


def fit_first(
    texts: Sequence[str],
    width_of: Callable[[str, float], float],
    max_width: float,
    size: float,
    min_size: float,
) -> tuple[str, float]:
    """Like ``fit_text`` for the first of ``texts`` that fits whole; else cut the last one."""
    for text in texts[:-1]:
        fitted, fitted_size = fit_text(text, width_of, max_width, size, min_size)
        if fitted == text:
            return fitted, fitted_size
    return fit_text(texts[-1], width_of, max_width, size, min_size)
