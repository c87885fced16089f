"""Every way in has its own channel digit in the order number, and items follow their order."""

from __future__ import annotations

import pytest

from counter.intake.catalog import list_types
from counter.intake.numbering import CHANNEL_DIGITS
from counter.intake.receive import ItemDraft, OrderDraft, save_order
from counter.intake.rules.code_shapes import ITEM_RE, ORDER_RE
from tests.conftest import Counter


@pytest.mark.parametrize("channel", sorted(CHANNEL_DIGITS))
def test_each_channel_numbers_its_orders_with_its_digit(counter: Counter, channel: str) -> None:
    with counter.db.action() as s:
        type_id = list_types(s)[0].id
        saved = save_order(
            s,
            counter.clerk,
            counter.clock,
            OrderDraft(counter.customer_id, (ItemDraft(type_id), ItemDraft(type_id)), channel),
        )
    match = ORDER_RE.fullmatch(saved.number)
    assert match is not None and match.group(2) == CHANNEL_DIGITS[channel]
    assert saved.number.startswith(str(counter.clock.now().year))
    assert [ITEM_RE.fullmatch(n).group(1) for n in saved.item_numbers] == [saved.number] * 2  # type: ignore[union-attr]
    assert [n[-3:] for n in saved.item_numbers] == ["001", "002"]


def test_channels_share_one_sequence_so_no_number_repeats(counter: Counter) -> None:
    numbers = []
    with counter.db.action() as s:
        type_id = list_types(s)[0].id
        for channel in ("counter", "mail", "onsite", "appointment"):
            draft = OrderDraft(counter.customer_id, (ItemDraft(type_id),), channel)
            numbers.append(save_order(s, counter.clerk, counter.clock, draft).number)
    assert [n[5:] for n in numbers] == ["000001", "000002", "000003", "000004"]
    assert [n[4] for n in numbers] == ["1", "3", "4", "2"]
