"""Return and dispatch: the last step at the counter — only what is finished, checked and
paid for leaves.

Every action takes (session, actor, clock, …), checks its permission (RELEASE to hand
over, RECEIVE to return unprocessed, REVIEW to let an account customer's items leave
unpaid), writes the audit log and never commits: the caller owns the session.  The parts:

- `release_gate`       the gate, pure (`decide`) over facts read for many items at once
- `release_scan`       scan anything → the order's items, each with can-leave and why
- `release_pickup`     pickup and mail dispatch, one transaction each, once per confirm
- `release_exceptions` returned unprocessed (reason + note); release against unpaid fees
- `release_lists`      ready by customer, overdue, returned unprocessed
- `release_message`    the ready message per customer, to copy into an SMS / WeChat
- `release_documents`  handover slip, address label (and its defaults), certificates;
                       search by tracking number
"""

from __future__ import annotations

from counter.release.documents import (
    MailDefaults,
    MailRow,
    address_label_data,
    address_label_pdf,
    find_by_tracking,
    get_release,
    handover_data,
    handover_pdf,
    mail_defaults,
    release_certificates,
    releases_of_order,
)
from counter.release.exceptions import (
    release_against_unpaid,
    return_unprocessed,
    unprocessed_return,
)
from counter.release.gate import evaluate
from counter.release.handover import (
    Collector,
    MailTo,
    ReleaseDone,
    hand_over,
    mail_dispatch,
    pickup,
)
from counter.release.lists import (
    UNCOLLECTED_DAYS,
    OverdueRow,
    ReadyGroup,
    ReadyItem,
    UnprocessedRow,
    overdue,
    ready_for_pickup,
    returned_unprocessed,
)
from counter.release.message import ready_message
from counter.release.numbers import new_release_number
from counter.release.rules.gate import GateFacts, GateResult, Handover, decide
from counter.release.scan import (
    ReturnLine,
    ReturnOrder,
    ReturnView,
    released_without_record,
    return_view,
    scan_for_return,
)

__all__ = [
    "UNCOLLECTED_DAYS",
    "Collector",
    "GateFacts",
    "GateResult",
    "Handover",
    "MailDefaults",
    "MailRow",
    "MailTo",
    "OverdueRow",
    "ReadyGroup",
    "ReadyItem",
    "ReleaseDone",
    "ReturnLine",
    "ReturnOrder",
    "ReturnView",
    "UnprocessedRow",
    "address_label_data",
    "address_label_pdf",
    "decide",
    "evaluate",
    "find_by_tracking",
    "get_release",
    "hand_over",
    "handover_data",
    "handover_pdf",
    "mail_defaults",
    "mail_dispatch",
    "new_release_number",
    "overdue",
    "pickup",
    "ready_for_pickup",
    "ready_message",
    "release_against_unpaid",
    "release_certificates",
    "released_without_record",
    "releases_of_order",
    "return_unprocessed",
    "return_view",
    "returned_unprocessed",
    "scan_for_return",
    "unprocessed_return",
]
