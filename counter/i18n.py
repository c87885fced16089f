"""Translation of user-visible text.

Source strings are Simplified Chinese (the default language); English is the gettext
catalogue `counter/locale/en/LC_MESSAGES/counter.po`, compiled to `counter.mo` beside
it and read here with the standard library's `gettext` (Babel only extracts and
compiles: `uv run python tools/i18n.py`).  The language is chosen once per process
(`set_language`) before any window opens.  This module has no Qt in it so that
messages raised by `counter/` reach the clerk in their language too.

Three markers are extracted into the catalogue: `_("…")` translates now; `N_("…")`
marks a text kept in a constant or a table and translated where it is shown
(`_(text)` or `english(text)`); the template of `defect(code, "…")` (certificate
checks) is the third.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "counter"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")

_language = SOURCE_LANGUAGE
_loaded: dict[str, gettext.NullTranslations] = {}


def set_language(language: str) -> None:
    """Select "zh" (default) or "en" for every later `_()` call."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {LANGUAGES}")
    _language = language


def language() -> str:
    return _language


def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of `language`; the source language has none and reads as written.

    A missing catalogue of any other language is an installation fault and raises
    `FileNotFoundError` rather than silently showing Chinese.
    """
    found = _loaded.get(language)
    if found is None:
        found = gettext.translation(
            DOMAIN,
            LOCALE_DIR,
            languages=[language],
            fallback=language == SOURCE_LANGUAGE,
        )
        _loaded[language] = found
    return found


def _(text: str) -> str:
    """Return `text` (Chinese source) in the current language."""
    if _language == SOURCE_LANGUAGE or not text:  # gettext("") would be the catalogue header
        return text
    return translations(_language).gettext(text)


def english(text: str) -> str:
    """`text` in English whatever the current language (messages kept in both languages)."""
    return translations("en").gettext(text) if text else text


def N_(text: str) -> str:
    """Mark `text` for the catalogue without translating it here (gettext's usual name)."""
    return text
