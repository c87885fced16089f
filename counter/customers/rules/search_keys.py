"""Pinyin search keys for customer and instrument-type names.

Clerks find "聊城计量" by typing "lcjl" (initials) or "liaocheng" (full pinyin).
Keys are stored next to the name and compared with `normalize_query(q)`.

Heteronyms use pypinyin's default reading, which looks at common phrases
(重庆 → chongqing, 银行 → yinhang).  ü is written "v" (绿 → lv), as in Chinese
input methods.  ASCII letters and digits in the name are kept (lower-cased,
full-width made half-width) in both keys; everything else — punctuation,
spaces, other scripts — is dropped.
"""

from __future__ import annotations

import re


def to_half_width(text: str) -> str:
    """Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) to ASCII."""
    out = []
    for char in text:
        code = ord(char)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(char)
    return "".join(out)


def _ascii_alnum(parts: list[str]) -> str:
    return "".join(c for c in "".join(parts).lower() if c.isascii() and c.isalnum())


INITIALS_MAX = 128
FULL_PINYIN_MAX = 512


def name_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of `name`, lowercase ASCII without separators.

    >>> name_keys("聊城计量")
    ('lcjl', 'liaochengjiliang')
    """
    # imported here: its phrase dictionary takes a third of a second to load
    from pypinyin import Style, lazy_pinyin

    text = to_half_width(name)
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER)
    full = lazy_pinyin(text, style=Style.NORMAL)
    # search aids only: cut to their columns (a 128-character name can spell 700 letters)
    return _ascii_alnum(initials)[:INITIALS_MAX], _ascii_alnum(full)[:FULL_PINYIN_MAX]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalize_query(q: str) -> str:
    """What the clerk typed, ready to compare with keys and names.

    Strips surrounding whitespace, makes full-width digits and letters
    half-width and lower-cases; Chinese text and punctuation are kept.
    """
    return to_half_width(_CONTROL.sub("", q).strip()).lower()


def pick_choice(labels: list[str], typed: str) -> int:
    """The first of `labels` the typed letters start: pinyin initials, full pinyin or the
    label itself ("m" → 贸易结算, "jz" → 校准, "u" → Urgent); -1 when none does."""
    q = normalize_query(typed)
    if not q:
        return -1
    for position, label in enumerate(labels):
        initials, full = name_keys(label)
        if initials.startswith(q) or full.startswith(q) or normalize_query(label).startswith(q):
            return position
    return -1
