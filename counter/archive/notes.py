"""Notes in a customer's file (客户档案): who wrote what, when; pinned ones first.

A note is never edited or deleted: a correction is another note.  Anyone who may
edit customers may write one; every note is audited.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock
from counter.errors import NotFound, ValidationError
from counter.i18n import _
from db.models import Customer
from db.models_archive import CustomerNote

MAX_NOTE = 2000


def note_problems(text: str) -> list[str]:
    """What is wrong with a note's text (already stripped)."""
    if not text:
        return [_("备注内容不能为空")]
    if len(text) > MAX_NOTE:
        return [_("备注过长（最多 {n} 个字符）").format(n=MAX_NOTE)]
    return []


def add_note(
    session: Session,
    actor: Actor,
    clock: Clock,
    customer_id: int,
    text: str,
    pinned: bool = False,
) -> int:
    """Write a note in the customer's file; returns its id."""
    require(session, actor, Perm.EDIT_CUSTOMER)
    if session.get(Customer, customer_id) is None:
        raise NotFound(_("客户不存在"))
    text = text.strip()
    problems = note_problems(text)
    if problems:
        raise ValidationError(problems)
    note = CustomerNote(
        customer_id=customer_id, at=clock.now(), user_id=actor.id, text=text, pinned=pinned
    )
    session.add(note)
    session.flush()
    record(
        session,
        actor,
        clock,
        "customer.note",
        "customer",
        str(customer_id),
        after={"note": text, "pinned": pinned},
    )
    return note.id
