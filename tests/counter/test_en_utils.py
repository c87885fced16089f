"""The English catalogue counter/locale/en_utils.py covers the utility modules."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from counter.locale.en_utils import EN

MODULES = (
    "customers/rules/credit_code.py",
    "admin/rules/workdays.py",
    "customers/rules/search_keys.py",
    "money.py",
)
COUNTER = Path(__file__).resolve().parents[2] / "counter"


def _literals(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


ALL_LITERALS = set().union(*(_literals(COUNTER / m) for m in MODULES))


def test_modules_use_translations() -> None:
    assert len(ALL_LITERALS) >= 10


@pytest.mark.parametrize("source", sorted(ALL_LITERALS))
def test_every_literal_has_english(source: str) -> None:
    assert source in EN
    assert EN[source].strip()
    assert _fields(EN[source]) == _fields(source)


def test_no_stale_entries() -> None:
    assert set(EN) == ALL_LITERALS
