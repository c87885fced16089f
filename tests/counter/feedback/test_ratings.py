"""Ratings (好差评): per order and channel, with their departments; corrected by void + new."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter.errors import CounterError, NotFound, PermissionDenied, ValidationError
from counter.feedback.ratings import (
    correct_rating,
    rate_by_code,
    rating_target,
    ratings_of_order,
    record_rating,
)
from counter.feedback.rules.scores import Level, Score, parse_score, stars_level
from counter.release.rating_code import ensure_rating_code
from db.models import AuditEntry, Order
from db.models_feedback import Rating, RatingDepartment
from tests.counter.feedback.world import FeedbackWorld


def test_stars_map_onto_the_three_levels() -> None:
    assert [stars_level(n) for n in (1, 2, 3, 4, 5)] == [
        Level.DISSATISFIED, Level.DISSATISFIED, Level.BASIC, Level.SATISFIED, Level.SATISFIED
    ]  # fmt: skip
    assert parse_score("4") == Score(Level.SATISFIED, 4)
    assert parse_score("basic") == Score(Level.BASIC)
    for bad in ("0", "6", "good", ""):
        with pytest.raises(ValueError):
            parse_score(bad)


def test_a_rating_at_pickup_is_kept_with_the_order_s_departments(fb: FeedbackWorld) -> None:
    c = fb.counter
    order = fb.order("a", "b", "a")
    with c.db.action() as s:
        rating_id = record_rating(s, c.clerk, c.clock, order, "satisfied", " 很快 ")
    with c.db.session() as s:
        rating = s.get(Rating, rating_id)
        assert rating is not None
        assert (rating.level, rating.stars, rating.comment, rating.channel) == (
            "satisfied", None, "很快", "counter"
        )  # fmt: skip
        assert rating.recorded_by_id == c.clerk.id and rating.live
        departments = set(
            s.scalars(
                select(RatingDepartment.department_id).where(
                    RatingDepartment.rating_id == rating_id
                )
            )
        )
        assert departments == {fb.a[1], fb.b[1]}
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "feedback.rate"))
        assert audit is not None and "satisfied" in audit.after


def test_one_rating_per_order_and_channel_and_a_correction_keeps_the_old(
    fb: FeedbackWorld,
) -> None:
    c = fb.counter
    order = fb.order("a")
    with c.db.action() as s:
        first = record_rating(s, c.clerk, c.clock, order, 2)
    with pytest.raises(CounterError, match="已有评价"), c.db.action() as s:
        record_rating(s, c.clerk, c.clock, order, "satisfied")
    with c.db.action() as s:  # the phone is another channel
        record_rating(s, c.clerk, c.clock, order, 3, channel="phone")
    with pytest.raises(ValidationError), c.db.action() as s:
        correct_rating(s, c.clerk, c.clock, first, 4, "", "  ")
    with c.db.action() as s:
        second = correct_rating(s, c.clerk, c.clock, first, 4, "说错了", "客户更正")
    with pytest.raises(CounterError, match="已作废"), c.db.action() as s:
        correct_rating(s, c.clerk, c.clock, first, 5, "", "再改")
    with c.db.session() as s:
        rows = ratings_of_order(s, order)
    assert [(r.id, r.level, r.stars, r.voided, r.channel) for r in rows] == [
        (first, "dissatisfied", 2, True, "counter"),
        (rows[1].id, "basic", 3, False, "phone"),
        (second, "satisfied", 4, False, "counter"),
    ]
    assert rows[0].void_reason == "客户更正" and rows[2].replaces_id == first
    assert rows[0].recorded_by == "王收发"


def test_who_may_rate(fb: FeedbackWorld) -> None:
    c = fb.counter
    order = fb.order("a")
    with pytest.raises(PermissionDenied), c.db.action() as s:
        record_rating(s, c.billing, c.clock, order, "satisfied")
    with c.db.action() as s:
        record_rating(s, fb.supervisor, c.clock, order, "basic")
    with pytest.raises(ValidationError), c.db.action() as s:
        record_rating(s, c.clerk, c.clock, order, "basic", channel="code")
    with pytest.raises(ValidationError), c.db.action() as s:
        record_rating(s, c.clerk, c.clock, order, "excellent", channel="phone")
    with pytest.raises(NotFound), c.db.action() as s:
        record_rating(s, c.clerk, c.clock, 999_999, "basic")


def test_an_unknown_code_rates_nothing(fb: FeedbackWorld) -> None:
    c = fb.counter
    for code in ("", "ABCD-2345", "not a code"):
        with pytest.raises(NotFound, match="评价码"), c.db.action() as s:
            rate_by_code(s, c.clock, code, "satisfied")


def test_an_order_is_found_by_any_of_its_numbers_or_its_code(fb: FeedbackWorld) -> None:
    c = fb.counter
    order_id = fb.order("a", "b")
    with c.db.action() as s:
        code = ensure_rating_code(s, c.clock, order_id)
        order = s.get(Order, order_id)
        assert order is not None
        number, item = order.number, order.items[1].number
    with c.db.session() as s:
        found = [rating_target(s, text) for text in (number, item, code.lower(), "nothing")]
    assert [t.order_id if t else None for t in found] == [order_id] * 3 + [None]
    assert found[0] is not None and found[0].customer == "聊城计量器具有限公司"
