"""Scheduling on-site jobs: refusals with the reason, double booking refused, states."""

from __future__ import annotations

import datetime as dt

import pytest

from counter.errors import CounterError, ValidationError
from counter.onsite.jobs import cancel_job, finish_job, start_job
from counter.onsite.rules.jobs import JobState
from counter.onsite.schedule import UrgentCall, schedule_job, urgent_job
from counter.reports.audit_log import list_audit
from counter.reports.audit_names import action_label, change_text
from db.models_onsite import Booking, OnsiteJob
from tests.conftest import Counter
from tests.counter.onsite.world import TODAY, make_world


def test_a_job_goes_requested_scheduled_in_progress_done(counter: Counter) -> None:
    w = make_world(counter)
    job_id = w.job()
    with counter.db.action() as s:
        done = schedule_job(s, counter.clerk, counter.clock, job_id, w.crew())
        assert done.state == JobState.SCHEDULED and done.number.startswith("W2026")
    with counter.db.action() as s:
        start_job(s, w.verifier, counter.clock, job_id)
        finish_job(s, w.verifier, counter.clock, job_id)
    with counter.db.action() as s:
        job = s.get(OnsiteJob, job_id)
        assert job is not None and job.state == "done" and job.vehicle_id == w.vehicle_id
        assert [c.user_id for c in job.crew] == [w.verifier.id]
        assert s.query(Booking).count() == 0  # a finished job frees its resources


def test_expired_standard_and_unauthorised_verifier_are_refused_with_reasons(
    counter: Counter,
) -> None:
    w = make_world(counter)
    job_id = w.job()
    crew = w.crew(crew_ids=(w.unauthorised.id,), standard_ids=(w.expired_standard_id,))
    with counter.db.action() as s, pytest.raises(ValidationError) as refused:
        schedule_job(s, counter.clerk, counter.clock, job_id, crew)
    text = str(refused.value)
    assert "STD-W-002" in text and "不覆盖任务日期 2026-11-23" in text
    assert "孙检定 没有“电子汽车衡(地磅)”的检定授权" in text
    with counter.db.action() as s:
        assert s.get(OnsiteJob, job_id).state == "requested"  # type: ignore[union-attr]


def test_double_booking_of_standard_verifier_and_vehicle_is_refused(counter: Counter) -> None:
    w = make_world(counter)
    first, second = w.job(), w.job()
    with counter.db.action() as s:
        schedule_job(s, counter.clerk, counter.clock, first, w.crew())
    with counter.db.action() as s, pytest.raises(ValidationError) as refused:
        schedule_job(s, counter.clerk, counter.clock, second, w.crew())
    assert len(refused.value.problems) == 3
    assert all("已安排给上门任务" in p for p in refused.value.problems)
    # another day is free; after a cancel the day is free again
    with counter.db.action() as s:
        schedule_job(s, counter.clerk, counter.clock, second, w.crew(TODAY + dt.timedelta(days=1)))
        cancel_job(s, counter.clerk, counter.clock, first, "客户改期")
    with counter.db.action() as s:
        schedule_job(s, counter.clerk, counter.clock, second, w.crew())


def test_urgent_job_from_a_phone_call_is_scheduled_today(counter: Counter) -> None:
    w = make_world(counter)
    call = UrgentCall(
        counter.customer_id, "地磅显示闪烁，十几辆车在等", contact_phone="13900000000"
    )
    with counter.db.action() as s:
        done = urgent_job(s, counter.clerk, counter.clock, call, w.crew(dt.date(2030, 1, 1)))
    with counter.db.action() as s:
        job = s.get(OnsiteJob, done.job_id)
        assert job is not None and job.urgent and job.state == "scheduled"
        assert job.confirmed_date == TODAY == job.requested_date
        assert job.site_address == "山东省聊城市东昌府区 1 号"


def test_cancel_needs_a_reason_and_done_jobs_cannot_move(counter: Counter) -> None:
    w = make_world(counter)
    job_id = w.job()
    with counter.db.action() as s, pytest.raises(ValidationError):
        cancel_job(s, counter.clerk, counter.clock, job_id, " ")
    with counter.db.action() as s, pytest.raises(CounterError, match="不能改为"):
        start_job(s, counter.clerk, counter.clock, job_id)


def test_the_audit_log_reads_job_states_by_name(counter: Counter) -> None:
    w = make_world(counter)
    job_id = w.job()
    with counter.db.action() as s:
        cancel_job(s, counter.clerk, counter.clock, job_id, "客户改期")
    with counter.db.session() as s:
        top = list_audit(s, counter.admin)[0]
    assert (top.action, top.reason) == ("onsite.cancelled", "客户改期")
    assert action_label(top.action) == "取消上门任务"
    assert change_text(top.before, top.after, top.entity) == "状态：待安排 → 已取消"
