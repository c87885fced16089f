"""Keyboard mnemonics ("&X") in English: English letters inside the English words."""

from __future__ import annotations

import re

from tools.i18n import read_catalog, translated

CHINESE_MNEMONIC = re.compile(r"\(&(\w)\)")
#: English "&" in texts that have no mnemonic; each place that shows them writes "&&"
ESCAPED_WHERE_SHOWN = {"标准器与授权"}  # a screen's tab and View-menu entry (MainWindow)


def mnemonics(text: str) -> list[str]:
    return re.findall(r"&(.)", text.replace("&&", ""))


def test_english_mnemonics_are_english_letters_in_the_words() -> None:
    wrong = []
    for zh, en in translated(read_catalog("en")).items():
        if not CHINESE_MNEMONIC.search(zh):
            continue
        letters = mnemonics(en)
        if len(letters) != 1 or not letters[0].isascii() or not letters[0].isalnum():
            wrong.append(f"{zh!r} -> {en!r}: needs exactly one &letter")
        elif CHINESE_MNEMONIC.search(en):
            wrong.append(f"{zh!r} -> {en!r}: Chinese-style (&X) suffix; mark a letter of a word")
    assert not wrong, "\n".join(wrong)


def test_no_english_text_gains_a_mnemonic_the_chinese_has_not() -> None:
    wrong = [
        f"{zh!r} -> {en!r}"
        for zh, en in translated(read_catalog("en")).items()
        if mnemonics(en) and not mnemonics(zh) and zh not in ESCAPED_WHERE_SHOWN
    ]
    assert not wrong, "a single '&' is eaten by Qt labels; write 'and' or escape it:\n" + "\n".join(
        wrong
    )
