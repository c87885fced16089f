"""Every user-visible string has an English translation, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from counter import i18n
from counter.locale import load_catalog

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _literals() -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in ("counter", "ui", "main.py"):
        paths = [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")
        for path in paths:
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "_"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found[node.args[0].value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_string_has_an_english_entry() -> None:
    catalog = load_catalog()
    missing = [f"{where}: {text!r}" for text, where in _literals().items() if text not in catalog]
    assert not missing, "no English for:\n" + "\n".join(sorted(missing))


def test_placeholders_match() -> None:
    catalog = load_catalog()
    wrong = [
        f"{zh!r} -> {en!r}"
        for zh, en in catalog.items()
        if sorted(PLACEHOLDER.findall(zh)) != sorted(PLACEHOLDER.findall(en))
    ]
    assert not wrong, "\n".join(wrong)


def test_language_switch() -> None:
    try:
        i18n.set_language("en")
        assert i18n._("计量收发台") == "Metrology Counter"
        i18n.set_language("zh")
        assert i18n._("计量收发台") == "计量收发台"
        with pytest.raises(ValueError):
            i18n.set_language("fr")
    finally:
        i18n.set_language("zh")
