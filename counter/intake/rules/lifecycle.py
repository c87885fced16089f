"""An item's life as a state machine.

received → in_lab → cert_drafted → checked → released, with the side states
on_hold, returned_unprocessed and voided.  Every change goes through
`check_transition`, which says in words why a change is not allowed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from counter.errors import CounterError
from counter.i18n import _


class ItemStatus(enum.StrEnum):
    RECEIVED = "received"
    IN_LAB = "in_lab"
    CERT_DRAFTED = "cert_drafted"
    CHECKED = "checked"
    RELEASED = "released"
    ON_HOLD = "on_hold"
    RETURNED_UNPROCESSED = "returned_unprocessed"
    VOIDED = "voided"


S = ItemStatus

TRANSITIONS: dict[ItemStatus, frozenset[ItemStatus]] = {
    S.RECEIVED: frozenset({S.IN_LAB, S.ON_HOLD, S.RETURNED_UNPROCESSED, S.VOIDED}),
    S.IN_LAB: frozenset({S.CERT_DRAFTED, S.ON_HOLD, S.RETURNED_UNPROCESSED, S.VOIDED}),
    # a certificate sent back by the final check returns the item to the lab
    S.CERT_DRAFTED: frozenset({S.CHECKED, S.IN_LAB, S.VOIDED}),
    # an amendment takes a checked item back to a drafted certificate
    S.CHECKED: frozenset({S.RELEASED, S.CERT_DRAFTED}),
    # on hold only before a certificate exists, so "hold → returned unprocessed" can
    # never carry a checked (perhaps unpaid) item past the release gate
    S.ON_HOLD: frozenset({S.RECEIVED, S.IN_LAB, S.RETURNED_UNPROCESSED, S.VOIDED}),
    # an instrument returned unprocessed still has to be handed back
    S.RETURNED_UNPROCESSED: frozenset({S.RELEASED}),
    S.RELEASED: frozenset(),
    S.VOIDED: frozenset(),
}

# order of progress, for an order's summary status
_PROGRESS = (S.RECEIVED, S.IN_LAB, S.CERT_DRAFTED, S.CHECKED, S.RETURNED_UNPROCESSED, S.RELEASED)

NEEDS_REASON = frozenset({S.ON_HOLD, S.RETURNED_UNPROCESSED, S.VOIDED})

#: An order's status only (never an item's): some items were handed back, others not yet.
PARTLY_RELEASED = "partly_released"


def status_label(status: ItemStatus | str) -> str:
    """The word for an item's status, or an order's (which may also be 部分领取)."""
    if status == PARTLY_RELEASED:
        return _("部分领取")
    return {
        S.RECEIVED: _("已收件"),
        S.IN_LAB: _("检定中"),
        S.CERT_DRAFTED: _("证书已出"),
        S.CHECKED: _("已终审"),
        S.RELEASED: _("已发放"),
        S.ON_HOLD: _("暂停"),
        S.RETURNED_UNPROCESSED: _("退回未检"),
        S.VOIDED: _("已作废"),
    }[ItemStatus(status)]


def check_transition(current: ItemStatus, new: ItemStatus, reason: str = "") -> None:
    """Raise `CounterError` saying why `current → new` is not allowed."""
    if new not in TRANSITIONS[current]:
        raise CounterError(
            _("器具状态不能从“{old}”改为“{new}”").format(
                old=status_label(current), new=status_label(new)
            )
        )
    if new in NEEDS_REASON and not reason.strip():
        raise CounterError(_("改为“{new}”需要填写原因").format(new=status_label(new)))


def order_status(item_statuses: Iterable[ItemStatus | str]) -> str:
    """One status that sums up an order: the least advanced of its live items, or
    `PARTLY_RELEASED` once some of them were handed back while others were not."""
    live = [ItemStatus(s) for s in item_statuses if ItemStatus(s) is not S.VOIDED]
    if not live:
        return S.VOIDED
    if S.ON_HOLD in live:
        return S.ON_HOLD
    least = min(live, key=_PROGRESS.index)
    if least is not S.RELEASED and S.RELEASED in live:
        return PARTLY_RELEASED
    return least
