"""Every message the certificate code can produce exists in Chinese and English."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from counter import i18n
from counter.certificates.rules import RULES, check_certificate
from counter.certificates.rules.sample_certificates import clean
from counter.certificates.rules.samples import sample_context
from counter.locale.en_certificates import EN

PACKAGE = Path(__file__).parents[2] / "counter" / "certificates" / "rules"


def _literals(function: str, position: int) -> Iterator[tuple[str, str]]:
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == function
                and len(node.args) > position
            ):
                arg = node.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield path.name, arg.value


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


TEMPLATES = sorted(set(_literals("defect", 1)))
CALLS = sorted(set(_literals("_", 0)))


def test_found_the_messages() -> None:
    assert len(TEMPLATES) > 60 and len(CALLS) > 20


@pytest.mark.parametrize(("module", "template"), TEMPLATES + CALLS)
def test_english_exists_with_the_same_placeholders(module: str, template: str) -> None:
    assert template in EN, f"{module}: no English for {template!r}"
    assert _fields(EN[template]) == _fields(template)


def test_rule_titles_in_english() -> None:
    for rule in RULES.values():
        assert rule.title_en and rule.title_en != rule.title


def test_no_stale_english() -> None:
    used = {t for _, t in TEMPLATES + CALLS} | {r.title for r in RULES.values()}
    used |= {zh for zh in EN if zh in (PACKAGE / "json_import.py").read_text("utf-8")}
    assert set(EN) - used == set()


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("zh")


def test_defect_message_follows_the_language(english: None) -> None:
    (found,) = check_certificate(replace(clean("scale"), checker=""), sample_context())
    assert found.message == "No checker named" == found.message_en
    assert found.message_zh == "缺核验员"
