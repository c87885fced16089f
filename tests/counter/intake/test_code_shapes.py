"""Which text is one of our numbers (taken by the scanner from anywhere) and which is not."""

from __future__ import annotations

import pytest

from counter.intake.numbering import item_number, order_number, statement_number
from counter.intake.rules.code_shapes import code_kind, is_our_code
from counter.release.numbers import release_number


def test_every_number_we_issue_is_recognised() -> None:
    order = order_number(2026, "counter", 123)
    assert code_kind(order) == "order"
    assert code_kind(order_number(2026, "mail", 1234567)) == "order"
    assert code_kind(item_number(order, 7)) == "item"
    assert code_kind(statement_number(2026, 5)) == "statement"
    assert code_kind(release_number(2026, 5)) == "release"
    assert code_kind(item_number(order, 7) + "-002") == "certificate"
    assert code_kind(" f2026000005 ") == "statement"  # a scanner in caps lock, a stray blank
    assert code_kind("yy2026000012") == "appointment"  # counter.appointments' slip number


@pytest.mark.parametrize(
    "text",
    [
        "S2026002",  # a customer's serial
        "SF1234567890",  # a courier's tracking number
        "773012345678901",  # a numeric tracking number, 15 digits like an item number
        "13812345678",  # a mobile number: the layout of an order number, not its year
        "2026500000100",  # channel digit 5 does not exist
        "91310110666007217T",  # a credit code
        "",
    ],
)
def test_other_codes_are_not_ours(text: str) -> None:
    assert code_kind(text) == "" and not is_our_code(text)
