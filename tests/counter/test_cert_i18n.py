"""Certificate checks speak both languages: rule titles and defect messages.

That every defect template and title has English with the same placeholders is
checked with the rest of the catalogue in tests/counter/test_i18n.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from counter import i18n
from counter.certificates.rules import RULES, check_certificate
from counter.certificates.rules.sample_certificates import clean
from counter.certificates.rules.samples import sample_context


def test_rule_titles_in_english() -> None:
    for rule in RULES.values():
        assert rule.title_en and rule.title_en != rule.title


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


def test_both_languages_whatever_the_current_one() -> None:
    (found,) = check_certificate(replace(clean("scale"), checker=""), sample_context())
    assert (found.message, found.message_en) == ("缺核验员", "No checker named")
    rule = RULES[found.code]
    assert rule.title_en != rule.title
