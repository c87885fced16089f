"""Ratings (好差评): one per order and channel, recorded at pickup, by the slip's code or by
phone; a correction voids the old rating (kept, with the reason) and records a new one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.audit.write import record
from counter.admin.auth import require
from counter.admin.rules.roles import Actor, Perm
from counter.clock import Clock, local_date
from counter.errors import CounterError, NotFound, ValidationError
from counter.feedback.rules.scores import Channel, Score, parse_score, score_label
from counter.i18n import _
from counter.intake.rules.lifecycle import ItemStatus
from counter.intake.scan import lookup
from counter.release.rating_code import order_of_code
from db.models import Item, Order, User
from db.models_feedback import Rating, RatingDepartment

MAX_COMMENT = 1000


@dataclass(frozen=True)
class RatingRow:
    id: int
    order_number: str
    level: str
    stars: int | None
    label: str
    comment: str
    channel: str
    at: dt.datetime
    recorded_by: str  # "" when the customer rated with the code
    voided: bool
    void_reason: str
    replaces_id: int | None


def _score(score: str | int | Score) -> Score:
    try:
        return parse_score(score)
    except ValueError as error:
        raise ValidationError([str(error)]) from error


def _comment(comment: str) -> str:
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise ValidationError([_("评价意见过长（最多 {n} 个字符）").format(n=MAX_COMMENT)])
    return comment


def _live(session: Session, order_id: int, channel: str) -> Rating | None:
    return session.scalar(
        select(Rating).where(
            Rating.order_id == order_id, Rating.channel == channel, Rating.live.is_(True)
        )
    )


def _departments(session: Session, order_id: int) -> list[int]:
    query = (
        select(Item.department_id)
        .where(Item.order_id == order_id, Item.status != ItemStatus.VOIDED.value)
        .distinct()
        .order_by(Item.department_id)
    )
    return list(session.scalars(query))


def _add(
    session: Session,
    clock: Clock,
    order: Order,
    score: Score,
    comment: str,
    channel: Channel,
    actor: Actor | None,
    replaces: int | None = None,
) -> Rating:
    now = clock.now()
    rating = Rating(
        order_id=order.id,
        customer_id=order.customer_id,
        level=score.level.value,
        stars=score.stars,
        comment=comment,
        channel=channel.value,
        at=now,
        rated_on=local_date(now),
        recorded_by_id=actor.id if actor else None,
        live=True,
        replaces_id=replaces,
    )
    session.add(rating)
    session.flush()
    session.add_all(
        RatingDepartment(rating_id=rating.id, department_id=d)
        for d in _departments(session, order.id)
    )
    session.flush()
    return rating


def _new_rating(
    session: Session,
    clock: Clock,
    actor: Actor | None,
    order_id: int,
    score: str | int | Score,
    comment: str,
    channel: Channel,
) -> int:
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(_("委托单不存在"))
    parsed, comment = _score(score), _comment(comment)
    existing = _live(session, order.id, channel.value)
    if existing is not None:
        raise CounterError(
            _("委托单 {order} 已有评价（{score}）；如需修改，请更正原评价").format(
                order=order.number, score=score_label(existing.level, existing.stars)
            )
        )
    rating = _add(session, clock, order, parsed, comment, channel, actor)
    record(
        session,
        actor,
        clock,
        "feedback.rate",
        "order",
        order.number,
        after={"level": rating.level, "stars": rating.stars, "channel": channel.value,
               "comment": comment},
    )  # fmt: skip
    return rating.id


def record_rating(
    session: Session,
    actor: Actor,
    clock: Clock,
    order_id: int,
    score: str | int | Score,
    comment: str = "",
    channel: str = Channel.COUNTER.value,
) -> int:
    """The customer's rating of an order, taken by a clerk (at pickup or on the phone)."""
    require(session, actor, Perm.RATE)
    if channel not in (Channel.COUNTER, Channel.PHONE):
        raise ValidationError([_("柜台只能记录领取时或电话中的评价")])
    return _new_rating(session, clock, actor, order_id, score, comment, Channel(channel))


def rate_by_code(
    session: Session, clock: Clock, code: str, score: str | int | Score, comment: str = ""
) -> int:
    """The customer rates with the short code (or QR) of the handover slip; no login."""
    order_id = order_of_code(session, code)
    if order_id is None:
        raise NotFound(_("评价码 {code} 无效，请核对交接单上的评价码").format(code=code.strip()))
    return _new_rating(session, clock, None, order_id, score, comment, Channel.CODE)


def correct_rating(
    session: Session,
    actor: Actor,
    clock: Clock,
    rating_id: int,
    score: str | int | Score,
    comment: str,
    reason: str,
) -> int:
    """Void a rating (kept, with the reason) and record the corrected one; returns its id."""
    require(session, actor, Perm.RATE)
    old = session.get(Rating, rating_id)
    if old is None:
        raise NotFound(_("评价不存在"))
    if not old.live:
        raise CounterError(_("该评价已作废，请更正当前有效的评价"))
    reason = reason.strip()
    if not reason:
        raise ValidationError([_("请填写更正原因")])
    parsed, comment = _score(score), _comment(comment)
    old.live = None
    old.voided_at = clock.now()
    old.voided_by_id = actor.id
    old.void_reason = reason
    session.flush()
    new = _add(
        session, clock, old.order, parsed, comment, Channel(old.channel), actor, replaces=old.id
    )
    record(
        session,
        actor,
        clock,
        "feedback.rate_correct",
        "order",
        old.order.number,
        before={"level": old.level, "stars": old.stars, "comment": old.comment},
        after={"level": new.level, "stars": new.stars, "comment": new.comment},
        reason=reason,
    )
    return new.id


@dataclass(frozen=True)
class RatingTarget:
    order_id: int
    order_number: str
    customer: str


def rating_target(session: Session, text: str) -> RatingTarget | None:
    """The order a scanned or typed order / item / certificate number or rating code names."""
    hit = lookup(session, text)
    order_id = hit.order_id if hit is not None else order_of_code(session, text)
    if order_id is None:
        return None
    order = session.get(Order, order_id)
    assert order is not None
    return RatingTarget(order.id, order.number, order.customer.name)


def ratings_of_order(session: Session, order_id: int) -> list[RatingRow]:
    """Every rating of an order, voided ones included, oldest first."""
    query = (
        select(Rating, Order.number, User.full_name)
        .join(Order, Order.id == Rating.order_id)
        .outerjoin(User, User.id == Rating.recorded_by_id)
        .where(Rating.order_id == order_id)
        .order_by(Rating.at, Rating.id)
    )
    return [
        RatingRow(
            r.id,
            number,
            r.level,
            r.stars,
            score_label(r.level, r.stars),
            r.comment,
            r.channel,
            r.at,
            who or "",
            not r.live,
            r.void_reason,
            r.replaces_id,
        )
        for r, number, who in session.execute(query)
    ]
