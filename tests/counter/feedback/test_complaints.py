"""A complaint's life: taken (首问负责), planned by priority in working days, handled,
answered, called back, closed by a quality supervisor — or withdrawn; overdue flagged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from counter.admin.calendar import set_day
from counter.errors import CounterError, PermissionDenied, ValidationError
from counter.feedback.complaint_views import (
    ComplaintFilters,
    get_complaint,
    list_complaints,
    overdue_complaints,
)
from counter.feedback.complaints import (
    ComplaintForm,
    add_complaint,
    answer_complaint,
    call_back,
    close_complaint,
    start_handling,
    withdraw_complaint,
)
from counter.feedback.rules.complaints import CallbackKind, is_overdue
from db.models import AuditEntry, Customer
from tests.conftest import NOW
from tests.counter.feedback.world import FeedbackWorld

MONDAY = NOW.date()  # 2026-11-23


def _form(fb: FeedbackWorld, **changes: object) -> ComplaintForm:
    base: dict[str, object] = {
        "summary": "等候时间过长，窗口只开一个",
        "object": "waiting",
        "customer_id": fb.counter.customer_id,
        "owner_department_id": fb.a[1],
    }
    return ComplaintForm(**(base | changes))  # type: ignore[arg-type]


def _on(fb: FeedbackWorld, day: dt.date) -> None:
    fb.counter.clock.at = NOW.replace(year=day.year, month=day.month, day=day.day)


def test_the_whole_life_of_a_complaint(fb: FeedbackWorld) -> None:
    c = fb.counter
    with c.db.action() as s:
        done = add_complaint(s, c.clerk, c.clock, _form(fb, priority="normal"))
    assert done.number == "TS20260001"
    assert done.planned_date == dt.date(2026, 11, 30)  # five working days after Monday
    with c.db.action() as s:
        start_handling(s, c.clerk, c.clock, done.id, "衡器室负责人联系客户")
    _on(fb, dt.date(2026, 11, 25))
    with pytest.raises(ValidationError), c.db.action() as s:
        answer_complaint(s, c.clerk, c.clock, done.id, " ")
    with c.db.action() as s:
        answer_complaint(s, c.clerk, c.clock, done.id, "增开一个窗口，已向客户道歉")
    with pytest.raises(CounterError, match="不能改为"), c.db.action() as s:
        close_complaint(s, fb.supervisor, c.clock, done.id)  # not called back yet
    with c.db.action() as s:
        call_back(s, c.clerk, c.clock, done.id, "praise", "客户表示满意", "satisfied")
    with pytest.raises(PermissionDenied), c.db.action() as s:
        close_complaint(s, c.clerk, c.clock, done.id)
    with c.db.action() as s:
        close_complaint(s, fb.supervisor, c.clock, done.id, "办结")
    with pytest.raises(CounterError), c.db.action() as s:
        withdraw_complaint(s, c.clerk, c.clock, done.id, "晚了")
    with c.db.session() as s:
        row = get_complaint(s, done.id, dt.date(2026, 12, 1))
        actions = list(
            s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_key == done.number)
                .order_by(AuditEntry.seq)
            )
        )
    assert (row.status, row.answered_on, row.handling_days) == ("closed", dt.date(2026, 11, 25), 2)
    assert (row.callback_kind, row.final_level, row.overdue) == ("praise", "satisfied", False)
    assert row.handling == "增开一个窗口，已向客户道歉"
    assert row.owner_department == fb.a[2] and row.received_by == "王收发"
    assert row.who == "聊城计量器具有限公司（张三）" and row.phone == "13800138000"
    assert actions == [
        "complaint.add", "complaint.handling", "complaint.answered", "complaint.called_back",
        "complaint.closed",
    ]  # fmt: skip


def test_overdue_with_a_fixed_clock(fb: FeedbackWorld) -> None:
    c = fb.counter
    with c.db.action() as s:
        urgent = add_complaint(s, c.clerk, c.clock, _form(fb, priority="urgent"))
        high = add_complaint(s, c.clerk, c.clock, _form(fb, priority="high"))
    assert urgent.planned_date == dt.date(2026, 11, 24)
    assert high.planned_date == dt.date(2026, 11, 26)
    tuesday, wednesday = dt.date(2026, 11, 24), dt.date(2026, 11, 25)
    with c.db.session() as s:
        assert not overdue_complaints(s, tuesday)
        assert [r.number for r in overdue_complaints(s, wednesday)] == [urgent.number]
        flagged = {r.number: r.overdue for r in list_complaints(s, ComplaintFilters(), wednesday)}
        only = list_complaints(s, ComplaintFilters(overdue_only=True), wednesday)
    assert flagged == {urgent.number: True, high.number: False}
    assert [r.number for r in only] == [urgent.number]
    _on(fb, wednesday)
    with c.db.action() as s:  # answered a day late: it stays overdue, but is no longer open
        answer_complaint(s, c.clerk, c.clock, urgent.id, "已处理")
        answer_complaint(s, c.clerk, c.clock, high.id, "已处理")
    with c.db.session() as s:
        late = {r.number: r.overdue for r in list_complaints(s, ComplaintFilters(), MONDAY)}
        assert not overdue_complaints(s, dt.date(2026, 12, 31))
        only = list_complaints(s, ComplaintFilters(overdue_only=True), dt.date(2026, 12, 31))
    assert late == {urgent.number: True, high.number: False}
    assert [r.number for r in only] == [urgent.number]
    assert is_overdue("withdrawn", tuesday, None, wednesday) is False


def test_the_planned_date_follows_the_app_s_calendar(fb: FeedbackWorld) -> None:
    c = fb.counter
    with c.db.action() as s:
        set_day(s, c.admin, c.clock, dt.date(2026, 11, 25), "holiday", "所庆")
        done = add_complaint(s, c.clerk, c.clock, _form(fb))
    assert done.planned_date == dt.date(2026, 12, 1)


@pytest.mark.parametrize("kind", list(CallbackKind))
def test_every_kind_of_call_back(fb: FeedbackWorld, kind: CallbackKind) -> None:
    c = fb.counter
    with c.db.action() as s:
        done = add_complaint(s, c.clerk, c.clock, _form(fb))
        answer_complaint(s, c.clerk, c.clock, done.id, "已答复")
        call_back(s, fb.supervisor, c.clock, done.id, kind.value, "回访记录", 2)
    with c.db.session() as s:
        row = get_complaint(s, done.id, MONDAY)
    assert (row.status, row.callback_kind, row.final_level, row.final_stars) == (
        "called_back", kind.value, "dissatisfied", 2
    )  # fmt: skip


def test_a_call_back_needs_a_kind_and_a_note(fb: FeedbackWorld) -> None:
    c = fb.counter
    with c.db.action() as s:
        done = add_complaint(s, c.clerk, c.clock, _form(fb))
        answer_complaint(s, c.clerk, c.clock, done.id, "已答复")
    with pytest.raises(ValidationError) as error, c.db.action() as s:
        call_back(s, c.clerk, c.clock, done.id, "thanks", "", "great")
    assert len(error.value.problems) == 3


def test_withdrawal_keeps_the_reason_and_is_never_overdue(fb: FeedbackWorld) -> None:
    c = fb.counter
    with c.db.action() as s:
        done = add_complaint(s, c.billing, c.clock, _form(fb, priority="urgent"))
    with pytest.raises(ValidationError), c.db.action() as s:
        withdraw_complaint(s, c.clerk, c.clock, done.id, "")
    with c.db.action() as s:
        withdraw_complaint(s, c.clerk, c.clock, done.id, "客户已自行解决")
    with pytest.raises(CounterError), c.db.action() as s:
        start_handling(s, c.clerk, c.clock, done.id)
    later = dt.date(2026, 12, 31)
    with c.db.session() as s:
        row = get_complaint(s, done.id, later)
        assert not overdue_complaints(s, later)
    assert (row.status, row.withdraw_reason, row.overdue) == ("withdrawn", "客户已自行解决", False)


def test_what_a_complaint_must_say(fb: FeedbackWorld) -> None:
    c = fb.counter
    with pytest.raises(ValidationError) as error, c.db.action() as s:
        add_complaint(
            s, c.clerk, c.clock,
            ComplaintForm(summary="", object="department", priority="soon", phone="abc"),
        )  # fmt: skip
    assert len(error.value.problems) == 6  # summary, who, phone, department, priority, owner
    with pytest.raises(PermissionDenied), c.db.action() as s:
        add_complaint(s, fb.counter.admin.__class__(0, "x", "x", frozenset()), c.clock, _form(fb))


def test_the_owner_is_the_customer_s_department_by_default(fb: FeedbackWorld) -> None:
    c = fb.counter
    with c.db.action() as s:
        customer = s.get(Customer, c.customer_id)
        assert customer is not None
        customer.owner_department_id = fb.b[1]
    with c.db.action() as s:
        done = add_complaint(
            s, c.clerk, c.clock,
            _form(fb, owner_department_id=None, object="person", object_user_id=c.billing.id),
        )  # fmt: skip
    with c.db.session() as s:
        row = get_complaint(s, done.id, MONDAY)
        found = list_complaints(s, ComplaintFilters(text="TS2026"), MONDAY)
        none = list_complaints(s, ComplaintFilters(owner_department_id=fb.a[1]), MONDAY)
    assert (row.owner_department_id, row.object_user, row.object_ref) == (
        fb.b[1],
        "李开票",
        "李开票",
    )
    assert [r.id for r in found] == [done.id] and not none
