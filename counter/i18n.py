"""Translation of user-visible text.

Source strings are Simplified Chinese (the default language); English is a
catalogue keyed by the Chinese text.  The language is chosen once per process
(`set_language`) before any window opens.  This module has no Qt in it so that
messages raised by `counter/` reach the clerk in their language too.
"""

from __future__ import annotations

from counter.locale import load_catalog

_language = "zh"
_catalog: dict[str, str] | None = None

LANGUAGES = ("zh", "en")


def set_language(language: str) -> None:
    """Select "zh" (default) or "en" for every later `_()` call."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {LANGUAGES}")
    _language = language


def language() -> str:
    return _language


def _(text: str) -> str:
    """Return `text` (Chinese source) in the current language."""
    global _catalog
    if _language == "en":
        if _catalog is None:
            _catalog = load_catalog()
        return _catalog.get(text, text)
    return text
