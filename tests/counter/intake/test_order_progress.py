"""The orders list tells a clerk how far an order got: 部分领取 after a partial pickup, and
what the customer has paid (both databases)."""

from __future__ import annotations

import pytest

from counter.intake.rules.lifecycle import status_label
from counter.orders.listing import OrderFilter, OrderRow, page_orders
from counter.orders.payments import payment_label
from counter.orders.view import load_order_view
from counter.release import pickup
from tests.conftest import Counter
from tests.release_world import Received, ReleaseWorld, collector, make_release_world


@pytest.fixture
def world(counter: Counter) -> ReleaseWorld:
    return make_release_world(counter)


def _row(w: ReleaseWorld, order: Received) -> OrderRow:
    with w.db.session() as s:
        return next(r for r in page_orders(s, OrderFilter()) if r.id == order.order_id)


def _shown(w: ReleaseWorld, order: Received) -> tuple[str, str]:
    row = _row(w, order)
    return status_label(row.status), payment_label(row.payment)


def test_a_partial_pickup_shows_partly_collected_until_the_rest_leaves(
    world: ReleaseWorld,
) -> None:
    w, c = world, world.counter
    order = w.ready(3)
    assert _shown(w, order) == ("已终审", "未开清单")
    with w.db.action() as s:
        pickup(s, c.clerk, c.clock, order.order_id, order.item_ids[:1], collector())
    assert _shown(w, order) == ("部分领取", "未开清单")
    with w.db.session() as s:
        assert status_label(load_order_view(s, order.order_id).status) == "部分领取"
        filtered = page_orders(s, OrderFilter(status="partly_released"))
    assert [r.number for r in filtered] == [order.number]
    with w.db.action() as s:
        pickup(s, c.clerk, c.clock, order.order_id, order.item_ids[1:], collector())
    assert _shown(w, order)[0] == "已发放"


def test_the_payment_column_follows_the_current_statement(world: ReleaseWorld) -> None:
    w = world
    order, other = w.receive(2), w.receive(1)
    sid = w.bill(order, repair_fen=8000)
    assert _shown(w, order)[1] == "未付款" and _shown(w, other)[1] == "未开清单"
    w.pay(sid, 3000)
    assert _shown(w, order)[1] == "部分付款"
    w.pay(sid, 5000)
    assert _row(w, order).payment == "paid" and _shown(w, order)[1] == "已付清"
    free = w.receive(1)
    w.bill(free, repair_fen=0)  # a statement of ¥0 needs no payment
    assert _shown(w, free)[1] == "已付清"
