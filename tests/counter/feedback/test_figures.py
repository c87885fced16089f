"""The feedback figures against a dataset counted by hand (see each test's comment)."""

from __future__ import annotations

import datetime as dt

from counter.feedback.complaints import (
    ComplaintForm,
    add_complaint,
    answer_complaint,
    call_back,
    close_complaint,
    withdraw_complaint,
)
from counter.feedback.figures import FeedbackFilters, complaints_summary, satisfaction
from counter.feedback.ratings import correct_rating, record_rating
from tests.conftest import NOW
from tests.counter.feedback.world import FeedbackWorld

DEC_2 = dt.date(2026, 12, 2)


def _on(fb: FeedbackWorld, day: dt.date) -> None:
    fb.counter.clock.at = NOW.replace(year=day.year, month=day.month, day=day.day)


def _ratings(fb: FeedbackWorld) -> None:
    """Nov 23: o1 satisfied, o2 (A+B) 5 stars, o3 (B) dissatisfied corrected to basic;
    Dec 2: o4 (A) 2 stars, o1 by phone 3 stars."""
    c = fb.counter
    o1, o2, o3, o4 = fb.order("a"), fb.order("a", "b"), fb.order("b"), fb.order("a")
    with c.db.action() as s:
        record_rating(s, c.clerk, c.clock, o1, "satisfied")
        record_rating(s, c.clerk, c.clock, o2, 5)
        wrong = record_rating(s, c.clerk, c.clock, o3, "dissatisfied")
        correct_rating(s, c.clerk, c.clock, wrong, "basic", "", "按错了")
    _on(fb, DEC_2)
    with c.db.action() as s:
        record_rating(s, c.clerk, c.clock, o4, 2)
        record_rating(s, c.clerk, c.clock, o1, 3, channel="phone")


def test_satisfaction_per_department_and_month(fb: FeedbackWorld) -> None:
    _ratings(fb)
    with fb.counter.db.session() as s:
        every = satisfaction(s, FeedbackFilters())
        only_b = satisfaction(s, FeedbackFilters(department_id=fb.b[1]))
        november = satisfaction(s, FeedbackFilters(date_to=dt.date(2026, 11, 30)))
    o = every.overall
    assert (o.satisfied, o.basic, o.dissatisfied, o.total, o.rate) == (2, 2, 1, 5, 0.8)
    assert every.stars == (0, 1, 1, 0, 1)
    a, b = fb.a[1], fb.b[1]
    assert [
        (r.department_id, r.year, r.month, r.satisfied, r.basic, r.dissatisfied)
        for r in every.by_department_month
    ] == [
        (a, 2026, 11, 2, 0, 0),
        (a, 2026, 12, 0, 1, 1),
        (b, 2026, 11, 1, 1, 0),
    ]
    assert [(r.department_id, r.department, r.total, r.rate) for r in every.by_department] == [
        (a, fb.a[2], 4, 0.75),
        (b, fb.b[2], 2, 1.0),
    ]
    ob = only_b.overall
    assert (ob.satisfied, ob.basic, ob.dissatisfied) == (1, 1, 0)
    assert [r.department_id for r in only_b.by_department] == [b]
    n = november.overall
    assert (n.satisfied, n.basic, n.dissatisfied) == (2, 1, 0)


def test_nobody_rated_no_rate(fb: FeedbackWorld) -> None:
    with fb.counter.db.session() as s:
        empty = satisfaction(s, FeedbackFilters())
    assert empty.overall.total == 0 and empty.overall.rate is None
    assert empty.by_department == () and empty.stars == (0, 0, 0, 0, 0)


def _complaints(fb: FeedbackWorld) -> None:
    """c1 fee, answered on time in 2 working days, praise, satisfied, closed;
    c2 waiting, urgent, answered 2 days late (3 working days), criticism, dissatisfied;
    c3 department, high, still open on Dec 2 (planned Nov 26);
    c4 fee, withdrawn; c5 person, received Dec 1, open, on time.  c1–c3 owned by A."""
    c = fb.counter
    a, b = fb.a[1], fb.b[1]

    def form(obj: str, priority: str, owner: int, **more: object) -> ComplaintForm:
        return ComplaintForm(summary="意见", object=obj, customer_id=c.customer_id,
                             priority=priority, owner_department_id=owner,
                             **more)  # type: ignore[arg-type]  # fmt: skip

    with c.db.action() as s:
        c1 = add_complaint(s, c.clerk, c.clock, form("fee", "normal", a)).id
        c2 = add_complaint(s, c.clerk, c.clock, form("waiting", "urgent", a)).id
        add_complaint(s, c.clerk, c.clock, form("department", "high", a, object_department_id=b))
        c4 = add_complaint(s, c.clerk, c.clock, form("fee", "normal", b)).id
        withdraw_complaint(s, c.clerk, c.clock, c4, "误会")
    _on(fb, dt.date(2026, 11, 25))
    with c.db.action() as s:
        answer_complaint(s, c.clerk, c.clock, c1, "退还多收费用")
        call_back(s, c.clerk, c.clock, c1, "praise", "满意", "satisfied")
        close_complaint(s, fb.supervisor, c.clock, c1)
    _on(fb, dt.date(2026, 11, 26))
    with c.db.action() as s:
        answer_complaint(s, c.clerk, c.clock, c2, "增开窗口")
        call_back(s, c.clerk, c.clock, c2, "criticism", "仍不满意", "dissatisfied")
    _on(fb, dt.date(2026, 12, 1))
    with c.db.action() as s:
        add_complaint(s, c.clerk, c.clock, form("person", "normal", b, object_text="小王"))


def test_complaints_by_object_outcome_and_lateness(fb: FeedbackWorld) -> None:
    _complaints(fb)
    with fb.counter.db.session() as s:
        every = complaints_summary(s, FeedbackFilters(), DEC_2)
        owned = complaints_summary(s, FeedbackFilters(department_id=fb.a[1]), DEC_2)
        november = complaints_summary(s, FeedbackFilters(date_to=dt.date(2026, 11, 30)), DEC_2)
    assert every.total == 5
    assert every.by_object == (("department", 1), ("fee", 2), ("person", 1), ("waiting", 1))
    assert every.by_status == (("called_back", 1), ("closed", 1), ("received", 2),
                               ("withdrawn", 1))  # fmt: skip
    assert every.by_callback_kind == (("criticism", 1), ("praise", 1))
    assert every.by_final_level == (("dissatisfied", 1), ("satisfied", 1))
    assert (every.overdue, every.open_overdue, every.average_handling_days) == (2, 1, 2.5)
    assert (owned.total, owned.overdue, owned.by_object[0]) == (3, 2, ("department", 1))
    assert november.total == 4
