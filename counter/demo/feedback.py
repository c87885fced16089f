"""The demo's feedback: ratings of the orders handed over, and complaints in every state.

So that the complaints screen has work: one urgent complaint overdue since last week,
one in handling, one closed after a call-back.  Everything goes through the feedback
actions (a complaint taken days ago is taken on a clock set back to that day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.admin.rules.roles import Actor
from counter.clock import Clock, FixedClock
from counter.feedback.complaints import (
    ComplaintForm,
    add_complaint,
    answer_complaint,
    call_back,
    close_complaint,
    start_handling,
)
from counter.feedback.ratings import record_rating
from counter.intake.catalog import list_departments
from db.models_release import Release

RATINGS = ("satisfied", 5, "basic", "satisfied", 2)
COMMENTS = ("取件很快，服务热情", "", "等候时间稍长", "", "证书上的地址写错了")


def seed_feedback(
    session: Session,
    clerk: Actor,
    supervisor: Actor,
    clock: Clock,
    customers: Sequence[int],
) -> None:
    orders = list(dict.fromkeys(session.scalars(select(Release.order_id).order_by(Release.id))))
    for n, order_id in enumerate(orders):
        score = RATINGS[n % len(RATINGS)]
        record_rating(session, clerk, clock, order_id, score, COMMENTS[n % len(COMMENTS)])
    departments = [d.id for d in list_departments(session)]
    week_ago = FixedClock(clock.now() - dt.timedelta(days=7))
    late = ComplaintForm(
        summary="送检的加油机一周了还没有消息，电话无人接",
        object="waiting",
        customer_id=customers[3],
        priority="urgent",
        owner_department_id=departments[0],
    )
    add_complaint(session, clerk, week_ago, late)
    closed = ComplaintForm(
        summary="收费清单上的修理费没有说明",
        object="fee",
        customer_id=customers[0],
        priority="normal",
        owner_department_id=departments[0],
    )
    done = add_complaint(session, clerk, week_ago, closed)
    answer_complaint(session, clerk, week_ago, done.id, "已向客户逐项说明修理费，并补打清单")
    call_back(session, clerk, clock, done.id, "praise", "客户认可处理结果", "satisfied")
    close_complaint(session, supervisor, clock, done.id, "办结")
    handling = ComplaintForm(
        summary="检定员态度生硬",
        object="person",
        complainant="王先生",
        phone="13600136000",
        object_text="检定员（未留姓名）",
        priority="high",
        owner_department_id=departments[-1],
    )
    taken = add_complaint(session, clerk, clock, handling)
    start_handling(session, supervisor, clock, taken.id, "质量监督约谈当事人")
