"""Complaints (投诉): taken by the department that first hears them (首问负责), answered within
the working days their priority allows, called back, closed by a quality supervisor — or
withdrawn with the reason.  Every step is audited; nothing is deleted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.calendar import load_calendar
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock, local_date
from counter.errors import CounterError, NotFound, ValidationError
from counter.feedback.rules.complaints import (
    CallbackKind,
    Object,
    Priority,
    Status,
    can_move,
    planned_date,
    status_label,
)
from counter.feedback.rules.scores import Score, parse_score
from counter.i18n import _
from counter.intake.numbering import next_values
from db.models import Customer, Department, Order, User
from db.models_feedback import Complaint

MAX_TEXT = 4000
_PHONE_CHARS = set("0123456789-+ ()转")


@dataclass(frozen=True)
class ComplaintForm:
    """What the clerk writes down when a complaint comes in."""

    summary: str
    object: str = Object.OTHER.value
    customer_id: int | None = None
    complainant: str = ""  # the person complaining (required without a customer)
    phone: str = ""
    object_department_id: int | None = None
    object_user_id: int | None = None
    object_text: str = ""  # a person's name, a certificate or fee statement number …
    order_id: int | None = None
    priority: str = Priority.NORMAL.value
    owner_department_id: int | None = None  # None: the customer's owner department


@dataclass(frozen=True)
class ComplaintDone:
    id: int
    number: str
    planned_date: dt.date


def overdue_clause(today: dt.date) -> ColumnElement[bool]:
    """SQL for `rules.complaints.is_overdue`: open past the plan, or answered late."""
    return and_(
        Complaint.status != Status.WITHDRAWN.value,
        or_(
            and_(Complaint.answered_on.is_(None), Complaint.planned_date < today),
            Complaint.answered_on > Complaint.planned_date,
        ),
    )


def _text(value: str, what: str, problems: list[str], required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        problems.append(_("请填写{what}").format(what=what))
    elif len(value) > MAX_TEXT:
        problems.append(_("{what}过长（最多 {n} 个字符）").format(what=what, n=MAX_TEXT))
    return value


def _form_problems(session: Session, form: ComplaintForm) -> list[str]:
    problems: list[str] = []
    _text(form.summary, _("投诉内容"), problems, required=True)
    customer = session.get(Customer, form.customer_id) if form.customer_id else None
    if form.customer_id and customer is None:
        problems.append(_("客户不存在"))
    if customer is None and not form.complainant.strip():
        problems.append(_("请选择客户或填写投诉人"))
    if len(form.complainant.strip()) > 128:
        problems.append(_("投诉人过长（最多 128 个字符）"))
    phone = form.phone.strip()
    if len(phone) > 32 or not set(phone) <= _PHONE_CHARS:
        problems.append(_("电话号码只能包含数字和 - + ( ) 空格"))
    if form.object not in set(Object):
        problems.append(_("请选择投诉对象"))
    elif form.object == Object.DEPARTMENT and form.object_department_id is None:
        problems.append(_("请选择被投诉的部门"))
    elif form.object == Object.PERSON and not (form.object_user_id or form.object_text.strip()):
        problems.append(_("请选择或填写被投诉的人员"))
    elif form.object == Object.CERTIFICATE and not form.object_text.strip():
        problems.append(_("请填写被投诉的证书编号"))
    if form.object_department_id and session.get(Department, form.object_department_id) is None:
        problems.append(_("部门不存在"))
    if form.object_user_id and session.get(User, form.object_user_id) is None:
        problems.append(_("人员不存在"))
    if len(form.object_text.strip()) > 128:
        problems.append(_("投诉对象说明过长（最多 128 个字符）"))
    if form.order_id and session.get(Order, form.order_id) is None:
        problems.append(_("委托单不存在"))
    if form.priority not in set(Priority):
        problems.append(_("请选择紧急程度"))
    owner = form.owner_department_id or (customer.owner_department_id if customer else None)
    if owner is None:
        problems.append(_("请选择首问负责部门（受理投诉的部门）"))
    elif session.get(Department, owner) is None:
        problems.append(_("部门不存在"))
    return problems


def add_complaint(
    session: Session, actor: Actor, clock: Clock, form: ComplaintForm
) -> ComplaintDone:
    """Take a complaint: numbered, owned, with its planned date from the priority."""
    require(session, actor, Perm.COMPLAINTS)
    problems = _form_problems(session, form)
    if problems:
        raise ValidationError(problems)
    customer = session.get(Customer, form.customer_id) if form.customer_id else None
    owner = form.owner_department_id or (customer.owner_department_id if customer else None)
    assert owner is not None
    now = clock.now()
    today = local_date(now)
    (seq,) = next_values(session, f"complaint:{today.year}")
    complaint = Complaint(
        number=f"TS{today.year:04d}{seq:04d}",
        customer_id=customer.id if customer else None,
        complainant=form.complainant.strip() or (customer.contact_name if customer else ""),
        phone=form.phone.strip() or (customer.phone if customer else ""),
        object=form.object,
        object_department_id=form.object_department_id,
        object_user_id=form.object_user_id,
        object_text=form.object_text.strip(),
        order_id=form.order_id,
        summary=form.summary.strip(),
        priority=form.priority,
        owner_department_id=owner,
        status=Status.RECEIVED.value,
        received_at=now,
        received_on=today,
        received_by_id=actor.id,
        planned_date=planned_date(load_calendar(session), today, form.priority),
        updated_at=now,
    )
    session.add(complaint)
    session.flush()
    record(
        session,
        actor,
        clock,
        "complaint.add",
        "complaint",
        complaint.number,
        after={"object": form.object, "priority": form.priority, "owner": owner,
               "planned": complaint.planned_date.isoformat(), "summary": complaint.summary},
    )  # fmt: skip
    return ComplaintDone(complaint.id, complaint.number, complaint.planned_date)


def _move(
    session: Session,
    actor: Actor,
    clock: Clock,
    complaint_id: int,
    new: Status,
    perm: Perm,
    after: dict[str, object],
    reason: str = "",
) -> Complaint:
    require(session, actor, perm)
    complaint = session.get(Complaint, complaint_id, with_for_update=True)
    if complaint is None:
        raise NotFound(_("投诉不存在"))
    if not can_move(complaint.status, new):
        raise CounterError(
            _("投诉 {number} 当前为“{now}”，不能改为“{new}”").format(
                number=complaint.number, now=status_label(complaint.status), new=status_label(new)
            )
        )
    before = complaint.status
    complaint.status = new.value
    complaint.updated_at = clock.now()
    record(
        session,
        actor,
        clock,
        f"complaint.{new.value}",
        "complaint",
        complaint.number,
        before={"status": before},
        after={"status": new.value, **after},
        reason=reason,
    )
    return complaint


def start_handling(
    session: Session, actor: Actor, clock: Clock, complaint_id: int, note: str = ""
) -> None:
    """The owner department starts on it (a note may say who and how)."""
    complaint = _move(
        session, actor, clock, complaint_id, Status.HANDLING, Perm.COMPLAINTS, {"note": note}
    )
    if note.strip():
        complaint.handling = note.strip()
    session.flush()


def answer_complaint(
    session: Session, actor: Actor, clock: Clock, complaint_id: int, handling: str
) -> None:
    """How it was handled and answered; the actual date and the working days it took."""
    require(session, actor, Perm.COMPLAINTS)
    problems: list[str] = []
    text = _text(handling, _("处理情况"), problems, required=True)
    if problems:
        raise ValidationError(problems)
    complaint = _move(
        session, actor, clock, complaint_id, Status.ANSWERED, Perm.COMPLAINTS, {"handling": text}
    )
    today = local_date(clock.now())
    complaint.handling = text
    complaint.answered_on = today
    complaint.handling_days = load_calendar(session).workdays_between(complaint.received_on, today)
    session.flush()


def call_back(
    session: Session,
    actor: Actor,
    clock: Clock,
    complaint_id: int,
    kind: str,
    note: str,
    final_score: str | int | Score | None = None,
) -> None:
    """The call-back to the customer: its kind, what they said, their final score."""
    require(session, actor, Perm.COMPLAINTS)
    problems: list[str] = []
    if kind not in set(CallbackKind):
        problems.append(_("请选择回访类型"))
    text = _text(note, _("回访记录"), problems, required=True)
    score: Score | None = None
    if final_score not in (None, ""):
        try:
            score = parse_score(final_score)
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise ValidationError(problems)
    after: dict[str, object] = {"kind": kind, "note": text}
    if score is not None:
        after |= {"final": score.level.value, "stars": score.stars}
    complaint = _move(
        session, actor, clock, complaint_id, Status.CALLED_BACK, Perm.COMPLAINTS, after
    )
    complaint.callback_kind = kind
    complaint.callback_note = text
    complaint.called_back_at = clock.now()
    if score is not None:
        complaint.final_level = score.level.value
        complaint.final_stars = score.stars
    session.flush()


def close_complaint(
    session: Session, actor: Actor, clock: Clock, complaint_id: int, note: str = ""
) -> None:
    """A quality supervisor closes a called-back complaint (办结)."""
    complaint = _move(
        session, actor, clock, complaint_id, Status.CLOSED, Perm.CLOSE_COMPLAINT, {"note": note}
    )
    complaint.closed_at = clock.now()
    complaint.closed_by_id = actor.id
    session.flush()


def withdraw_complaint(
    session: Session, actor: Actor, clock: Clock, complaint_id: int, reason: str
) -> None:
    """The customer withdraws the complaint; the reason is kept."""
    require(session, actor, Perm.COMPLAINTS)
    reason = reason.strip()
    if not reason:
        raise ValidationError([_("请填写撤回原因")])
    complaint = _move(
        session, actor, clock, complaint_id, Status.WITHDRAWN, Perm.COMPLAINTS, {}, reason
    )
    complaint.withdraw_reason = reason
    session.flush()
