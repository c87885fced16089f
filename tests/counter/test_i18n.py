"""Every user-visible string has English in the gettext catalogue, and the app reads it.

The texts are extracted from the source tree now, with Babel and the markers set in
pyproject.toml (`_`, `N_`, `defect(code, template)`), and compared with
counter/locale/en/LC_MESSAGES/counter.po by msgid only (never by the `#:` locations,
which follow modules as they move).  `uv run python tools/i18n.py check` lists the same.
"""

from __future__ import annotations

import ast
import functools
import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from counter import i18n
from tools.i18n import (
    ROOT,
    SOURCES,
    extract,
    mo_path,
    placeholders,
    po_path,
    read_catalog,
    read_compiled,
    translated,
)

#: the argument of each marker that is the text (0-based): `defect(code, "…")`
MARKERS = {"_": 0, "N_": 0, "defect": 1}
#: variables that `_()` may translate: each holds a text marked with N_ where it is defined
TRANSLATED_VARIABLES = {"said"}  # a json error message, from a table of N_("…")


@functools.cache
def extracted() -> dict[str, list[str]]:
    return extract()


@functools.cache
def english() -> dict[str, str]:
    catalog = read_catalog("en")
    return {str(m.id): str(m.string) for m in catalog if m.id}


def _marker_calls() -> list[tuple[str, ast.Call, str]]:
    calls = []
    for source in SOURCES:
        top = ROOT / source
        for path in [top] if top.is_file() else sorted(top.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in MARKERS
                ):
                    calls.append((node.func.id, node, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return calls


def test_babel_finds_every_marked_text() -> None:
    """What Babel extracts is what the code marks (an f-string hides `_()` from Babel)."""
    found = extracted()
    assert len(found) > 1000
    marked = {}
    for name, call, where in _marker_calls():
        position = MARKERS[name]
        if len(call.args) > position:
            arg = call.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                marked[arg.value] = where
    missed = [f"{where}: {text!r}" for text, where in marked.items() if text not in found]
    assert not missed, "Babel does not see (inside an f-string?):\n" + "\n".join(missed)
    assert "证书类型与检定结果矛盾" in found  # N_: a rule's title, in a table
    assert "缺检定地点" in found  # defect(code, template)


def test_translate_only_literals() -> None:
    wrong = [
        f"{where}: {ast.unparse(call)}"
        for name, call, where in _marker_calls()
        if name in ("_", "N_")
        and not (
            len(call.args) == 1
            and (
                (isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str))
                or (name == "_" and ast.unparse(call.args[0]) in TRANSLATED_VARIABLES)
            )
        )
    ]
    assert not wrong, "_() and N_() take one string literal:\n" + "\n".join(wrong)


def test_every_extracted_text_has_english() -> None:
    catalog = english()
    missing = [
        f"{where[0]}: {text!r}" for text, where in extracted().items() if not catalog.get(text)
    ]
    assert not missing, (
        "no English (uv run python tools/i18n.py extract, fill in the .po, compile):\n"
        + "\n".join(sorted(missing))
    )


def test_no_english_for_texts_the_code_no_longer_has() -> None:
    assert sorted(set(english()) - set(extracted())) == []


def test_no_fuzzy_entries() -> None:
    fuzzy = [m.id for m in read_catalog("en") if m.id and m.fuzzy]
    assert fuzzy == [], "review these guesses, then remove their '#, fuzzy' line"


def test_placeholders_match() -> None:
    wrong = [
        f"{zh!r} -> {en!r}" for zh, en in english().items() if placeholders(zh) != placeholders(en)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_placeholder_reader() -> None:
    assert placeholders("第 {seq} 条（{at:%Y-%m-%d}）%s") == ["%d", "%s", "{at:%Y-%m-%d}", "{seq}"]
    assert placeholders("+{percent}% for {condition}") == ["{condition}", "{percent}"]
    assert placeholders('或 {"certificates": [...]}') == placeholders('or {"certificates": [...]}')
    assert placeholders("{n} 件") != placeholders("{count} items")


def test_the_compiled_catalogue_is_the_po() -> None:
    catalog = read_catalog("en")
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    assert translated(read_compiled("en")) == translated(read_mo(compiled)) == translated(catalog)


def test_the_app_shows_every_english_entry() -> None:
    """counter.i18n reads the .mo with the standard library's gettext."""
    i18n.set_language("en")
    try:
        wrong = {zh: en for zh, en in english().items() if i18n._(zh) != en}
    finally:
        i18n.set_language("zh")
    assert wrong == {}
    assert mo_path("en").parent == i18n.LOCALE_DIR / "en" / "LC_MESSAGES"


def test_language_switch() -> None:
    try:
        i18n.set_language("en")
        assert i18n._("计量收发台") == "Metrology Counter"
        assert i18n._("") == ""  # not the catalogue's header
        i18n.set_language("zh")
        assert i18n._("计量收发台") == "计量收发台"
        assert i18n.english("计量收发台") == "Metrology Counter"
        with pytest.raises(ValueError):
            i18n.set_language("fr")
    finally:
        i18n.set_language("zh")


def test_the_documented_command_extracts_the_same(tmp_path: Path) -> None:
    """README's `pybabel extract -F pyproject.toml …` finds what this test checks."""
    template = tmp_path / "counter.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract",
         "-F", "pyproject.toml", "-o", str(template), *SOURCES],
        cwd=ROOT, check=True,
    )  # fmt: skip
    with template.open("rb") as f:
        assert {m.id for m in read_po(f) if m.id} == set(extracted())
    assert po_path("en").exists()
