"""No way round the gate: "checked" and "released" only with their papers, whoever asks."""

from __future__ import annotations

import pytest

from counter.certificates.store import move_item
from counter.errors import CounterError, PermissionDenied
from counter.intake.item_status import move_item_status
from counter.intake.lookups import get_item
from counter.intake.rules.lifecycle import ItemStatus
from db.models import Item
from tests.conftest import Counter, add_user
from tests.release_world import make_release_world


def _status(c: Counter, item_id: int) -> str:
    with c.db.session() as s:
        item = s.get(Item, item_id)
        assert item is not None
        return item.status


def test_a_clerk_cannot_release_an_unpaid_item_without_a_handover(counter: Counter) -> None:
    w = make_release_world(counter)
    order = w.receive(1)
    w.certify(order)  # checked, fees not paid, nothing handed over
    item_id = order.item_ids[0]
    refused = pytest.raises(CounterError, match="没有领取或邮寄的交接记录")
    with refused, counter.db.action() as s:
        move_item_status(s, counter.clerk, counter.clock, item_id, ItemStatus.RELEASED)
    assert _status(counter, item_id) == ItemStatus.CHECKED


def test_a_supervisor_cannot_set_checked_without_the_final_check(counter: Counter) -> None:
    w = make_release_world(counter)
    order = w.receive(1)
    w.certify(order, passed=False)  # drafted, waiting for review
    item_id = order.item_ids[0]
    refused = pytest.raises(CounterError, match="没有通过终审的记录")
    with refused, counter.db.action() as s:
        move_item_status(s, w.supervisor, counter.clock, item_id, ItemStatus.CHECKED)
    with refused, counter.db.action() as s:
        move_item(s, w.supervisor, counter.clock, get_item(s, item_id), ItemStatus.CHECKED)
    assert _status(counter, item_id) == ItemStatus.CERT_DRAFTED


@pytest.mark.parametrize("roles", ["billing", "intake", ""])
def test_the_certificate_side_move_needs_lab_or_review(counter: Counter, roles: str) -> None:
    w = make_release_world(counter)
    order = w.receive(1)
    someone = add_user(counter, f"who_{roles or 'none'}", "某人", roles)
    with pytest.raises(PermissionDenied), counter.db.action() as s:
        move_item(s, someone, counter.clock, get_item(s, order.item_ids[0]), ItemStatus.IN_LAB)
    assert _status(counter, order.item_ids[0]) == ItemStatus.RECEIVED
