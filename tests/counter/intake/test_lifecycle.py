from __future__ import annotations

import itertools

import pytest

from counter.errors import CounterError
from counter.intake.rules.lifecycle import (
    PARTLY_RELEASED,
    TRANSITIONS,
    ItemStatus,
    check_transition,
    order_status,
    status_label,
)

S = ItemStatus


def test_happy_path_is_allowed() -> None:
    path = [S.RECEIVED, S.IN_LAB, S.CERT_DRAFTED, S.CHECKED, S.RELEASED]
    for old, new in itertools.pairwise(path):
        check_transition(old, new)


def test_final_states_go_nowhere() -> None:
    assert TRANSITIONS[S.RELEASED] == frozenset()
    assert TRANSITIONS[S.VOIDED] == frozenset()
    with pytest.raises(CounterError, match="不能从“已发放”改为“已收件”"):
        check_transition(S.RELEASED, S.RECEIVED)


def test_skipping_the_final_check_is_refused() -> None:
    with pytest.raises(CounterError):
        check_transition(S.CERT_DRAFTED, S.RELEASED)
    with pytest.raises(CounterError):
        check_transition(S.RECEIVED, S.CHECKED)


@pytest.mark.parametrize("state", [S.ON_HOLD, S.RETURNED_UNPROCESSED, S.VOIDED])
def test_side_states_need_a_reason(state: ItemStatus) -> None:
    with pytest.raises(CounterError, match="需要填写原因"):
        check_transition(S.RECEIVED, state, "  ")
    check_transition(S.RECEIVED, state, "客户撤回")


def test_order_summary() -> None:
    assert order_status([S.RECEIVED, S.IN_LAB, S.VOIDED]) == S.RECEIVED
    assert order_status([S.RELEASED, S.IN_LAB, S.VOIDED]) == PARTLY_RELEASED
    assert status_label(PARTLY_RELEASED) == "部分领取"
    assert order_status([S.VOIDED, S.VOIDED]) == S.VOIDED
    assert order_status([S.CHECKED, S.ON_HOLD]) == S.ON_HOLD
    assert order_status([S.RELEASED, S.RETURNED_UNPROCESSED]) == PARTLY_RELEASED
    assert order_status([S.CHECKED, S.RETURNED_UNPROCESSED]) == S.CHECKED
    assert order_status(["released", "released"]) == S.RELEASED


def test_a_checked_item_cannot_be_parked_and_returned_unprocessed() -> None:
    # hold → returned unprocessed → released would skip the certificate and fee gates
    with pytest.raises(CounterError):
        check_transition(S.CHECKED, S.ON_HOLD, "客户要求暂缓")
    with pytest.raises(CounterError):
        check_transition(S.CERT_DRAFTED, S.ON_HOLD, "客户要求暂缓")
    with pytest.raises(CounterError):
        check_transition(S.ON_HOLD, S.CERT_DRAFTED)
