"""The two exceptions at the return desk, each with a written reason and audited.

- An instrument that could not be verified goes back unprocessed: the reason (for
  the record) and a note for the customer (printed on the handover slip, said at
  the counter) are kept in `UnprocessedReturn`; the item may then leave.
- A quality supervisor may let an account customer's items leave before their
  fees are paid (monthly billing): an `UnpaidReleaseApproval` per item, which the
  gate reads and the release records.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from counter.intake.item_status import set_item_status
from counter.intake.lookups import get_item
from counter.intake.rules.lifecycle import ItemStatus, status_label
from db.models import Item
from db.models_release import UnpaidReleaseApproval, UnprocessedReturn

NOTE_LIMIT = 500


def return_unprocessed(
    session: Session,
    actor: Actor,
    clock: Clock,
    item_id: int,
    reason: str,
    note_for_customer: str = "",
) -> UnprocessedReturn:
    """Mark an instrument "returned unprocessed" with a reason and a note for the customer.

    The note defaults to the reason.  The lifecycle decides from which states this
    is allowed (not once a certificate exists) and says why not.
    """
    require(session, actor, Perm.RECEIVE)
    if not reason.strip():
        raise ValidationError([_("退回未检需要填写原因")])
    note = note_for_customer.strip() or reason.strip()
    if len(note) > NOTE_LIMIT or len(reason.strip()) > NOTE_LIMIT:
        raise ValidationError(
            [_("原因或告知客户的说明过长（最多 {n} 个字符）").format(n=NOTE_LIMIT)]
        )
    item = set_item_status(
        session, actor, clock, item_id, ItemStatus.RETURNED_UNPROCESSED, reason.strip()
    )
    row = UnprocessedReturn(
        item_id=item.id, reason=reason.strip(), customer_note=note, by_id=actor.id, at=clock.now()
    )
    session.add(row)
    record(
        session,
        actor,
        clock,
        "item.unprocessed_note",
        "item",
        item.number,
        after={"note_for_customer": note},
        reason=reason.strip(),
    )
    session.flush()
    return row


def release_against_unpaid(
    session: Session,
    actor: Actor,
    clock: Clock,
    item_ids: Sequence[int],
    reason: str,
) -> list[UnpaidReleaseApproval]:
    """A quality supervisor's written approval for an account customer's items to leave unpaid."""
    require(session, actor, Perm.REVIEW)
    if not reason.strip():
        raise ValidationError([_("欠费放行需要写明理由")])
    if not item_ids:
        raise ValidationError([_("请至少选择一件器具")])
    items = [get_item(session, item_id) for item_id in dict.fromkeys(item_ids)]
    done = set(
        session.scalars(
            select(UnpaidReleaseApproval.item_id).where(
                UnpaidReleaseApproval.item_id.in_([i.id for i in items])
            )
        )
    )
    problems = [p for item in items if (p := _approval_problem(item, item.id in done))]
    if problems:
        raise ValidationError(problems)
    now = clock.now()
    rows = []
    for item in items:
        row = UnpaidReleaseApproval(item_id=item.id, reason=reason.strip(), by_id=actor.id, at=now)
        session.add(row)
        rows.append(row)
        record(
            session,
            actor,
            clock,
            "item.release_unpaid",
            "item",
            item.number,
            after={"customer": item.order.customer.name},
            reason=reason.strip(),
        )
    session.flush()
    return rows


def _approval_problem(item: Item, approved: bool) -> str:
    customer = item.order.customer
    if not customer.account_customer:
        return _("{customer} 不是记账客户，器具 {item} 须结清费用后才能发放").format(
            customer=customer.name, item=item.number
        )
    if item.status in (ItemStatus.RELEASED, ItemStatus.VOIDED):
        return _("器具 {item} {status}").format(item=item.number, status=status_label(item.status))
    if approved:
        return _("器具 {item} 已批准欠费放行").format(item=item.number)
    return ""


def unprocessed_return(session: Session, item_id: int) -> UnprocessedReturn:
    row = session.scalar(select(UnprocessedReturn).where(UnprocessedReturn.item_id == item_id))
    if row is None:
        raise NotFound(_("器具没有退回未检的记录"))
    return row
