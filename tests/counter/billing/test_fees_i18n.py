"""Every `_()` text in counter/fees has its English, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from counter.locale import load_catalog
from counter.locale.en_fees import EN

FEES = Path(__file__).resolve().parents[3] / "counter" / "billing" / "rules"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _texts() -> set[str]:
    found: set[str] = set()
    for path in FEES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def test_every_fees_text_is_translated() -> None:
    catalog = load_catalog()
    assert sorted(t for t in _texts() if t not in catalog) == []


def test_placeholders_match_and_nothing_unused() -> None:
    for zh, en in EN.items():
        assert sorted(PLACEHOLDER.findall(zh)) == sorted(PLACEHOLDER.findall(en)), zh
    assert sorted(set(EN) - _texts()) == []
