"""The ready message never calls an order finished while part of it is still in the lab."""

from __future__ import annotations

import pytest

from counter.archive.outbox_view import message_row
from counter.errors import ValidationError
from counter.release.message import draft_ready_message, ready_message
from tests.conftest import Counter
from tests.release_world import ReleaseWorld, make_release_world


@pytest.fixture
def world(counter: Counter) -> ReleaseWorld:
    return make_release_world(counter)


def test_a_partly_ready_order_says_which_items_are_ready_and_which_are_not(
    world: ReleaseWorld,
) -> None:
    order = world.receive(3)
    world.certify(order, [0])  # one passed its final check; two are still in the lab
    done = world.ready(1)
    with world.db.session() as s:
        message = ready_message(s, world.counter.customer_id)
    ready, waiting = order.item_numbers[0], order.item_numbers[1:]
    assert "已完成" not in message
    assert f"2 件已可取回（电子计价秤 {ready}、电子计价秤 {done.item_numbers[0]}）" in message
    rest = "、".join(f"电子计价秤 {n}" for n in waiting)
    assert f"委托单 {order.number} 另有 2 件尚未完成（{rest}），完成后另行通知" in message


def test_a_wholly_ready_order_is_finished(world: ReleaseWorld) -> None:
    order = world.ready(2)
    with world.db.session() as s:
        message = ready_message(s, world.counter.customer_id)
    assert f"（委托单 {order.number}）已完成，2 件请凭取件回执到收发室领取" in message
    assert "尚未完成" not in message


def test_the_ready_message_goes_through_the_outbox(world: ReleaseWorld) -> None:
    c = world.counter
    order = world.ready(2)
    waiting = world.receive(1)
    with world.db.action() as s:
        message_id = draft_ready_message(s, c.clerk, c.clock, order.order_id, "sms")
    with world.db.session() as s:
        row = message_row(s, message_id)
    assert (row.kind, row.channel, row.status) == ("ready", "sms", "drafted")
    assert row.order_id == order.order_id
    assert row.recipient == "13800138000"
    items = "、".join(f"电子计价秤 {n}" for n in order.item_numbers)
    assert f"（委托单 {order.number}）中 2 件已可领取（{items}）" in row.body
    assert "2 件请凭取件回执到收发室领取。" in row.body
    nothing = f"委托单 {waiting.number} 暂无可领取的器具"
    with pytest.raises(ValidationError, match=nothing), world.db.action() as s:
        draft_ready_message(s, c.clerk, c.clock, waiting.order_id, "sms")
